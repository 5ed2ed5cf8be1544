/**
 * tfjs-layers models with convolutions train on wasm (tfjs-backend-wasm 4.22 alone cannot:
 * "Kernel 'Conv2DBackpropFilter' not registered"), with the gradients the cpu backend
 * computes: every layer kind whose gradient needed a kernel of gridfold's.
 */
import test from 'ava';
import { initBackend, tf } from '../../src/backend/index.js';

const L = tf.layers;

/** Deterministic values in [-1, 1). */
function values(size: number, seed: number): Float32Array {
  return Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898 + seed * 78.233) * 0.5 + Math.cos(i * 0.37 + seed) * 0.5);
}

interface ModelCase {
  name: string;
  build: () => tf.LayersModel;
  /** One sample's shape. */
  input: number[];
  /** Inputs are integer ids below this (an embedding's vocabulary), else real values. */
  vocabulary?: number;
}

const CASES: ModelCase[] = [
  {
    name: 'Conv2D + MaxPooling2D (same) + BatchNormalization + Dropout + SeparableConv2D + DepthwiseConv2D + Dense',
    input: [10, 9, 3],
    build: () => tf.sequential({ layers: [
      L.conv2d({ inputShape: [10, 9, 3], filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'glorotUniform' }),
      L.maxPooling2d({ poolSize: 2, padding: 'same' }),
      L.batchNormalization(),
      L.dropout({ rate: 0.25, seed: 7 }),
      L.separableConv2d({ filters: 5, kernelSize: 3, depthMultiplier: 2, padding: 'same' }),
      L.depthwiseConv2d({ kernelSize: 2, strides: 2, activation: 'tanh' }),
      L.flatten(),
      L.dense({ units: 4 }),
    ] }),
  },
  {
    name: 'DemoNetwork-like: Conv2D stack with strides, valid padding, 1×1 and 5×5 kernels',
    input: [16, 16, 1],
    build: () => tf.sequential({ layers: [
      L.conv2d({ inputShape: [16, 16, 1], filters: 8, kernelSize: 3, padding: 'same' }),
      L.maxPooling2d({ poolSize: 2 }),
      L.conv2d({ filters: 12, kernelSize: 3, strides: 2 }),
      L.conv2d({ filters: 4, kernelSize: 1 }),
      L.conv2d({ filters: 3, kernelSize: 2, activation: 'relu' }),
      L.flatten(),
      L.dense({ units: 4 }),
    ] }),
  },
  {
    name: 'Embedding + Conv1D (strides 2) + MaxPooling1D (same) + Dense',
    input: [12],
    vocabulary: 20,
    build: () => tf.sequential({ layers: [
      L.embedding({ inputShape: [12], inputDim: 20, outputDim: 5 }),
      L.conv1d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
      L.maxPooling1d({ poolSize: 2, padding: 'same' }),
      L.flatten(),
      L.dense({ units: 4 }),
    ] }),
  },
  {
    name: 'Conv2DTranspose (its gradient is Conv2D and the filter gradient) + AveragePooling2D',
    input: [5, 5, 2],
    build: () => tf.sequential({ layers: [
      L.conv2dTranspose({ inputShape: [5, 5, 2], filters: 3, kernelSize: 3, strides: 2, padding: 'same' }),
      L.averagePooling2d({ poolSize: 2 }),
      L.flatten(),
      L.dense({ units: 4 }),
    ] }),
  },
];

const BATCH = 6;

function batchFor(c: ModelCase): { x: Float32Array; y: Float32Array } {
  const size = BATCH * c.input.reduce((a, b) => a * b, 1);
  const raw = values(size, 1);
  const x = c.vocabulary ? raw.map((v) => Math.floor((v + 1) / 2 * c.vocabulary!) % c.vocabulary!) : raw;
  const y = new Float32Array(BATCH * 4);
  for (let i = 0; i < BATCH; i++) y[i * 4 + (i % 4)] = 1;
  return { x, y };
}

/** The model's loss gradients on one batch, in training mode, from the given weights. */
async function gradients(backend: 'cpu' | 'wasm', c: ModelCase, weights: Float32Array[] | undefined) {
  await initBackend(backend);
  const model = c.build();
  if (weights) {
    const tensors = weights.map((w, i) => tf.tensor(w, model.getWeights()[i].shape));
    model.setWeights(tensors);
    tf.dispose(tensors);
  }
  const { x, y } = batchFor(c);
  const result = tf.tidy(() => {
    const xs = tf.tensor(x, [BATCH, ...c.input]);
    const ys = tf.tensor(y, [BATCH, 4]);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar, variables);
    return variables.map((v) => ({ name: v.name.replace(/_\d+\//, '/'), values: grads[v.name].dataSync() as Float32Array }));
  });
  const initial = model.getWeights().map((w) => w.dataSync() as Float32Array);
  model.dispose();
  return { grads: result, initial };
}

for (const c of CASES) {
  test.serial(`gradients on wasm equal the cpu backend's: ${c.name}`, async (t) => {
    const cpu = await gradients('cpu', c, undefined);
    const before = (await initBackend('wasm'), tf.memory().numTensors);
    const wasm = await gradients('wasm', c, cpu.initial);
    t.is(tf.memory().numTensors, before, 'no tensor left on wasm');
    t.is(wasm.grads.length, cpu.grads.length);
    for (let v = 0; v < cpu.grads.length; v++) {
      const want = cpu.grads[v].values;
      const got = wasm.grads[v].values;
      const scale = Math.max(...want.map(Math.abs));
      t.true(scale > 0, `${cpu.grads[v].name} has a gradient`);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / scale);
      t.true(worst <= 1e-4, `${cpu.grads[v].name}: largest difference ${worst} of the largest gradient`);
    }
  });
}

test.serial('model.fit trains a conv model on wasm to the weights the cpu backend reaches', async (t) => {
  const c = CASES[1];
  const fitted: Float32Array[][] = [];
  let initial: tf.Tensor[] | undefined;
  for (const backend of ['cpu', 'wasm'] as const) {
    await initBackend(backend);
    const model = c.build();
    if (initial) {
      const copies = initial.map((w) => tf.tensor(w.dataSync(), w.shape));
      model.setWeights(copies);
      tf.dispose(copies);
    }
    else initial = model.getWeights().map((w) => tf.tensor(w.dataSync(), w.shape));
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const { x, y } = batchFor(c);
    const xs = tf.tensor(x, [BATCH, ...c.input]);
    const ys = tf.tensor(y, [BATCH, 4]);
    await model.fit(xs, ys, { epochs: 3, batchSize: 3, shuffle: false, verbose: 0 });
    fitted.push(model.getWeights().map((w) => w.dataSync() as Float32Array));
    tf.dispose([xs, ys]);
    model.dispose();
  }
  tf.dispose(initial);
  for (let w = 0; w < fitted[0].length; w++) {
    const worst = Math.max(...fitted[0][w].map((v, i) => Math.abs(v - fitted[1][w][i])));
    t.true(worst <= 1e-4, `weight ${w}: ${worst}`);
  }
});
