import test from 'ava';
import { NeuralNetClassifier, NeuralNetRegressor, EarlyStopping, Checkpoint, LRScheduler, fitFoldBatched, type NeuralNet } from '../../src/estimators/index.js';
import { takeRows, takeTargets } from '../../src/estimators/device-data.js';
import { StratifiedKFold, KFold } from '../../src/splitters/index.js';
import type { HistoryRow, Params } from '../../src/core/index.js';
import { backend, numTensors, tinyClassification, tinyImages, tinyRegression } from './helpers.js';

test.before(backend);

const TOLERANCE = 2e-5;
const base: Params = { 'module.hiddenUnits': [8, 4], maxEpochs: 3, batchSize: 16, lr: 0.1 };

interface Fold {
  X: { data: Float32Array; shape: number[] };
  y: Int32Array | Float32Array;
}

/** The training rows of each of k folds, as a search hands them to the fits. */
function folds(regression: boolean, k = 3): Fold[] {
  const data = regression ? tinyRegression() : tinyClassification();
  const features = regression ? 2 : 4;
  const n = data.y.length;
  const splits = regression ? new KFold({ nSplits: k }).split(n) : new StratifiedKFold({ nSplits: k }).split(n, { y: data.y as Int32Array });
  return [...splits].map(([train]) => ({
    X: { data: takeRows(data.X, features, train), shape: [train.length, features] },
    y: takeTargets(data.y, train),
  }));
}

/** The training rows of 3 folds of 8×8 images (4 classes by bright quadrant). */
function imageFolds(n = 48): Fold[] {
  const { X, y } = tinyImages(n, 8);
  const pixels = 64;
  return [...new StratifiedKFold({ nSplits: 3 }).split(n, { y })].map(([train]) => ({
    X: { data: takeRows(X.data, pixels, train), shape: [train.length, 8, 8, 1] },
    y: takeTargets(y, train),
  }));
}

function make(params: Params, f: number, regression: boolean): NeuralNet {
  const { 'module.hiddenUnits': hidden, ...rest } = base;
  const all = { ...(params.module === 'cnn' ? rest : { ...rest, 'module.hiddenUnits': hidden }), seed: 100 + f, ...params };
  return regression ? new NeuralNetRegressor(all) : new NeuralNetClassifier(all);
}

async function weightsOf(net: NeuralNet): Promise<Float32Array[]> {
  return Promise.all(net.model.getWeights().map(async (w) => (await w.data()) as Float32Array));
}

function closeHistory(t: import('ava').ExecutionContext, got: HistoryRow[], want: HistoryRow[], label: string) {
  t.is(got.length, want.length, `${label}: epochs`);
  for (const [i, row] of want.entries()) {
    for (const key of ['early_stop', 'event_cp'] as const) t.is(got[i][key], row[key], `${label} epoch ${i + 1} ${key}`);
    for (const key of ['train_loss', 'valid_loss', 'valid_acc'] as const) {
      if (row[key] === undefined) {
        t.is(got[i][key], undefined, `${label} epoch ${i + 1} ${key}`);
        continue;
      }
      const a = got[i][key] as number;
      const b = row[key] as number;
      t.true(Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b)), `${label} epoch ${i + 1} ${key}: batched ${a} vs separate ${b}`);
    }
  }
}

/**
 * Each fold trained alone, then all folds stacked: histories and weights must agree.
 * `perFit[f]` adds settings of fit f's own (as when candidates that differ in them stack).
 * Returns the epochs each stacked fold trained.
 */
async function compare(t: import('ava').ExecutionContext, params: Params, regression = false, perFit: Params[] = [], data = folds(regression)): Promise<number[]> {
  const paramsOf = (f: number) => ({ ...params, ...perFit[f] });
  const separate: NeuralNet[] = [];
  for (const [f, fold] of data.entries()) separate.push(await make(paramsOf(f), f, regression).fit(fold.X, fold.y));
  const stacked = data.map((_, f) => make(paramsOf(f), f, regression));
  const result = await fitFoldBatched(stacked.map((estimator, f) => ({ estimator, X: data[f].X, y: data[f].y })));
  t.deepEqual(result, { outcomes: [undefined, undefined, undefined] });
  for (let f = 0; f < data.length; f++) {
    closeHistory(t, stacked[f].history, separate[f].history, `fold ${f}`);
    const [a, b] = [await weightsOf(stacked[f]), await weightsOf(separate[f])];
    a.forEach((w, i) => w.forEach((v, j) => {
      if (Math.abs(v - b[i][j]) > TOLERANCE * Math.max(1, Math.abs(b[i][j]))) t.fail(`fold ${f} weight ${i}[${j}]: ${v} vs ${b[i][j]}`);
    }));
  }
  [...separate, ...stacked].forEach((net) => net.dispose());
  return stacked.map((net) => net.history.length);
}

