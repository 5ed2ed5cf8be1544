/**
 * `estimator.summary()`: torchinfo's summary of the estimator's model — the fitted one,
 * or the one `fit` would build for samples of `inputShape` and `nOutputs` outputs.
 */
import { InvalidParameterError, checkInteger, checkKnownOptions, messages, type TaskKind } from '../core/index.js';
import { initBackend, type LayersModel } from '../backend/index.js';
import { buildModel } from './build-model.js';
import type { ParamValues } from './params.js';
import { formatSummary, summarizeModel, type ModelSummary } from './summary.js';

export interface SummaryOptions {
  /** One sample's shape (`[28, 28, 1]`); needed before fit, or to see the model for other data. */
  inputShape?: number[];
  /** Classes (or regression targets); needed with inputShape. */
  nOutputs?: number;
  /** The batch the mult-adds and memory are counted for; default the estimator's batchSize. */
  batchSize?: number;
  /** 1 prints the table (torchinfo's default); 0, the default here, only returns the numbers. */
  verbose?: 0 | 1;
}

/** What the summary needs of an estimator, so that this file does not import the class. */
export interface Summarizable {
  readonly task: TaskKind;
  readonly isFitted: boolean;
  readonly model: LayersModel;
  getParams(): ParamValues;
}

const OPTIONS = ['inputShape', 'nOutputs', 'batchSize', 'verbose'];

export async function summarizeEstimator(
  estimator: Summarizable, owner: string, options: SummaryOptions, print: (text: string) => void,
): Promise<ModelSummary> {
  checkKnownOptions(owner, options, OPTIONS);
  const params = estimator.getParams();
  const batchSize = checkInteger(owner, 'batchSize', options.batchSize ?? params.batchSize, { min: 1 });
  const verbose = checkInteger(owner, 'verbose', options.verbose ?? 0, { min: 0, max: 1 });
  const moduleName = nameOfModule(params.module);
  let summary: ModelSummary;
  if (estimator.isFitted && options.inputShape === undefined && options.nOutputs === undefined) {
    summary = summarizeModel(estimator.model, moduleName, batchSize);
  } else {
    const inputShape = options.inputShape;
    if (!Array.isArray(inputShape) || inputShape.length === 0 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new InvalidParameterError(messages.summaryNeedsShape(owner, 'inputShape', inputShape, 'one sample\'s shape as a list of positive integers, e.g. [28, 28, 1] or [784]'));
    }
    const nOutputs = options.nOutputs;
    if (!(typeof nOutputs === 'number' && Number.isInteger(nOutputs) && nOutputs > 0)) {
      throw new InvalidParameterError(messages.summaryNeedsShape(owner, 'nOutputs', nOutputs, 'the number of classes (or regression targets), a positive integer'));
    }
    await initBackend();
    const built = await buildModel(params, estimator.task, [...inputShape], nOutputs);
    try {
      summary = summarizeModel(built.model, built.moduleName, batchSize);
    } finally {
      built.model.dispose();
    }
  }
  if (verbose > 0) print(formatSummary(summary));
  return summary;
}

/** `'cnn'`, a definition's or a `{ name, path }` reference's name. */
function nameOfModule(module: unknown): string {
  if (typeof module === 'string') return module;
  const name = (module as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'module';
}
