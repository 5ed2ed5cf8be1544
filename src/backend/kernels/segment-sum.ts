/**
 * UnsortedSegmentSum for the wasm backend, which lacks it: the gradient of tf.gather, so of
 * every Embedding layer. out[s] = Σ of the rows of x whose segment id is s; ids outside
 * [0, numSegments) are dropped, as in TensorFlow. One pass over x in row order, on the
 * wasm heap (tfjs' cpu backend makes one masked pass over all of x per segment).
 */
import { tf } from '../tf.js';
import type { WasmHeap } from './instance.js';
import { registerWasmKernel } from './register.js';

function unsortedSegmentSum({ inputs, backend, attrs }: tf.KernelFuncArgs): tf.TensorInfo {
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs as unknown as { numSegments: number };
  const heap = backend as unknown as WasmHeap;
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const rowLength = tf.util.sizeFromShape(rowShape);
  const dtype = x.dtype === 'int32' ? 'int32' : 'float32';
  const out = heap.makeOutput([numSegments, ...rowShape], dtype);
  // Views after makeOutput, which may grow the memory.
  const sums = heap.typedArrayFromHeap(out) as Float32Array | Int32Array;
  const values = heap.typedArrayFromHeap(x) as Float32Array | Int32Array;
  const ids = heap.typedArrayFromHeap(segmentIds) as Int32Array;
  // The heap reuses freed blocks: the sums must start from zero.
  sums.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const segment = ids[i];
    if (!(segment >= 0 && segment < numSegments)) continue;
    const from = i * rowLength;
    const to = segment * rowLength;
    for (let j = 0; j < rowLength; j++) sums[to + j] += values[from + j];
  }
  return out;
}

export function registerSegmentSum(): void {
  registerWasmKernel('UnsortedSegmentSum', unsortedSegmentSum);
}
