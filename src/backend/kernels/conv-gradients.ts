/**
 * The gradient kernels tfjs-backend-wasm 4.22 lacks or gets wrong, registered for 'wasm' so
 * that any tfjs-layers model with convolutions trains there (Conv2D, Conv1D,
 * SeparableConv2D, DepthwiseConv2D, Conv2DTranspose, MaxPooling with padding):
 *
 * - Conv2DBackpropFilter (missing): im2col of the input, then colsᵀ · dy on gridfold's
 *   GEMM — images taken in chunks so the columns stay a few MB, the chunks' products
 *   summed in the output.
 * - Conv2DBackpropInput (wasm's own is a scalar loop, 11× slower at DemoNetwork's second
 *   conv: bench/conv-kernels.ts): dy · filterᵀ on the GEMM, then col2im.
 * - DepthwiseConv2dNativeBackpropFilter / …BackpropInput (missing): direct loops, four
 *   channels at a time (conv.c).
 * - MaxPoolGrad: wasm's own starts each window's maximum at FLT_MIN, the smallest positive
 *   float, not at −∞, so a window of negative values sends its gradient to the wrong
 *   element, and padded windows lose theirs; it also breaks ties at the last maximum where
 *   tfjs' cpu backend and PyTorch take the first. Replaced.
 *
 * Each follows the attributes of tfjs-core's kernel (kernel_names.ts) and computes the
 * geometry with tfjs' own backend_util, so padding and rounding are tfjs' exactly.
 */
import { BackendError, messages } from '../../core/index.js';
import { tf } from '../tf.js';
import { FLAG_ACCUMULATE, FLAG_TRANSPOSE_A, FLAG_TRANSPOSE_B, heapOffset, kernelModuleFor, withHeapBlocks, type WasmHeap } from './instance.js';
import { registerWasmKernel } from './register.js';
import { convGeometry as geometry, isPointwise, poolGeometry, type Conv2DInfo } from './conv-geometry.js';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** Floats of im2col columns built at once (8 MiB): big enough for long GEMM panels, small beside the tensors. */
const COLUMN_CHUNK_FLOATS = 1 << 21;
let columnChunkFloats = COLUMN_CHUNK_FLOATS;

/** Tests only: a smaller chunk, so that a small batch is taken in several (undefined: the default). */
export function setColumnChunkFloats(floats: number | undefined): void {
  columnChunkFloats = floats ?? COLUMN_CHUNK_FLOATS;
}

interface ConvAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
}

function channelsLastOnly(kernel: string, dataFormat: string | undefined): void {
  if (dataFormat === 'NCHW') throw new BackendError(messages.wasmKernelChannelsFirst(kernel));
}

/** Images per im2col chunk: at least one, at most what the chunk size holds. */
function imagesPerChunk(info: Conv2DInfo): number {
  const perImage = info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels;
  return Math.max(1, Math.min(info.batchSize, Math.floor(columnChunkFloats / Math.max(perImage, 1))));
}

/**
 * What both Conv2D gradients share: the geometry, the output tensor, and a walk over the
 * batch in chunks of images with a block of columns for each ([rows, k] with k =
 * filter_h·filter_w·in_channels; `offsets` turns a chunk's first image into byte offsets
 * of its input and output rows). A pointwise convolution needs no columns: `pointwise` is
 * called once instead.
 */
function convGradient(
  kernel: string, backend: unknown, a: ConvAttrs, inputShape: number[], filterShape: number[], outShape: number[],
  steps: {
    pointwise(c: ConvGradientContext): void;
    chunk(c: ConvGradientContext, first: number, images: number, cols: number): void;
  },
): tf.TensorInfo {
  channelsLastOnly(kernel, a.dataFormat);
  const info = tf.backend_util.computeConv2DInfo(inputShape as [number, number, number, number], filterShape as [number, number, number, number], a.strides, 1, a.pad, a.dimRoundingMode);
  const heap = backend as unknown as WasmHeap;
  const c: ConvGradientContext = {
    info, heap, kernels: kernelModuleFor(heap), out: heap.makeOutput(outShape, 'float32'),
    k: info.filterHeight * info.filterWidth * info.inChannels,
    n: info.outChannels,
    rowsPerImage: info.outHeight * info.outWidth,
    imageBytes: info.inHeight * info.inWidth * info.inChannels * 4,
  };
  if (info.batchSize * c.rowsPerImage === 0) {
    heap.typedArrayFromHeap(c.out).fill(0);
  } else if (isPointwise(info)) {
    steps.pointwise(c);
  } else {
    const chunk = imagesPerChunk(info);
    withHeapBlocks(heap, [chunk * c.rowsPerImage * c.k * 4], ([cols]) => {
      for (let b = 0; b < info.batchSize; b += chunk) steps.chunk(c, b, Math.min(chunk, info.batchSize - b), cols);
    });
  }
  return c.out;
}

interface ConvGradientContext {
  info: Conv2DInfo;
  heap: WasmHeap;
  kernels: ReturnType<typeof kernelModuleFor>;
  out: tf.TensorInfo;
  k: number;
  n: number;
  rowsPerImage: number;
  imageBytes: number;
}

