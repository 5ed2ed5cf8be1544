/**
 * The lean step with a convolutional front (src/estimators/lean/conv-*.ts) against tfjs'
 * generic autograd loop, on wasm: the same history and weights within float tolerance for
 * every activation, optimizer, pooling and conv geometry it takes, and the generic loop,
 * with the reason, for what it does not take.
 */
import test from 'ava';
import { NeuralNetClassifier, OPTIMIZERS, defineModule, type ConvBlock } from '../../src/estimators/index.js';
import { describeTrainingPath, leanStepsRun, setLeanTraining } from '../../src/estimators/lean/index.js';
import { initBackend, tf } from '../../src/backend/index.js';
import type { Params } from '../../src/core/index.js';
import { maxDifference, numTensors } from './helpers.js';

test.before(async () => {
  await initBackend('wasm');
});
test.afterEach.always(() => setLeanTraining(true));

const TOLERANCE = 1e-5;

/** 40 images side×side×1 whose class is the brightest quadrant's; trainSplit 0.2 leaves 32 rows. */
function images(side = 10): { X: { data: Float32Array; shape: number[] }; y: Int32Array } {
  const n = 40;
  const data = new Float32Array(n * side * side);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 4;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const quadrant = (r < side / 2 ? 0 : 2) + (c < side / 2 ? 0 : 1);
        data[(i * side + r) * side + c] = (quadrant === y[i] ? 0.8 : 0.1) + 0.2 * Math.sin(i * 3.1 + r * 1.3 + c * 0.7);
      }
    }
  }
  return { X: { data, shape: [n, side, side, 1] }, y };
}

const BLOCKS: ConvBlock[] = [
  { filters: 4, kernel: 3, padding: 'same', pool: 2 },
  { filters: 5, kernel: 3, pool: 2, poolPadding: 1 },
  { filters: 3, kernel: 1 },
];
const base: Params = { module: 'cnn', 'module.convs': BLOCKS, optimizer: 'adam', lr: 0.01, batchSize: 8, maxEpochs: 3, seed: 2 };
/** 32 training rows in batches of 8. */
const STEPS_PER_EPOCH = 4;

interface Trained {
  history: number[][];
  weights: number[][];
  leanSteps: number;
  path: string;
}

async function train(params: Params, lean: boolean, data = images()): Promise<Trained> {
  setLeanTraining(lean);
  const before = leanStepsRun();
  const net = new NeuralNetClassifier(params);
  await net.fit(data.X, data.y);
  const history = net.history.map((row) => [row.train_loss, row.valid_loss as number, row.valid_acc as number]);
  const weights = net.model.getWeights().map((w) => Array.from(w.dataSync()));
  const path = describeTrainingPath({ model: net.model, loss: { name: 'crossEntropy', outputsProbabilities: false, task: 'classification' } });
  net.dispose();
  return { history, weights, leanSteps: leanStepsRun() - before, path };
}


async function assertSameTraining(t: import('ava').ExecutionContext, params: Params, data = images(), steps = STEPS_PER_EPOCH): Promise<void> {
  const label = JSON.stringify(params);
  const generic = await train(params, false, data);
  const lean = await train(params, true, data);
  t.is(generic.leanSteps, 0, label);
  t.is(lean.path, 'lean', label);
  t.is(lean.leanSteps, (params.maxEpochs as number) * steps, label);
  t.true(maxDifference(lean.history, generic.history) < TOLERANCE, `${label} history ${maxDifference(lean.history, generic.history)}`);
  t.true(maxDifference(lean.weights, generic.weights) < TOLERANCE, `${label} weights ${maxDifference(lean.weights, generic.weights)}`);
  t.not(lean.history[0][0], lean.history[lean.history.length - 1][0], `${label}: the loss moved`);
}

test.serial('every activation of the cnn module trains as the generic loop does (same padding, PyTorch-padded pooling, 1×1 conv)', async (t) => {
  for (const activation of ['relu', 'none', 'tanh', 'sigmoid', 'elu', 'leakyRelu']) {
    await assertSameTraining(t, { ...base, 'module.activation': activation });
  }
});

