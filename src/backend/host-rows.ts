/**
 * Rows of a host matrix as a float32 tensor. On wasm they are written straight into the
 * tensor's memory on the wasm heap: a fold's rows are not first copied into a new host
 * array (tens of MB per fit, which V8 zeroes and the kernel maps in page by page) and then
 * copied again by tf.tensor. With two worker threads in one process those fresh pages cost
 * more than in two processes (the threads share one address space and its page-fault
 * lock): in the seed grid about a third of the CPU nJobs 2 spent beyond two processes.
 * Other backends get tf.tensor of the copied rows.
 */
import { tf } from './tf.js';
import type { WasmHeap } from './kernels/instance.js';

/** Copies the rows `indices` (all rows when undefined) out of a row-major matrix into a new array. */
export function takeRows(data: Float32Array, rowLength: number, indices?: ArrayLike<number>): Float32Array {
  if (!indices) return data;
  return copyRows(data, rowLength, indices, new Float32Array(indices.length * rowLength));
}

/** Rows `indices` of the row-major matrix `data` as a tensor of shape `[indices.length, ...sampleShape]`. */
export function rowsTensor(data: Float32Array, sampleShape: readonly number[], indices: ArrayLike<number>): tf.Tensor {
  const rowLength = sampleShape.reduce((a, b) => a * b, 1);
  const shape = [indices.length, ...sampleShape];
  if (tf.getBackend() !== 'wasm' || indices.length === 0) return tf.tensor(takeRows(data, rowLength, indices), shape, 'float32');
  const heap = tf.backend() as unknown as WasmHeap;
  const info = heap.makeOutput(shape, 'float32');
  // The view is taken after makeOutput, which may grow the wasm memory.
  copyRows(data, rowLength, indices, heap.typedArrayFromHeap(info) as Float32Array);
  return tf.engine().makeTensorFromTensorInfo(info);
}

/** Writes rows `indices` of `data` into `out` one after another from float `base` on; returns `out`. */
export function copyRows(data: Float32Array, rowLength: number, indices: ArrayLike<number>, out: Float32Array, base = 0): Float32Array {
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * rowLength;
    out.set(data.subarray(from, from + rowLength), base + i * rowLength);
  }
  return out;
}
