/** A model's output for many rows, computed in chunks so that no batch tensor gets large. */
import type { Features } from '../core/index.js';
import { tf, type LayersModel } from '../backend/index.js';
import { featuresTensor } from './device-data.js';
import { toProbabilities, type LossSpec } from './losses.js';

/** Rows per forward pass when predicting. */
const PREDICT_CHUNK = 2048;

/** Rows of features that were checked already (a search's data): predicted without a second check or a first copy. */
export class CheckedRows {
  constructor(readonly features: Features, readonly rows: Int32Array) {}
}

/**
 * The raw outputs (or, with `probabilities`, the loss's probabilities) for every row, or
 * for rows `rows` of the features, row-major.
 */
export async function forwardRows(model: LayersModel, loss: LossSpec, features: Features, nOutputs: number, probabilities: boolean, rows?: Int32Array): Promise<Float32Array> {
  const n = rows ? rows.length : features.nSamples;
  const rowLength = features.sampleShape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n * nOutputs);
  // Chunks are cut on the host: model.predict slices one big tensor per batch, and the
  // wasm backend's Slice copies the whole source every time.
  for (let start = 0; start < n; start += PREDICT_CHUNK) {
    const count = Math.min(PREDICT_CHUNK, n - start);
    const input = rows
      ? featuresTensor(features, rows.subarray(start, start + count))
      : tf.tensor(features.data.subarray(start * rowLength, (start + count) * rowLength), [count, ...features.sampleShape], 'float32');
    const output = tf.tidy(() => {
      const raw = model.apply(input, { training: false }) as tf.Tensor;
      return probabilities ? toProbabilities(loss, raw) : raw;
    });
    values.set((await output.data()) as Float32Array, start * nOutputs);
    input.dispose();
    output.dispose();
  }
  return values;
}