test.serial('every optimizer, with weight decay, matches the generic loop', async (t) => {
  for (const optimizer of OPTIMIZERS) await assertSameTraining(t, { ...base, optimizer, 'optimizer.weightDecay': 0.01 });
  await assertSameTraining(t, { ...base, optimizer: 'sgd', lr: 0.1, 'optimizer.momentum': 0.9 });
});

test.serial('strided convs, overlapping pools, a ragged last batch and hidden Dense layers match the generic loop', async (t) => {
  const convs: ConvBlock[] = [
    { filters: 3, kernel: 3, stride: 2, padding: 'same', pool: 3, poolStride: 1, poolPadding: 1 },
    { filters: 4, kernel: 2, stride: 1, pool: 2, poolStride: 1 },
    { filters: 2, kernel: 2, stride: 2 },
  ];
  // 32 training rows in batches of 6: five of 6 and one of 2.
  await assertSameTraining(t, { ...base, 'module.convs': convs, 'module.dense': [6, 5], batchSize: 6, maxEpochs: 2 }, images(11), 6);
});

/** A user's module on flat rows of 64 features: Reshape, Conv2D, MaxPooling2D 'same', an Activation layer. */
const userCnn = defineModule('lean-conv-test', ({ inputShape, outputUnits, seed }) => tf.sequential({ layers: [
  tf.layers.reshape({ inputShape, targetShape: [8, 8, 1] }),
  tf.layers.conv2d({ filters: 4, kernelSize: 3, kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
  tf.layers.activation({ activation: 'tanh' }),
  tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
  tf.layers.conv2d({ filters: 3, kernelSize: 2, strides: 2, padding: 'same', activation: 'relu', useBias: false }),
  tf.layers.flatten(),
  tf.layers.dense({ units: outputUnits }),
] }));

test.serial('a user module (flat rows reshaped into images, same max pooling, no bias) takes the lean step too', async (t) => {
  const { X, y } = images(8);
  const flat = { X: { data: X.data, shape: [40, 64] }, y };
  await assertSameTraining(t, { module: userCnn, optimizer: 'rmsprop', lr: 0.01, batchSize: 8, maxEpochs: 2, seed: 4 }, flat);
});

test.serial('what the lean conv step does not take trains with the generic loop, and the reason says why', async (t) => {
  const generic = async (params: Params) => (await train(params, true)).path;
  t.regex(await generic({ ...base, maxEpochs: 1, 'module.batchNorm': true }), /^generic: layer batch_normalization_BatchNormalization\d+ \(BatchNormalization\) has no lean convolution step$/);
  t.regex(await generic({ ...base, maxEpochs: 1, 'module.dropout': 0.2, 'module.dense': [4] }), /^generic: layer dropout_Dropout\d+ \(Dropout, rate 0.2\) is not part of a plain Dense stack$/);
  const averaging = defineModule('lean-conv-average', ({ inputShape, outputUnits }) => tf.sequential({ layers: [
    tf.layers.conv2d({ inputShape, filters: 2, kernelSize: 3 }),
    tf.layers.averagePooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: outputUnits }),
  ] }));
  t.regex(await generic({ module: averaging, maxEpochs: 1 }), /^generic: layer average_pooling2d_AveragePooling2D\d+ \(AveragePooling2D\) has no lean convolution step$/);
  await initBackend('cpu');
  try {
    t.is(await generic({ ...base, maxEpochs: 1 }), "generic: the lean step's convolutions run on gridfold's wasm kernels, and the backend is cpu");
  } finally {
    await initBackend('wasm');
  }
});

test.serial('the lean conv step leaves no tensor behind, fit after fit', async (t) => {
  const data = images();
  await train({ ...base, maxEpochs: 1 }, true, data);
  const before = numTensors();
  for (let i = 0; i < 3; i++) await train({ ...base, maxEpochs: 1, seed: 5 + i, 'optimizer.weightDecay': 0.001 }, true, data);
  t.is(numTensors(), before);
});
