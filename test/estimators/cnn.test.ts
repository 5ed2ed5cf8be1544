import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeuralNetClassifier, CONV_BLOCK_FIELDS, defineModule, type ConvBlock } from '../../src/estimators/index.js';
import { PaddedMaxPooling2D } from '../../src/estimators/modules/padded-max-pool.js';
import { DataError, InvalidParameterError, messages } from '../../src/core/index.js';
import { initBackend, tf } from '../../src/backend/index.js';
import { numTensors, tinyImages } from './helpers.js';

/** Seed 000's DemoNetwork, block by block. */
export const DEMO_NETWORK: ConvBlock[] = [
  { filters: 16, kernel: 3, padding: 'same', pool: 2 },
  { filters: 32, kernel: 3, pool: 2, poolPadding: 1 },
  { filters: 8, kernel: 1 },
  { filters: 4, kernel: 5 },
];

const demo = () => new NeuralNetClassifier({ module: 'cnn', 'module.convs': DEMO_NETWORK, 'module.activation': 'none', batchSize: 64 });

test.before(async () => {
  await initBackend('wasm');
});

test("DemoNetwork is expressible: 6,238 parameters and PyTorch's shapes (channels last)", async (t) => {
  const summary = await demo().summary({ inputShape: [28, 28, 1], nOutputs: 10 });
  t.is(summary.totalParams, 6238);
  t.is(summary.trainableParams, 6238);
  t.deepEqual(summary.layers.map((l) => [l.type, l.outputShape, l.params]), [
    ['Conv2D', [64, 28, 28, 16], 160],
    ['MaxPooling2D', [64, 14, 14, 16], 0],
    ['Conv2D', [64, 12, 12, 32], 4640],
    ['PaddedMaxPooling2D', [64, 7, 7, 32], 0],
    ['Conv2D', [64, 7, 7, 8], 264],
    ['Conv2D', [64, 3, 3, 4], 804],
    ['Flatten', [64, 36], 0],
    ['Dense', [64, 10], 370],
  ]);
});

test("summary() counts DemoNetwork's mult-adds and memory as torchinfo does in the seed", async (t) => {
  const summary = await demo().summary({ inputShape: [28, 28, 1], nOutputs: 10 });
  t.is(summary.multAdds, 52_105_088);
  t.is(summary.inputBytes, 200_704);
  t.is(summary.forwardBackwardBytes, 9_006_080);
  t.is(summary.paramBytes, 24_952);
  const printed: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((text: string) => printed.push(text) > 0) as typeof process.stdout.write;
  try {
    await demo().summary({ inputShape: [28, 28, 1], nOutputs: 10, verbose: 1 });
  } finally {
    process.stdout.write = original;
  }
  // Seed 000's torchinfo table, line for line: the same rules, widths, totals, mult-adds and
  // memory; tfjs' layer names and shapes channels-last ([64, 28, 28, 16] for [64, 16, 28, 28]).
  t.is(printed.join(''), [
    '==========================================================================================',
    'Layer (type:depth-idx)                   Output Shape              Param #',
    '==========================================================================================',
    'cnn                                      [64, 10]                  --',
    '├─Conv2D: 1-1                            [64, 28, 28, 16]          160',
    '├─MaxPooling2D: 1-2                      [64, 14, 14, 16]          --',
    '├─Conv2D: 1-3                            [64, 12, 12, 32]          4,640',
    '├─PaddedMaxPooling2D: 1-4                [64, 7, 7, 32]            --',
    '├─Conv2D: 1-5                            [64, 7, 7, 8]             264',
    '├─Conv2D: 1-6                            [64, 3, 3, 4]             804',
    '├─Flatten: 1-7                           [64, 36]                  --',
    '├─Dense: 1-8                             [64, 10]                  370',
    '==========================================================================================',
    'Total params: 6,238',
    'Trainable params: 6,238',
    'Non-trainable params: 0',
    'Total mult-adds (M): 52.11',
    '==========================================================================================',
    'Input size (MB): 0.20',
    'Forward/backward pass size (MB): 9.01',
    'Params size (MB): 0.02',
    'Estimated Total Size (MB): 9.23',
    '==========================================================================================',
    '',
  ].join('\n'));
});

