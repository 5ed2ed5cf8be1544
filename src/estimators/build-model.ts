/**
 * From an estimator's parameters to its tfjs model: the module's builder with the
 * module's own parameters, then a check that the output has one unit per class (or
 * target). `fit` builds with it, and so does `summary()` of an unfitted estimator.
 */
import { DataError, GridfoldError, messages, type TaskKind } from '../core/index.js';
import type { LayersModel } from '../backend/index.js';
import { resolveModule } from './modules/registry.js';
import { tfSeed } from './modules/initializers.js';
import { lossExpects, type LossSpec } from './losses.js';
import type { ParamValues } from './params.js';

export interface BuiltModel {
  model: LayersModel;
  loss: LossSpec;
  /** The module's name, for messages and summaries. */
  moduleName: string;
}

export async function buildModel(params: ParamValues, task: TaskKind, sampleShape: number[], nOutputs: number): Promise<BuiltModel> {
  const definition = await resolveModule(params.module);
  const moduleParams = Object.fromEntries(
    Object.entries(params).filter(([k]) => k.startsWith('module.')).map(([k, v]) => [k.slice('module.'.length), v]),
  );
  const lossName = params.loss;
  let model: LayersModel;
  try {
    model = definition.build({
      params: moduleParams, inputShape: sampleShape, outputUnits: nOutputs, task,
      seed: tfSeed(params.seed, 'module'), lossExpects: lossExpects(lossName),
    });
  } catch (error) {
    // A built-in module's refusal (a cnn given flat rows) already says what is wrong.
    if (error instanceof GridfoldError) throw error;
    throw new GridfoldError(messages.moduleBuilderFailed(definition.name, (error as Error).message));
  }
  const outputShape = model.outputs[0].shape;
  if (outputShape.length !== 2 || outputShape[1] !== nOutputs) {
    model.dispose();
    throw new DataError(messages.moduleOutputMismatch(definition.name, outputShape, nOutputs));
  }
  const last = model.layers[model.layers.length - 1].getConfig() as { activation?: string };
  return { model, loss: { name: lossName, outputsProbabilities: last.activation === 'softmax', task }, moduleName: definition.name };
}
