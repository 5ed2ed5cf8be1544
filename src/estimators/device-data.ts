/**
 * Moving a fold's rows to the backend once: features as a tensor of the sample shape,
 * targets as one-hot rows (classifier) or target columns (regressor).
 */
import type { Features, Targets, TaskKind } from '../core/index.js';
import { tf } from '../backend/index.js';
import type { DeviceSet } from './train-options.js';

/** Copies the rows `indices` (all rows when undefined) out of a row-major matrix. */
export function takeRows(data: Float32Array, rowLength: number, indices?: ArrayLike<number>): Float32Array {
  if (!indices) return data;
  const out = new Float32Array(indices.length * rowLength);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * rowLength;
    out.set(data.subarray(from, from + rowLength), i * rowLength);
  }
  return out;
}

export function takeTargets(y: Targets, indices?: ArrayLike<number>): Targets {
  if (!indices) return y;
  const out = y instanceof Int32Array ? new Int32Array(indices.length) : new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = y[indices[i]];
  return out;
}

export function featuresTensor(X: Features, indices?: ArrayLike<number>): tf.Tensor {
  const rowLength = X.sampleShape.reduce((a, b) => a * b, 1);
  const rows = indices ? indices.length : X.nSamples;
  return tf.tensor(takeRows(X.data, rowLength, indices), [rows, ...X.sampleShape], 'float32');
}

export function toDeviceSet(task: TaskKind, X: Features, y: Targets, nOutputs: number, indices?: ArrayLike<number>): DeviceSet {
  const targets = takeTargets(y, indices);
  const features = featuresTensor(X, indices);
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
