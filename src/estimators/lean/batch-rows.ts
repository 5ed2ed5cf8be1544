/**
 * Taking a batch of rows out of a fold's data that already lives on the backend.
 *
 * wasm's GatherV2 computes every element's source through a heap-allocated index vector:
 * 1.5 ms for 64 rows of 784 floats, as long as the whole forward and backward pass of a
 * 784→32→16→10 MLP. On wasm the rows are therefore copied by a small kernel of our own
 * (one `TypedArray.set` per row inside the wasm heap, ~12 µs for the same batch); the
 * other backends keep `tf.gather`, which is fast there.
 */
import { copyRows, tf, type Tensor } from '../../backend/index.js';

const KERNEL = 'GridfoldTakeRows';
const STACKED_KERNEL = 'GridfoldTakeStackedRows';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** Rows `order[start .. start + size)` of a float32 matrix `[n, ...rowShape]`, as `[size, rowLength]`. */
export type TakeRows = (matrix: Tensor, order: Int32Array, start: number, size: number) => Tensor;

/** A row taker for the active backend; `order` is the epoch's permutation on the host. */
export function rowTaker(): { take: TakeRows; dispose: () => void } {
  if (tf.getBackend() === 'wasm') {
    registerWasmKernel();
    return { take: takeRowsWasm, dispose: () => undefined };
  }
  // Elsewhere: the permutation goes to the device once per epoch and batches are gathered.
  let uploaded: { order: Int32Array; tensor: Tensor } | undefined;
  const take: TakeRows = (matrix, order, start, size) => {
    if (!uploaded || uploaded.order !== order) {
      uploaded?.tensor.dispose();
      uploaded = { order, tensor: tf.keep(tf.tensor1d(order, 'int32')) };
    }
    const indices = tf.slice(uploaded.tensor, start, size);
    return tf.reshape(tf.gather(matrix, indices), [size, -1]);
  };
  return { take, dispose: () => uploaded?.tensor.dispose() };
}

function takeRowsWasm(matrix: Tensor, order: Int32Array, start: number, size: number): Tensor {
  const rows = order.subarray(start, start + size);
  return tf.engine().runKernel(KERNEL, { x: matrix }, { rows: rows as unknown as number[] }) as Tensor;
}

function registerWasmKernel(): void {
  if (tf.getKernel(KERNEL, 'wasm')) return;
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = inputs.x as tf.TensorInfo;
      const rows = (attrs as unknown as { rows: Int32Array }).rows;
      const rowLength = rowLengthOf(x);
      checkRows(KERNEL, x, rows);
      const heap = backend as unknown as WasmHeapBackend;
      // makeOutput may grow the wasm memory, so the views are taken after it.
      const out = heap.makeOutput([rows.length, rowLength], 'float32');
      copyRows(heap.typedArrayFromHeap(x), rowLength, rows, heap.typedArrayFromHeap(out));
      return out;
    },
  });
}

/**
 * Rows of several matrices at once, for fold-batched training: fold f's rows
 * `orders[f][start .. start + sizes[f])` of `matrices[f]`, stacked as [k, rows, rowLength]
 * and zero-padded where a fold has fewer than `rows`.
 */
export type TakeStackedRows = (matrices: Tensor[], orders: Int32Array[], start: number, sizes: number[], rows: number) => Tensor;

export function stackedRowTaker(): TakeStackedRows {
  if (tf.getBackend() === 'wasm') {
    registerWasmStackedKernel();
    return (matrices, orders, start, sizes, rows) => {
      const picked = orders.map((order, f) => order.subarray(start, start + sizes[f]));
      const inputs = Object.fromEntries(matrices.map((m, f) => [`x${f}`, m]));
      return tf.engine().runKernel(STACKED_KERNEL, inputs, { picked, rows } as unknown as tf.NamedAttrMap) as Tensor;
    };
  }
  return (matrices, orders, start, sizes, rows) => tf.tidy(() => tf.stack(matrices.map((matrix, f) => {
    if (sizes[f] === 0) return tf.zeros([rows, matrix.size / matrix.shape[0]]);
    const indices = tf.tensor1d(orders[f].subarray(start, start + sizes[f]), 'int32');
    const taken = tf.reshape(tf.gather(matrix, indices), [sizes[f], -1]);
    return sizes[f] === rows ? taken : tf.pad(taken, [[0, rows - sizes[f]], [0, 0]]);
  })));
}

function registerWasmStackedKernel(): void {
  if (tf.getKernel(STACKED_KERNEL, 'wasm')) return;
  tf.registerKernel({
    kernelName: STACKED_KERNEL,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { picked, rows } = attrs as unknown as { picked: Int32Array[]; rows: number };
      const matrices = picked.map((_, f) => inputs[`x${f}`] as tf.TensorInfo);
      const rowLength = rowLengthOf(matrices[0]);
      matrices.forEach((x, f) => checkRows(STACKED_KERNEL, x, picked[f]));
      const heap = backend as unknown as WasmHeapBackend;
      const out = heap.makeOutput([picked.length, rows, rowLength], 'float32');
      const target = heap.typedArrayFromHeap(out);
      picked.forEach((indices, f) => {
        const base = f * rows * rowLength;
        // The wasm heap reuses freed blocks: padding must be written, not assumed.
        target.fill(0, base + indices.length * rowLength, base + rows * rowLength);
        copyRows(heap.typedArrayFromHeap(matrices[f]), rowLength, indices, target, base);
      });
      return out;
    },
  });
}

function rowLengthOf(x: tf.TensorInfo): number {
  return x.shape.slice(1).reduce((a, b) => a * b, 1);
}

function checkRows(kernel: string, x: tf.TensorInfo, rows: ArrayLike<number>): void {
  if (x.dtype !== 'float32') throw new Error(`${kernel}: expected float32 rows, got ${x.dtype}`);
  for (let i = 0; i < rows.length; i++) {
    if (!(rows[i] >= 0 && rows[i] < x.shape[0])) throw new Error(`${kernel}: row ${rows[i]} is outside [0, ${x.shape[0]})`);
  }
}
