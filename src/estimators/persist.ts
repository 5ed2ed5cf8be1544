/**
 * save(dir) / load(dir): the model as model.json + weights.bin (the layout tfjs-node's
 * file:// handler writes and `tf.loadLayersModel` reads), and gridfold.json beside them
 * with the estimator's parameters, output size and history.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GridfoldError, ensureDirectory, type HistoryRow, type Label, type Params } from '../core/index.js';
import { messages } from '../core/index.js';
import { initBackend, tf, type LayersModel } from '../backend/index.js';
import { callbackFromJSON, importCallbackSources, type SerializedCallback } from './callbacks/index.js';
import type { EstimatorSpec } from './spec.js';

/** gridfold.json: the estimator's spec and what its fitted model needs besides the weights. */
export interface SavedEstimator extends EstimatorSpec {
  nOutputs: number;
  sampleShape: number[];
  history: HistoryRow[];
  /** A classifier's labels, one per output unit. */
  classes?: Label[];
}

/** What `load` needs of an estimator class: built from its parameters, then given the model. */
interface Restorable {
  restoreFitted(model: LayersModel, nOutputs: number, sampleShape: number[], history: HistoryRow[], classes?: Label[]): void;
}

const FORMAT = 'gridfold-estimator/1';

export async function saveEstimator(saved: SavedEstimator, model: LayersModel, dir: string): Promise<void> {
  // Not mkdir's recursive: it loops forever on a path the kernel refuses (/proc/x).
  await ensureDirectory(dir);
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = tf.io.CompositeArrayBuffer.join(artifacts.weightData!);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
      await writeFile(join(dir, 'weights.bin'), new Uint8Array(weightData));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  await writeFile(join(dir, 'gridfold.json'), JSON.stringify({ format: FORMAT, ...saved }, null, 2));
}

export async function loadEstimator<T extends Restorable>(dir: string, Class: new (params: Params) => T): Promise<T> {
  for (const file of ['model.json', 'weights.bin', 'gridfold.json']) {
    if (!existsSync(join(dir, file))) throw new GridfoldError(messages.savedModelMissing(dir, file));
  }
  const saved = JSON.parse(await readFile(join(dir, 'gridfold.json'), 'utf8')) as SavedEstimator;
  if (saved.className !== Class.name) throw new GridfoldError(messages.savedModelWrongClass(dir, saved.className, Class.name));
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const weights = await readFile(join(dir, 'weights.bin'));
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  // A fresh process (a user's script) may load a model before anything chose a backend.
  await initBackend();
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData }),
  );
  const callbacks = saved.params.callbacks as SerializedCallback[];
  await importCallbackSources(callbacks);
  const params = { ...saved.params, callbacks: callbacks.map(callbackFromJSON) };
  const estimator = new Class(params);
  estimator.restoreFitted(model, saved.nOutputs, saved.sampleShape, saved.history, saved.classes);
  return estimator;
}