test('summary() of an mlp, of a fitted model, with batch norm (its moving statistics are non-trainable)', async (t) => {
  const mlp = new NeuralNetClassifier({ 'module.hiddenUnits': [100], batchSize: 128 });
  const flat = await mlp.summary({ inputShape: [784], nOutputs: 10 });
  t.is(flat.totalParams, 784 * 100 + 100 + 100 * 10 + 10);
  t.is(flat.multAdds, 128 * flat.totalParams);
  const images = await mlp.summary({ inputShape: [28, 28, 1], nOutputs: 10, batchSize: 1 });
  t.deepEqual(images.layers.map((l) => l.type), ['Flatten', 'Dense', 'Dense']);
  t.is(images.totalParams, flat.totalParams);
  const normed = await new NeuralNetClassifier({ 'module.hiddenUnits': [8], 'module.batchNorm': true }).summary({ inputShape: [4], nOutputs: 3, batchSize: 2 });
  t.is(normed.totalParams, 4 * 8 + 8 + 4 * 8 + 8 * 3 + 3);
  t.is(normed.nonTrainableParams, 2 * 8);
  t.is(normed.multAdds, 2 * (40 + 16 + 27));

  const { X, y } = tinyImages(8, 8);
  const net = new NeuralNetClassifier({ module: 'cnn', 'module.convs': [{ filters: 2, kernel: 3 }], maxEpochs: 1, trainSplit: 0, batchSize: 4 });
  await net.fit(X, y);
  const fitted = await net.summary();
  t.is(fitted.totalParams, 2 * 9 + 2 + 6 * 6 * 2 * 4 + 4);
  t.deepEqual(fitted.inputShape, [8, 8, 1]);
  t.is(fitted.batchSize, 4);
  net.dispose();
});

test('summary() of an unfitted estimator needs the sample shape and the outputs', async (t) => {
  const net = new NeuralNetClassifier();
  await t.throwsAsync(net.summary(), {
    instanceOf: InvalidParameterError,
    message: messages.summaryNeedsShape('NeuralNetClassifier.summary', 'inputShape', undefined, "one sample's shape as a list of positive integers, e.g. [28, 28, 1] or [784]"),
  });
  await t.throwsAsync(net.summary({ inputShape: [4] }), {
    message: messages.summaryNeedsShape('NeuralNetClassifier.summary', 'nOutputs', undefined, 'the number of classes (or regression targets), a positive integer'),
  });
  await t.throwsAsync(net.summary({ inputShape: [4], nOutputs: 2, depth: 3 } as never), {
    message: messages.unknownOption('NeuralNetClassifier.summary', 'depth', ['inputShape', 'nOutputs', 'batchSize', 'verbose']),
  });
});

test('padded max pooling leaves the padding out of the max (a zero pad would win over negative values)', (t) => {
  const x = tf.tensor4d([-4, -3, -2, -1], [1, 2, 2, 1]);
  const layer = new PaddedMaxPooling2D({ poolSize: 2, strides: 2, padding: 1 });
  const y = layer.apply(x) as tf.Tensor;
  t.deepEqual(y.shape, [1, 2, 2, 1]);
  t.deepEqual(Array.from(y.dataSync()), [-4, -3, -2, -1]);
  tf.dispose([x, y]);
});

