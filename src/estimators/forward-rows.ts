/** A model's output for many rows, computed in chunks so that no batch tensor gets large. */
import type { Features } from '../core/index.js';
import { tf, type LayersModel } from '../backend/index.js';
import { featuresTensor } from './device-data.js';
import { toProbabilities, type LossSpec } from './losses.js';

/** Rows per forward pass when predicting. */
const PREDICT_CHUNK = 2048;

/** The raw outputs (or, with `probabilities`, the loss's probabilities) for every row, row-major. */
export async function forwardRows(model: LayersModel, loss: LossSpec, features: Features, nOutputs: number, probabilities: boolean): Promise<Float32Array> {
  const n = features.nSamples;
  const values = new Float32Array(n * nOutputs);
  // Chunks are cut on the host: model.predict slices one big tensor per batch, and the
  // wasm backend's Slice copies the whole source every time.
  for (let start = 0; start < n; start += PREDICT_CHUNK) {
    const rows = Int32Array.from({ length: Math.min(PREDICT_CHUNK, n - start) }, (_, i) => start + i);
    const input = featuresTensor(features, n <= PREDICT_CHUNK ? undefined : rows);
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
