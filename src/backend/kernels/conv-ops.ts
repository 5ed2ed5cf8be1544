/**
 * The convolution pieces a hand-written training step is built of, as gridfold kernels on
 * wasm (conv.c): im2col / col2im around gridfold's GEMM, max pooling that returns where
 * each maximum came from (so the backward pass is one scatter, not a second pooling), and
 * column sums for bias gradients. They exist for the lean conv step, which runs only where
 * `kernelModuleAvailable()`; on another backend they throw, naming the backend.
 *
 * Geometry is tfjs' Conv2DInfo (backend_util.computeConv2DInfo / computePool2DInfo) for one
 * image; the batch is the input's first axis, so the last, smaller batch of an epoch needs
 * no geometry of its own.
 */
import { BackendError, messages } from '../../core/index.js';
import { tf, type Tensor } from '../tf.js';
import { heapOffset, kernelModuleFor, type WasmHeap } from './instance.js';
import { convGeometry, poolGeometry, type Conv2DInfo } from './conv-geometry.js';
import { registerWasmKernel } from './register.js';

const IM2COL = 'GridfoldIm2Col';
const COL2IM = 'GridfoldCol2Im';
const MAX_POOL = 'GridfoldMaxPoolWithIndices';
const MAX_POOL_BACKWARD = 'GridfoldMaxPoolBackward';
const COLUMN_SUMS = 'GridfoldColumnSums';

type Attrs = tf.NamedAttrMap;

function run(kernel: string, inputs: tf.NamedTensorMap, attrs: object): Tensor | Tensor[] {
  if (tf.getBackend() !== 'wasm') throw new BackendError(messages.convOpNeedsWasm(kernel, tf.getBackend()));
  registerConvOps();
  return tf.engine().runKernel(kernel, inputs, attrs as Attrs) as Tensor | Tensor[];
}

/** x [batch, h, w, c] → its im2col columns [batch·out_h·out_w, filter_h·filter_w·c]. */
export function im2col(x: Tensor, info: Conv2DInfo): Tensor {
  return run(IM2COL, { x }, { info }) as Tensor;
}

/** The adjoint of im2col: columns [batch·out_h·out_w, filter_h·filter_w·c] → [batch, h, w, c]. */
export function col2im(cols: Tensor, info: Conv2DInfo): Tensor {
  return run(COL2IM, { cols }, { info }) as Tensor;
}

/** Max pooling of x [batch, h, w, c] (padding never wins): [y, argmax], argmax the int32 index in x of each maximum. */
export function maxPoolWithIndices(x: Tensor, info: Conv2DInfo): [Tensor, Tensor] {
  return run(MAX_POOL, { x }, { info }) as [Tensor, Tensor];
}

/** The gradient of maxPoolWithIndices: each dy to the x its maximum came from, as a tensor of `inputShape`. */
export function maxPoolBackward(dy: Tensor, argmax: Tensor, inputShape: readonly number[]): Tensor {
  return run(MAX_POOL_BACKWARD, { dy, argmax }, { inputShape }) as Tensor;
}

/** Σ over the rows of x [rows, cols] → [cols], or of each matrix of x [batch, rows, cols] → [batch, cols]. */
export function columnSums(x: Tensor): Tensor {
  return run(COLUMN_SUMS, { x }, {}) as Tensor;
}

function requireFloat32(kernel: string, x: tf.TensorInfo): void {
  if (x.dtype !== 'float32') throw new Error(`${kernel}: expected float32, got ${x.dtype}`);
}

/**
 * im2col: x [batch, h, w, c] → cols [batch·out_h·out_w, filter_h·filter_w·c]; col2im the way
 * back (summing where windows overlap). Both take the one input and tfjs' geometry.
 */
function columnsKernel(direction: 'im2col' | 'col2im'): tf.KernelFunc {
  const name = direction === 'im2col' ? IM2COL : COL2IM;
  return ({ inputs, backend, attrs }) => {
    const input = (direction === 'im2col' ? inputs.x : inputs.cols) as tf.TensorInfo;
    const { info } = attrs as unknown as { info: Conv2DInfo };
    requireFloat32(name, input);
    const heap = backend as unknown as WasmHeap;
    const pixels = info.outHeight * info.outWidth;
    const images = direction === 'im2col' ? input.shape[0] : input.shape[0] / pixels;
    const out = heap.makeOutput(direction === 'im2col'
      ? [images * pixels, info.filterHeight * info.filterWidth * info.inChannels]
      : [images, info.inHeight, info.inWidth, info.inChannels], 'float32');
    kernelModuleFor(heap)[direction](...convGeometry(info, images), heapOffset(heap, input), heapOffset(heap, out));
    return out;
  };
}

const kernels: Record<string, tf.KernelFunc> = {
  [IM2COL]: columnsKernel('im2col'),
  [COL2IM]: columnsKernel('col2im'),
  [MAX_POOL]: ({ inputs, backend, attrs }) => {
    const x = inputs.x as tf.TensorInfo;
    const { info } = attrs as unknown as { info: Conv2DInfo };
    requireFloat32(MAX_POOL, x);
    const heap = backend as unknown as WasmHeap;
    const shape = [x.shape[0], info.outHeight, info.outWidth, info.inChannels];
    const y = heap.makeOutput(shape, 'float32');
    const argmax = heap.makeOutput(shape, 'int32');
    kernelModuleFor(heap).maxpool(...poolGeometry(info, x.shape[0]), heapOffset(heap, x), heapOffset(heap, y), heapOffset(heap, argmax));
    return [y, argmax];
  },
  [MAX_POOL_BACKWARD]: ({ inputs, backend, attrs }) => {
    const { dy, argmax } = inputs as { dy: tf.TensorInfo; argmax: tf.TensorInfo };
    const { inputShape } = attrs as unknown as { inputShape: number[] };
    requireFloat32(MAX_POOL_BACKWARD, dy);
    const heap = backend as unknown as WasmHeap;
    const out = heap.makeOutput([...inputShape], 'float32');
    kernelModuleFor(heap).maxpool_backward(tf.util.sizeFromShape(dy.shape), tf.util.sizeFromShape(inputShape), heapOffset(heap, dy), heapOffset(heap, argmax), heapOffset(heap, out));
    return out;
  },
  [COLUMN_SUMS]: ({ inputs, backend }) => {
    const x = inputs.x as tf.TensorInfo;
    requireFloat32(COLUMN_SUMS, x);
    const heap = backend as unknown as WasmHeap;
    const [rows, cols] = x.shape.slice(-2);
    const batch = x.shape.length === 3 ? x.shape[0] : 1;
    const out = heap.makeOutput(x.shape.length === 3 ? [batch, cols] : [cols], 'float32');
    const [from, to] = [heapOffset(heap, x), heapOffset(heap, out)];
    const module = kernelModuleFor(heap);
    // Offsets are in bytes.
    for (let b = 0; b < batch; b++) module.column_sums(rows, cols, from + 4 * b * rows * cols, to + 4 * b * cols);
    return out;
  },
};

let registered = false;

function registerConvOps(): void {
  if (registered) return;
  for (const [name, kernelFunc] of Object.entries(kernels)) registerWasmKernel(name, kernelFunc);
  registered = true;
}