test.serial('stacked folds equal separately trained folds: sgd, relu, validation split', async (t) => {
  await compare(t, {});
});

test.serial('stacked folds equal separate folds with adam, weight decay, tanh, no validation', async (t) => {
  await compare(t, { optimizer: 'adam', lr: 0.01, 'optimizer.weightDecay': 0.01, 'module.activation': 'tanh', trainSplit: 0 });
});

test.serial('stacked folds equal separate folds with momentum and ragged last batches (batch 7)', async (t) => {
  // 40 rows per fold, split 0.2 → 32 training rows; batch 7 → 4 full batches + a last one of 4,
  // and StratifiedKFold on 60 rows gives equal folds — KFold on 40 regression rows does not.
  await compare(t, { optimizer: 'sgd', 'optimizer.momentum': 0.9, batchSize: 7, lr: 0.05 });
});

test.serial('stacked regression folds (mse) with unequal fold sizes equal separate folds', async (t) => {
  await compare(t, { batchSize: 8, lr: 0.05, trainSplit: 0 }, true);
});

test.serial('stacked folds equal separate folds with a softmax output: nll, and cross-entropy over it', async (t) => {
  await compare(t, { loss: 'nll', batchSize: 7 });
  await compare(t, { 'module.outputActivation': 'softmax', optimizer: 'adam', lr: 0.02 });
});

test.serial('plain SGD stacks folds whose epochs have different numbers of batches (26 and 27 rows, batch 13)', async (t) => {
  // The 26-row fold sits out each epoch's third step; weight decay must not move it there.
  await compare(t, { batchSize: 13, lr: 0.05, trainSplit: 0, 'optimizer.weightDecay': 0.05 }, true);
});

test.serial('fits that differ in learning rate, init and seed stack with SGD and momentum, each equal to its separate training', async (t) => {
  const rates = [{ lr: 0.3 }, { lr: 0.1 }, { lr: 0.03 }];
  await compare(t, {}, false, rates);
  await compare(t, { 'optimizer.momentum': 0.9 }, false, rates);
  await compare(t, { 'optimizer.momentum': 0.8, 'optimizer.nesterov': true, 'optimizer.weightDecay': 0.01 }, true, rates);
  await compare(t, { lr: 0.05 }, false, [{ 'module.init': 'heNormal', seed: 7 }, { 'module.init': 'default', seed: 7 }, { 'module.init': 'lecunNormal', seed: 8 }]);
});

test.serial('EarlyStopping and Checkpoint run per fit on stacked folds: a fold they stop is finished there, the others go on', async (t) => {
  // lr 2 with patience 1: the folds' validation losses turn at different epochs.
  const callbacks = () => [new EarlyStopping({ patience: 1, restoreBest: true }), new Checkpoint({ monitor: 'valid_acc' })];
  const lengths = await compare(t, { lr: 2, maxEpochs: 12 }, false, [{ callbacks: callbacks() }, { callbacks: callbacks() }, { callbacks: callbacks() }]);
  t.true(new Set(lengths).size > 1, `epochs trained per fold: ${lengths.join(', ')}`);
  t.true(Math.min(...lengths) < 12, `epochs trained per fold: ${lengths.join(', ')}`);
});

const cnn: Params = {
  module: 'cnn', 'module.dense': [5],
  'module.convs': [{ filters: 3, kernel: 3, padding: 'same', pool: 2, poolPadding: 1 }, { filters: 4, kernel: 1 }, { filters: 2, kernel: 3, stride: 2 }],
};

test.serial('stacked cnn folds equal separate folds: adam, same padding, PyTorch-padded pooling, a 1×1 and a strided conv, ragged last batches', async (t) => {
  // 32 training rows per fold, split 0.2 → 25 or 26; batch 7 → 4 batches each, the last ragged.
  const lengths = await compare(t, { ...cnn, optimizer: 'adam', lr: 0.01, batchSize: 7 }, false, [], imageFolds());
  t.deepEqual(lengths, [3, 3, 3]);
});

test.serial('stacked cnn folds equal separate folds: plain sgd with weight decay and tanh, folds with different numbers of batches', async (t) => {
  // 50 images → training folds of 33, 33 and 34 rows; batch 11 → 3, 3 and 4 steps.
  const data = imageFolds(50);
  t.deepEqual(data.map((fold) => fold.y.length), [33, 33, 34]);
  await compare(t, { ...cnn, 'module.activation': 'tanh', lr: 0.05, batchSize: 11, trainSplit: 0, 'optimizer.weightDecay': 0.05 }, false, [], data);
});

