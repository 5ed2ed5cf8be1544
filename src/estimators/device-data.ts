/**
 * Moving a fold's rows to the backend once: features as a tensor of the sample shape,
 * targets as one-hot rows (classifier) or target columns (regressor).
 */
import type { Features, Targets, TaskKind } from '../core/index.js';
import { rowsTensor, takeRows, tf } from '../backend/index.js';
import type { DeviceSet } from './train-options.js';

export { takeRows };

export function takeTargets(y: Targets, indices?: ArrayLike<number>): Targets {
  if (!indices) return y;
  const out = y instanceof Int32Array ? new Int32Array(indices.length) : new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = y[indices[i]];
  return out;
}

export function featuresTensor(X: Features, indices?: ArrayLike<number>): tf.Tensor {
  if (indices) return rowsTensor(X.data, X.sampleShape, indices);
  return tf.tensor(X.data, [X.nSamples, ...X.sampleShape], 'float32');
}

/**
 * Training data for the backend: targets `indices` of y (all when undefined) with their
 * features — row i of y is row `rows[i]` of X when `rows` is given (a fold's data, whose
 * rows were never copied out of the search's X), row i of X otherwise.
 */
export function toDeviceSet(task: TaskKind, data: { X: Features; y: Targets; rows?: Int32Array }, nOutputs: number, indices?: Int32Array): DeviceSet {
  const { X, y, rows } = data;
  const targets = takeTargets(y, indices);
  const features = featuresTensor(X, rows ? (indices ? indices.map((i) => rows[i]) : rows) : indices);
  if (task === 'classification') {
    const labels = tf.tensor1d(targets as Int32Array, 'int32');
    const Y = tf.tidy(() => tf.oneHot(labels, nOutputs).toFloat());
    return { X: features, Y, labels, n: targets.length };
  }
  const Y = tf.tensor2d(targets as Float32Array, [targets.length, nOutputs]);
  return { X: features, Y, n: targets.length };
}

export function disposeDeviceSet(set: DeviceSet | undefined): void {
  if (!set) return;
  tf.dispose([set.X, set.Y, ...(set.labels ? [set.labels] : [])]);
}
