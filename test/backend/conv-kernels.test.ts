/**
 * gridfold's gradient kernels for wasm against tfjs' cpu backend, kernel by kernel, on
 * random shapes: each output element within 1e-5 of the cpu's, relative to the size of what
 * it sums (the cpu kernel run on |inputs|), as a float32 sum's rounding error is bounded.
 */
import test from 'ava';
import { initBackend, tf } from '../../src/backend/index.js';
import { messages } from '../../src/core/index.js';
import { setColumnChunkFloats } from '../../src/backend/kernels/conv-gradients.js';
import { random } from './helpers.js';

const TOLERANCE = 1e-5;

const integer = (next: () => number, low: number, high: number) => low + Math.floor(next() * (high - low + 1));
const values = (next: () => number, size: number) => Float32Array.from({ length: size }, () => next() * 2 - 1);
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

interface Input {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype?: 'float32' | 'int32';
}

/** Runs one kernel on a backend and returns its output's values. */
async function run(backend: 'cpu' | 'wasm', kernel: string, inputs: Record<string, Input>, attrs: object): Promise<{ values: Float32Array; shape: number[] }> {
  await initBackend(backend);
  return tf.tidy(() => {
    const tensors = Object.fromEntries(Object.entries(inputs).map(([name, x]) => [name, tf.tensor(x.values, x.shape, x.dtype ?? 'float32')]));
    const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    return { values: out.dataSync() as Float32Array, shape: out.shape };
  });
}

const absolute = (inputs: Record<string, Input>) => Object.fromEntries(Object.entries(inputs).map(([name, x]) => [
  name, x.dtype === 'int32' ? x : { ...x, values: x.values.map(Math.abs) },
]));

/** The worst |wasm − cpu| / scale over the output, or Infinity when the shapes differ; scale from the kernel on |inputs| unless given. */
async function worstError(kernel: string, inputs: Record<string, Input>, attrs: object, scaleOf?: (i: number) => number): Promise<number> {
  const want = await run('cpu', kernel, inputs, attrs);
  const got = await run('wasm', kernel, inputs, attrs);
  if (JSON.stringify(got.shape) !== JSON.stringify(want.shape)) return Infinity;
  const scale = scaleOf ? undefined : (await run('cpu', kernel, absolute(inputs), attrs)).values;
  let worst = 0;
  for (let i = 0; i < want.values.length; i++) {
    const error = Math.abs(got.values[i] - want.values[i]) / Math.max(scaleOf ? scaleOf(i) : scale![i], 1e-30);
    if (!(error <= worst)) worst = error;
  }
  return worst;
}

interface ConvCase {
  batch: number; height: number; width: number; channels: number; kernel: [number, number];
  strides: [number, number]; pad: 'same' | 'valid'; dilations: [number, number]; outChannels: number;
}

/** A random convolution; `dilated` draws dilation rates 1–2 (only the depthwise gradients take them). */
function convCase(next: () => number, dilated: boolean): ConvCase {
  const kernel: [number, number] = [integer(next, 1, 5), integer(next, 1, 5)];
  const dilations: [number, number] = dilated ? [integer(next, 1, 2), integer(next, 1, 2)] : [1, 1];
  // tfjs refuses dilation together with strides > 1.
  const strides: [number, number] = dilations[0] > 1 || dilations[1] > 1 ? [1, 1] : [integer(next, 1, 2), integer(next, 1, 2)];
  const pad = next() < 0.5 ? 'same' : 'valid';
  const extent = (k: number, d: number) => (k - 1) * d + 1;
  return {
    batch: integer(next, 1, 3),
    height: integer(next, extent(kernel[0], dilations[0]), 12),
    width: integer(next, extent(kernel[1], dilations[1]), 12),
    channels: integer(next, 1, 32),
    kernel, strides, pad, dilations,
    outChannels: integer(next, 1, 32),
  };
}

function describe(c: ConvCase): string {
  return `x [${c.batch}, ${c.height}, ${c.width}, ${c.channels}], kernel ${c.kernel.join('×')}, strides ${c.strides}, ${c.pad}, dilations ${c.dilations}, out ${c.outChannels}`;
}

function outputShape(c: ConvCase, outChannels: number): number[] {
  const info = tf.backend_util.computeConv2DInfo(
    [c.batch, c.height, c.width, c.channels], [c.kernel[0], c.kernel[1], c.channels, outChannels],
    c.strides, c.dilations, c.pad,
  );
  return [c.batch, info.outHeight, info.outWidth, outChannels];
}