/** dfilter [k, n] = colsᵀ · dy, the chunks' products added up in the output. */
function conv2DBackpropFilter({ inputs, backend, attrs }: tf.KernelFuncArgs): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as ConvAttrs & { filterShape: [number, number, number, number] };
  return convGradient('Conv2DBackpropFilter', backend, a, x.shape, a.filterShape, a.filterShape, {
    pointwise: ({ heap, kernels, k, n, rowsPerImage, info, out }) => kernels.gemm(
      1, k, n, info.batchSize * rowsPerImage, heapOffset(heap, x), 0, heapOffset(heap, dy), 0, 0, 0, heapOffset(heap, out), FLAG_TRANSPOSE_A, kernels.scratch),
    chunk: ({ heap, kernels, k, n, rowsPerImage, info, out, imageBytes }, first, images, cols) => {
      kernels.im2col(...geometry(info, images), heapOffset(heap, x) + first * imageBytes, cols);
      const flags = FLAG_TRANSPOSE_A | (first > 0 ? FLAG_ACCUMULATE : 0);
      kernels.gemm(1, k, n, images * rowsPerImage, cols, 0, heapOffset(heap, dy) + first * rowsPerImage * n * 4, 0, 0, 0, heapOffset(heap, out), flags, kernels.scratch);
    },
  });
}

/** dx = col2im(dy · filterᵀ), chunk by chunk (each chunk's images are its own). */
function conv2DBackpropInput({ inputs, backend, attrs }: tf.KernelFuncArgs): tf.TensorInfo {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as unknown as ConvAttrs & { inputShape: [number, number, number, number] };
  return convGradient('Conv2DBackpropInput', backend, a, a.inputShape, filter.shape, a.inputShape, {
    pointwise: ({ heap, kernels, k, n, rowsPerImage, info, out }) => kernels.gemm(
      1, info.batchSize * rowsPerImage, k, n, heapOffset(heap, dy), 0, heapOffset(heap, filter), 0, 0, 0, heapOffset(heap, out), FLAG_TRANSPOSE_B, kernels.scratch),
    chunk: ({ heap, kernels, k, n, rowsPerImage, info, out, imageBytes }, first, images, cols) => {
      kernels.gemm(1, images * rowsPerImage, k, n, heapOffset(heap, dy) + first * rowsPerImage * n * 4, 0, heapOffset(heap, filter), 0, 0, 0, cols, FLAG_TRANSPOSE_B, kernels.scratch);
      kernels.col2im(...geometry(info, images), cols, heapOffset(heap, out) + first * imageBytes);
    },
  });
}

/**
 * The depthwise gradients: the filter's from (x, dy), the input's from (dy, filter). Both
 * take the geometry, the channel multiplier, their two inputs and the output, in that order.
 */
function depthwiseBackprop(wanted: 'filter' | 'input'): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const a = attrs as unknown as ConvAttrs & { filterShape?: [number, number, number, number]; inputShape?: [number, number, number, number] };
    const { x, dy, filter } = inputs as { x?: tf.TensorInfo; dy: tf.TensorInfo; filter?: tf.TensorInfo };
    const [first, second] = wanted === 'filter' ? [x!, dy] : [dy, filter!];
    const filterShape = a.filterShape ?? (filter!.shape as [number, number, number, number]);
    const inputShape = a.inputShape ?? (x!.shape as [number, number, number, number]);
    const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, true);
    const heap = backend as unknown as WasmHeap;
    const kernels = kernelModuleFor(heap);
    const out = heap.makeOutput(wanted === 'filter' ? filterShape : inputShape, 'float32');
    const run = wanted === 'filter' ? kernels.depthwise_filter_grad : kernels.depthwise_input_grad;
    run(...geometry(info, info.batchSize), filterShape[3], heapOffset(heap, first), heapOffset(heap, second), heapOffset(heap, out));
    return out;
  };
}

const depthwiseBackpropFilter = depthwiseBackprop('filter');
const depthwiseBackpropInput = depthwiseBackprop('input');

function maxPoolGrad({ inputs, backend, attrs }: tf.KernelFuncArgs): tf.TensorInfo {
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const a = attrs as unknown as { filterSize: [number, number] | number; strides: [number, number] | number; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
  const heap = backend as unknown as WasmHeap;
  const kernels = kernelModuleFor(heap);
  const out = heap.makeOutput(input.shape, 'float32');
  const offset = (t: tf.TensorInfo) => heapOffset(heap, t);
  const outSize = tf.util.sizeFromShape(dy.shape);
  // The forward pass again, for where each maximum came from (tfjs passes no indices).
  withHeapBlocks(heap, [outSize * 4, outSize * 4], ([pooled, argmax]) => {
    kernels.maxpool(...poolGeometry(info, info.batchSize), offset(input), pooled, argmax);
    kernels.maxpool_backward(outSize, tf.util.sizeFromShape(input.shape), offset(dy), argmax, offset(out));
  });
  return out;
}

/** Registers the kernels above for 'wasm' (once per thread; replaces wasm's own where it has one). */
export function registerConvGradients(): void {
  registerWasmKernel('Conv2DBackpropFilter', conv2DBackpropFilter);
  registerWasmKernel('Conv2DBackpropInput', conv2DBackpropInput);
  registerWasmKernel('DepthwiseConv2dNativeBackpropFilter', depthwiseBackpropFilter);
  registerWasmKernel('DepthwiseConv2dNativeBackpropInput', depthwiseBackpropInput);
  registerWasmKernel('MaxPoolGrad', maxPoolGrad);
}