test.serial('a cnn trains on images, predicts, saves and loads, and leaks no tensor', async (t) => {
  const { X, y } = tinyImages(16, 8);
  const before = numTensors();
  const net = new NeuralNetClassifier({
    module: 'cnn', 'module.convs': [{ filters: 4, kernel: 3, padding: 'same', pool: 2, poolPadding: 1 }], 'module.dense': [8],
    'module.dropout': 0.1, 'module.batchNorm': true, optimizer: 'adam', lr: 0.01, maxEpochs: 2, batchSize: 8, seed: 3,
  });
  await net.fit(X, y);
  t.is(net.history.length, 2);
  t.true(Number.isFinite(net.history[1].train_loss));
  const proba = await net.predictProba(X);
  t.is(proba.length, 16 * 4);
  const dir = await mkdtemp(join(tmpdir(), 'gridfold-cnn-'));
  try {
    await net.save(dir);
    const loaded = await NeuralNetClassifier.load(dir);
    t.deepEqual(Array.from(await loaded.predictProba(X)), Array.from(proba));
    loaded.dispose();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  net.dispose();
  t.is(numTensors(), before);
});

test('the same seed gives the same cnn fit', async (t) => {
  const { X, y } = tinyImages(12, 8);
  const fit = async () => {
    const net = new NeuralNetClassifier({ module: 'cnn', 'module.convs': [{ filters: 3, kernel: 3, pool: 2 }], maxEpochs: 1, batchSize: 4, seed: 7 });
    await net.fit(X, y);
    const losses = net.history.map((row) => [row.train_loss, row.valid_loss]);
    net.dispose();
    return losses;
  };
  t.deepEqual(await fit(), await fit());
});

test('a cnn given flat rows says which shape it got and which it needs', async (t) => {
  const net = new NeuralNetClassifier({ module: 'cnn', maxEpochs: 1, trainSplit: 0 });
  const flat = { data: new Float32Array(4 * 784), shape: [4, 784] };
  await t.throwsAsync(net.fit(flat, new Int32Array([0, 1, 0, 1])), { instanceOf: DataError, message: messages.cnnNeedsImages([784]) });
  t.is(
    messages.cnnNeedsImages([784]),
    "module 'cnn' takes images, samples of shape [height, width, channels]; got flat rows of 784 features (samples of shape [784]). " +
      "Give X its image shape — { data, shape: [nSamples, 28, 28, 1] }, a dataset's sampleShape — or use module 'mlp' for flat features.",
  );
  // Tabular rows (4 features, as a CSV gives them): no 2×2 'image' is suggested.
  t.is(
    messages.cnnNeedsImages([4]),
    "module 'cnn' takes images, samples of shape [height, width, channels]; got flat rows of 4 features (samples of shape [4]). " +
      "Give X its image shape — { data, shape: [nSamples, height, width, channels] }, a dataset's sampleShape — or use module 'mlp' for flat features.",
  );
  t.true(messages.cnnNeedsImages([64]).includes('shape: [nSamples, 8, 8, 1]'));
  t.is(
    messages.cnnNeedsImages([28, 28]),
    "module 'cnn' takes images, samples of shape [height, width, channels]; got samples of shape [28, 28]. " +
      "Give X its image shape — { data, shape: [nSamples, 28, 28, 1] }, a dataset's sampleShape — or use module 'mlp' for flat features.",
  );
  const tooDeep = new NeuralNetClassifier({ module: 'cnn', 'module.convs': DEMO_NETWORK.concat([{ filters: 4, kernel: 5 }]) });
  await t.throwsAsync(tooDeep.summary({ inputShape: [28, 28, 1], nOutputs: 10 }), { instanceOf: DataError, message: messages.convBlockTooSmall(4, 'kernel', 5, [3, 3]) });
  const poolTooBig = new NeuralNetClassifier({ module: 'cnn', 'module.convs': [{ filters: 2, kernel: 3, pool: 4 }] });
  await t.throwsAsync(poolTooBig.summary({ inputShape: [5, 5, 1], nOutputs: 2 }), { message: messages.convBlockTooSmall(0, 'pool', 4, [3, 3]) });
});

test('bad blocks are refused at once, naming the field path and the value', (t) => {
  const owner = 'NeuralNetClassifier';
  const refuse = (convs: unknown, message: string) =>
    t.throws(() => new NeuralNetClassifier({ module: 'cnn', 'module.convs': convs }), { instanceOf: InvalidParameterError, message });
  refuse([], messages.convsNotList(owner, []));
  refuse({ filters: 8, kernel: 3 }, messages.convsNotList(owner, { filters: 8, kernel: 3 }));
  refuse([8], messages.convBlockNotObject(owner, 0, 8));
  refuse([{ filters: 8, kernel: 3 }, { filters: 8, kernel: 3, size: 2 }], messages.convBlockUnknownField(owner, 1, 'size', CONV_BLOCK_FIELDS));
  refuse([{ kernel: 3 }], 'NeuralNetClassifier: module.convs[0].filters must be a positive integer; got undefined.');
  refuse([{ filters: 8, kernel: 1.5 }], 'NeuralNetClassifier: module.convs[0].kernel must be a positive integer; got 1.5.');
  refuse([{ filters: 8, kernel: 3, stride: 0 }], messages.invalidValue(owner, 'module.convs[0].stride', 0, 'a positive integer'));
  refuse([{ filters: 8, kernel: 3, padding: 'full' }], 'NeuralNetClassifier: module.convs[0].padding must be one of same or valid; got "full".');
  refuse([{ filters: 8, kernel: 3, poolPadding: 1 }], messages.convBlockPoolFieldWithoutPool(owner, 0, 'poolPadding'));
  refuse([{ filters: 8, kernel: 3, pool: 2, poolPadding: 2 }],
    "NeuralNetClassifier: module.convs[0].poolPadding must be an integer from 0 to 1 (at most half the pool of 2, as PyTorch's MaxPool2d); got 2.");
  t.is(messages.convBlockUnknownField(owner, 1, 'size', CONV_BLOCK_FIELDS),
    "NeuralNetClassifier: module.convs[1] has an unknown field 'size'; a block's fields are filters, kernel, stride, padding, pool, poolStride and poolPadding.");
  t.throws(() => new NeuralNetClassifier({ module: 'cnn', 'module.dense': [0] }), {
    message: 'NeuralNetClassifier: module.dense must be an array of positive integers, e.g. [64] (may be empty); got [0].',
  });
  t.throws(() => new NeuralNetClassifier({ module: 'cnn', 'module.activation': 'swish' }), {
    message: 'NeuralNetClassifier: module.activation must be one of relu, tanh, sigmoid, elu, selu, leakyRelu, linear or none; got "swish".',
  });
  // 'none' is the cnn's; an mlp keeps its own list, and an mlp's parameter is not a cnn's.
  t.throws(() => new NeuralNetClassifier({ 'module.activation': 'none' }), { message: /module.activation must be one of relu, tanh, sigmoid, elu, selu, leakyRelu or linear;/ });
  t.throws(() => new NeuralNetClassifier({ module: 'cnn', 'module.hiddenUnits': [8] }), { message: /^Invalid parameter 'module.hiddenUnits' for NeuralNetClassifier/ });
});

test("switching module keeps no other module's parameters", (t) => {
  const net = new NeuralNetClassifier({ 'module.hiddenUnits': [8] }).setParams({ module: 'cnn', 'module.convs': DEMO_NETWORK });
  const params = net.getParams();
  t.false('module.hiddenUnits' in params);
  t.deepEqual(params['module.convs'], DEMO_NETWORK);
  t.deepEqual(params['module.dense'], []);
  t.false('module.convs' in net.setParams({ module: 'mlp' }).getParams());
});

const convThenAverage = defineModule('conv-then-average', ({ inputShape, outputUnits }) => {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape, filters: 4, kernelSize: 3 }));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: outputUnits }));
  return model;
});

test("summary() of a user's module counts its layers the same way", async (t) => {
  const summary = await new NeuralNetClassifier({ module: convThenAverage }).summary({ inputShape: [6, 6, 1], nOutputs: 2, batchSize: 2 });
  t.is(summary.module, 'conv-then-average');
  t.deepEqual(summary.layers.map((l) => [l.type, l.outputShape, l.params, l.multAdds]), [
    ['Conv2D', [2, 4, 4, 4], 40, 2 * 40 * 16],
    ['GlobalAveragePooling2D', [2, 4], 0, 0],
    ['Dense', [2, 2], 10, 2 * 10],
  ]);
  t.is(summary.multAdds, 2 * (40 * 16 + 10));
});