const CASES = 16;

test.serial('Conv2DBackpropFilter and Conv2DBackpropInput equal the cpu backend on random shapes', async (t) => {
  const next = random(1);
  for (let i = 0; i < CASES; i++) {
    const c = convCase(next, false);
    const filterShape = [c.kernel[0], c.kernel[1], c.channels, c.outChannels];
    const x = { values: values(next, c.batch * c.height * c.width * c.channels), shape: [c.batch, c.height, c.width, c.channels] };
    const dyShape = outputShape(c, c.outChannels);
    const dy = { values: values(next, size(dyShape)), shape: dyShape };
    const filter = { values: values(next, size(filterShape)), shape: filterShape };
    const common = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' };
    t.true(await worstError('Conv2DBackpropFilter', { x, dy }, { ...common, filterShape }) <= TOLERANCE, `filter: ${describe(c)}`);
    t.true(await worstError('Conv2DBackpropInput', { dy, filter }, { ...common, inputShape: x.shape }) <= TOLERANCE, `input: ${describe(c)}`);
  }
});

test.serial('the convolution gradients are the same when the batch is taken in several im2col chunks', async (t) => {
  const next = random(2);
  const c: ConvCase = { batch: 5, height: 9, width: 7, channels: 6, kernel: [3, 3], strides: [1, 2], pad: 'same', dilations: [1, 1], outChannels: 4 };
  const x = { values: values(next, 5 * 9 * 7 * 6), shape: [5, 9, 7, 6] };
  const dyShape = outputShape(c, 4);
  const dy = { values: values(next, size(dyShape)), shape: dyShape };
  const filter = { values: values(next, 3 * 3 * 6 * 4), shape: [3, 3, 6, 4] };
  const common = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' };
  // Two images' columns per chunk: chunks of 2, 2 and 1 images.
  setColumnChunkFloats(2 * 9 * 4 * 3 * 3 * 6);
  try {
    t.true(await worstError('Conv2DBackpropFilter', { x, dy }, { ...common, filterShape: filter.shape }) <= TOLERANCE);
    t.true(await worstError('Conv2DBackpropInput', { dy, filter }, { ...common, inputShape: x.shape }) <= TOLERANCE);
  } finally {
    setColumnChunkFloats(undefined);
  }
});