test.serial('cnn candidates that differ in learning rate and init stack with momentum, each equal to its separate training', async (t) => {
  await compare(t, { ...cnn, 'optimizer.momentum': 0.9 }, false, [{ lr: 0.1 }, { lr: 0.03, 'module.init': 'heNormal' }, { lr: 0.01 }], imageFolds());
});

test.serial('cnn folds whose convolutions differ do not stack, and the reason is given', async (t) => {
  const data = imageFolds();
  const nets = data.map((_, f) => make({ ...cnn, 'module.convs': [{ filters: f === 1 ? 3 : 2, kernel: 3 }] }, f, false));
  const result = await fitFoldBatched(nets.map((estimator, f) => ({ estimator, X: data[f].X, y: data[f].y })));
  t.deepEqual(result, { notBatched: "the folds' models differ" });
});

test.serial('fits with different learning rates do not stack with adam, and the reason is given', async (t) => {
  const data = folds(false);
  const before = numTensors();
  const nets = data.map((_, f) => make({ optimizer: 'adam', lr: [0.01, 0.02, 0.01][f] }, f, false));
  const result = await fitFoldBatched(nets.map((estimator, f) => ({ estimator, X: data[f].X, y: data[f].y })));
  t.deepEqual(result, { notBatched: "the fits' learning rates differ (0.01 and 0.02), which only SGD and momentum can stack" });
  t.true(nets.every((net) => !net.isFitted));
  t.is(numTensors(), before);
});

test.serial('folds that cannot be stacked are not fitted, and the reason is given', async (t) => {
  const data = folds(false);
  const cases: Array<[Params, string]> = [
    [{ callbacks: [new EarlyStopping({ patience: 1 }), new LRScheduler({ policy: 'step', stepSize: 1 })] }, "callback LRScheduler may change a fit's training (only EarlyStopping and Checkpoint run on stacked fits)"],
    [{ 'module.dropout': 0.5 }, 'layer dropout_Dropout1 (Dropout, rate 0.5) is not part of a plain Dense stack'],
    [{ verbose: 1 }, "verbose prints each fit's epochs"],
  ];
  const regression = folds(true);
  const momentum = regression.map((_, f) => make({ batchSize: 13, trainSplit: 0, 'optimizer.momentum': 0.9 }, f, true));
  const unequal = await fitFoldBatched(momentum.map((estimator, f) => ({ estimator, X: regression[f].X, y: regression[f].y })));
  t.deepEqual(unequal, { notBatched: "the folds' epochs have different numbers of batches (26 and 27 rows, batch 13), which only plain SGD can stack" });
  for (const [params, reason] of cases) {
    const before = numTensors();
    const nets = data.map((_, f) => make(params, f, false));
    const result = await fitFoldBatched(nets.map((estimator, f) => ({ estimator, X: data[f].X, y: data[f].y })));
    t.true('notBatched' in result && result.notBatched.replace(/Dropout\d+/, 'Dropout1') === reason, JSON.stringify(result));
    t.true(nets.every((net) => !net.isFitted));
    t.is(numTensors(), before);
  }
});

test.serial('a fold that diverges fails alone; the others finish', async (t) => {
  const data = folds(false);
  // A huge lr on fold 1 only is not possible (one candidate), so fold 1 gets non-finite data.
  const poisoned = { ...data[1], X: { ...data[1].X, data: data[1].X.data.map((v, i) => (i === 0 ? 3e38 : v)) } };
  const nets = data.map((_, f) => make({ lr: 1e6 }, f, false));
  const inputs = [data[0], poisoned, data[2]];
  const result = await fitFoldBatched(nets.map((estimator, f) => ({ estimator, X: inputs[f].X, y: inputs[f].y })));
  t.true('outcomes' in result);
  if (!('outcomes' in result)) return;
  t.is(result.outcomes[1]?.name, 'NonFiniteLossError');
  t.false(nets[1].isFitted);
  nets.forEach((net) => net.dispose());
});

test.serial('fold-batched training leaves no tensor behind, mlp and cnn', async (t) => {
  for (const [params, data] of [[{ optimizer: 'adam' }, folds(false)], [{ ...cnn, optimizer: 'adam', 'optimizer.weightDecay': 0.01 }, imageFolds()]] as const) {
    const before = numTensors();
    const nets = data.map((_, f) => make(params, f, false));
    const result = await fitFoldBatched(nets.map((estimator, f) => ({ estimator, X: data[f].X, y: data[f].y })));
    t.deepEqual(result, { outcomes: [undefined, undefined, undefined] });
    nets.forEach((net) => net.dispose());
    t.is(numTensors(), before);
  }
});