test.serial('the depthwise gradients equal the cpu backend on random shapes and multipliers 1–3', async (t) => {
  const next = random(3);
  for (let i = 0; i < CASES; i++) {
    const c = convCase(next, false);
    const multiplier = integer(next, 1, 3);
    const filterShape = [c.kernel[0], c.kernel[1], c.channels, multiplier];
    const x = { values: values(next, c.batch * c.height * c.width * c.channels), shape: [c.batch, c.height, c.width, c.channels] };
    const dyShape = outputShape(c, c.channels * multiplier);
    const dy = { values: values(next, size(dyShape)), shape: dyShape };
    const filter = { values: values(next, size(filterShape)), shape: filterShape };
    const common = { strides: c.strides, pad: c.pad, dilations: c.dilations };
    const label = `${describe(c)}, multiplier ${multiplier}`;
    t.true(await worstError('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...common, filterShape }) <= TOLERANCE, `filter: ${label}`);
    t.true(await worstError('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...common, inputShape: x.shape }) <= TOLERANCE, `input: ${label}`);
  }
});

/**
 * With dilation there is nothing to compare with: tfjs' gradient refuses dilation rates
 * above 1, and its cpu kernels ignore them. The wasm kernels are checked as what they are,
 * the adjoints of the forward convolution (which tfjs computes dilated):
 * ⟨conv(x, w), dy⟩ = ⟨x, dX(dy, w)⟩ = ⟨w, dW(x, dy)⟩.
 */
test.serial('with dilation, the depthwise gradients are the adjoints of the dilated forward convolution', async (t) => {
  const next = random(6);
  const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let sum = 0;
    let scale = 0;
    for (let i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
      scale += Math.abs(a[i] * b[i]);
    }
    return { sum, scale };
  };
  for (let i = 0; i < 12; i++) {
    const c = { ...convCase(next, true), strides: [1, 1] as [number, number] };
    if (c.dilations[0] === 1 && c.dilations[1] === 1) c.dilations = [2, 2];
    c.height = Math.max(c.height, (c.kernel[0] - 1) * c.dilations[0] + 1);
    c.width = Math.max(c.width, (c.kernel[1] - 1) * c.dilations[1] + 1);
    const multiplier = integer(next, 1, 3);
    const filterShape = [c.kernel[0], c.kernel[1], c.channels, multiplier];
    const x = { values: values(next, c.batch * c.height * c.width * c.channels), shape: [c.batch, c.height, c.width, c.channels] };
    const filter = { values: values(next, size(filterShape)), shape: filterShape };
    const dyShape = outputShape(c, c.channels * multiplier);
    const dy = { values: values(next, size(dyShape)), shape: dyShape };
    const attrs = { strides: c.strides, pad: c.pad, dilations: c.dilations };
    const y = await run('cpu', 'DepthwiseConv2dNative', { x, filter }, { ...attrs, dataFormat: 'NHWC' });
    const dX = await run('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...attrs, inputShape: x.shape });
    const dW = await run('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape });
    const forward = dot(y.values, dy.values);
    const label = `${describe(c)}, multiplier ${multiplier}`;
    for (const [name, adjoint] of [['input', dot(x.values, dX.values)], ['filter', dot(filter.values, dW.values)]] as const) {
      const error = Math.abs(adjoint.sum - forward.sum) / Math.max(forward.scale, adjoint.scale);
      t.true(error <= TOLERANCE, `${name}: ${label}: ${error}`);
    }
  }
});

test.serial('MaxPoolGrad equals the cpu backend with padding (same and PyTorch-style numbers), negative windows and ties', async (t) => {
  const next = random(4);
  for (let i = 0; i < CASES; i++) {
    const pool = [integer(next, 1, 3), integer(next, 1, 3)];
    const strides = [integer(next, 1, 2), integer(next, 1, 2)];
    // A number pads every side, as PyTorch's MaxPool2d(padding=p) does (p at most half the window).
    const pad = [0, 1, 2].map((p) => Math.min(p, Math.floor(Math.min(...pool) / 2)))[integer(next, 0, 2)];
    const padding = [pad, 'same', 'valid'][integer(next, 0, 2)];
    const shape = [integer(next, 1, 3), integer(next, pool[0], 10), integer(next, pool[1], 10), integer(next, 1, 9)];
    // Every other case quantised to a few levels, all ≤ 0: ties and windows of negatives only.
    const quantised = i % 2 === 1;
    const x = { values: values(next, size(shape)).map((v) => (quantised ? -Math.round(Math.abs(v) * 3) : v)), shape };
    const info = tf.backend_util.computePool2DInfo(shape as [number, number, number, number], pool as [number, number], strides as [number, number], 1, padding as 'same');
    const dyShape = [shape[0], info.outHeight, info.outWidth, shape[3]];
    const dy = { values: values(next, size(dyShape)), shape: dyShape };
    const output = { values: new Float32Array(size(dyShape)), shape: dyShape };
    const maxDy = Math.max(...dy.values.map(Math.abs));
    const error = await worstError('MaxPoolGrad', { dy, input: x, output }, { filterSize: pool, strides, pad: padding }, () => maxDy);
    t.true(error <= TOLERANCE, `x [${shape}], pool ${pool}, strides ${strides}, pad ${padding}${quantised ? ', ties' : ''}: ${error}`);
  }
});

test.serial('UnsortedSegmentSum equals the cpu backend, dropping ids outside [0, numSegments)', async (t) => {
  const next = random(5);
  for (let i = 0; i < 8; i++) {
    const rows = integer(next, 1, 40);
    const rowShape = i % 2 === 0 ? [integer(next, 1, 16)] : [integer(next, 1, 4), integer(next, 1, 5)];
    const numSegments = integer(next, 1, 12);
    const ids = Int32Array.from({ length: rows }, () => integer(next, -1, numSegments));
    const x = { values: values(next, rows * size(rowShape)), shape: [rows, ...rowShape] };
    const error = await worstError('UnsortedSegmentSum', { x, segmentIds: { values: ids, shape: [rows], dtype: 'int32' } }, { numSegments });
    t.true(error <= TOLERANCE, `x [${x.shape}], ${numSegments} segments: ${error}`);
  }
});

test.serial('the convolution kernels refuse channels-first tensors with a message saying what they take', async (t) => {
  await initBackend('wasm');
  const before = tf.memory().numTensors;
  const x = tf.zeros([1, 2, 5, 5]);
  const dy = tf.zeros([1, 2, 3, 3]);
  t.throws(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 2] }),
    { message: messages.wasmKernelChannelsFirst('Conv2DBackpropFilter') });
  tf.dispose([x, dy]);
  t.is(tf.memory().numTensors, before);
});
