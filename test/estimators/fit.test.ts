import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NeuralNetClassifier, NeuralNetRegressor, EarlyStopping, Checkpoint, LRScheduler, INITS, ACTIVATIONS,
} from '../../src/estimators/index.js';
import { FileSystemError, NotFittedError, NonFiniteLossError, messages } from '../../src/core/index.js';
import { backend, tinyClassification, tinyRegression } from './helpers.js';

test.before(backend);

const small = { 'module.hiddenUnits': [8], maxEpochs: 3, batchSize: 16, lr: 0.1 };

test('fit, predict, predictProba and score on a tiny problem', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, maxEpochs: 30, optimizer: 'adam', lr: 0.05 });
  await net.fit(X, y);
  const proba = await net.predictProba(X);
  t.is(proba.length, 60 * 3);
  t.true(Math.abs(proba[0] + proba[1] + proba[2] - 1) < 1e-5);
  const labels = await net.predict(X);
  t.is(labels.length, 60);
  t.true((await net.score(X, y)) > 0.9);
  t.is(net.history.length, 30);
  t.deepEqual(Object.keys(net.history[0]), ['epoch', 'train_loss', 'valid_loss', 'valid_acc', 'dur']);
  t.true(net.history[29].train_loss < net.history[0].train_loss);
  net.dispose();
});

test('the same seed gives the same history and predictions, seed 0 included', async (t) => {
  const { X, y } = tinyClassification();
  const run = async (seed: number) => {
    const net = new NeuralNetClassifier({ ...small, seed, 'module.dropout': 0.3, 'module.init': 'normal' });
    await net.fit(X, y);
    const out = { losses: net.history.map((r) => [r.train_loss, r.valid_loss]), proba: Array.from(await net.predictProba(X)) };
    net.dispose();
    return out;
  };
  const a = await run(0);
  const b = await run(0);
  const c = await run(1);
  t.deepEqual(a, b);
  t.notDeepEqual(a.losses, c.losses);
});

test('every init and activation trains without error', async (t) => {
  const { X, y } = tinyClassification();
  for (const init of INITS) {
    for (const activation of ACTIVATIONS) {
      const net = new NeuralNetClassifier({ ...small, maxEpochs: 1, 'module.init': init, 'module.activation': activation });
      await net.fit(X, y);
      t.is(net.history.length, 1);
      net.dispose();
    }
  }
});

test('zero init keeps every hidden unit identical (the seed symmetry experiment)', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, maxEpochs: 5, 'module.init': 'zeros', 'module.activation': 'sigmoid', optimizer: 'adam' });
  await net.fit(X, y);
  const kernel = net.model.getWeights()[0].arraySync() as number[][];
  for (const row of kernel) t.true(row.every((v) => v === row[0]));
  net.dispose();
});

test('save → load gives identical predictions and params', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, callbacks: [new EarlyStopping({ patience: 3 })] });
  await net.fit(X, y);
  const dir = await mkdtemp(join(tmpdir(), 'gridfold-save-'));
  await net.save(dir);
  const loaded = await NeuralNetClassifier.load(dir);
  t.deepEqual(Array.from(await loaded.predictProba(X)), Array.from(await net.predictProba(X)));
  t.deepEqual(loaded.toSpec(), net.toSpec());
  t.deepEqual(loaded.history, net.history);
  await t.throwsAsync(NeuralNetRegressor.load(dir), { message: messages.savedModelWrongClass(dir, 'NeuralNetClassifier', 'NeuralNetRegressor') });
  await t.throwsAsync(NeuralNetClassifier.load(join(dir, 'nope')), { message: messages.savedModelMissing(join(dir, 'nope'), 'model.json') });
  // A folder the system refuses is one clear error (Node's recursive mkdir would loop forever on /proc).
  await t.throwsAsync(net.save('/proc/gridfold-model'), { instanceOf: FileSystemError, message: messages.dirCreateFailed('/proc/gridfold-model', messages.fsReason('ENOENT', { blocking: '/proc' })) });
  net.dispose();
  loaded.dispose();
});

test("fit checks its data; fitChecked (a search's folds, rows of data checked once) does not check it again", async (t) => {
  const { X, y } = tinyClassification();
  const bad = X.slice();
  bad[5] = Number.NaN;
  // Every row trains (no internal validation split), so the NaN row is in every epoch.
  const net = new NeuralNetClassifier({ ...small, trainSplit: 0 });
  await t.throwsAsync(net.fit(bad, y), { message: messages.nonFiniteFeature('NeuralNetClassifier.fit', 'X', 1, 1, Number.NaN) });
  // Unchecked, the NaN reaches training: the loss says so, not the data check.
  await t.throwsAsync(net.fitChecked({ X: { data: bad, nSamples: 60, sampleShape: [4] }, y, classes: [0, 1, 2] }), { instanceOf: NonFiniteLossError });
  const checked = net.checkData(X, y);
  await net.fitChecked(checked);
  const again = new NeuralNetClassifier({ ...small, trainSplit: 0 });
  await again.fit(X, y);
  t.deepEqual(net.history.map((row) => row.train_loss), again.history.map((row) => row.train_loss));
  net.dispose();
  again.dispose();
});

test('predicting before fit says so', async (t) => {
  const { X } = tinyClassification();
  await t.throwsAsync(new NeuralNetClassifier().predict(X), { instanceOf: NotFittedError, message: messages.notFitted('NeuralNetClassifier', 'predict') });
});

test('EarlyStopping stops when valid_loss stalls and marks the row', async (t) => {
  const { X, y } = tinyClassification();
  // lr so small that valid_loss cannot improve by minDelta: stops after `patience` epochs.
  const net = new NeuralNetClassifier({ ...small, lr: 1e-7, maxEpochs: 50, callbacks: [new EarlyStopping({ patience: 3, minDelta: 0.01 })] });
  await net.fit(X, y);
  t.is(net.history.length, 4);
  t.is(net.history[3].early_stop, true);
  net.dispose();
});

test('EarlyStopping on a column that does not exist says which columns exist', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, trainSplit: 0, callbacks: [new EarlyStopping()] });
  await t.throwsAsync(net.fit(X, y), { message: messages.monitorMissing('EarlyStopping', 'valid_loss', ['epoch', 'train_loss', 'dur']) });
});

test('Checkpoint restores the weights of the best valid_loss epoch', async (t) => {
  const { X, y } = tinyClassification();
  const checkpoint = new Checkpoint();
  // lr 3 diverges after the first epochs, so the best epoch is an early one.
  const net = new NeuralNetClassifier({ ...small, lr: 3, maxEpochs: 8, callbacks: [checkpoint] });
  await net.fit(X, y);
  const best = Math.min(...net.history.map((r) => r.valid_loss!));
  t.is(net.history.find((r) => r.valid_loss === best)!.epoch, checkpoint.bestEpoch);
  t.true(net.history.some((r) => r.event_cp === true));
  const { valid_loss: restoredLoss } = await lossOnValid(net, X, y);
  t.true(Math.abs(restoredLoss - best) < 1e-5, `${restoredLoss} vs ${best}`);
  net.dispose();
});

async function lossOnValid(net: NeuralNetClassifier, X: Float32Array, y: Int32Array) {
  // Refit nothing: evaluate the restored model on the same internal validation rows.
  const { splitForValidation } = await import('../../src/estimators/train-split.js');
  const { deriveSeed } = await import('../../src/core/index.js');
  const split = splitForValidation('classification', y, 0.2, deriveSeed(0, 'train-split'))!;
  const rows = Array.from(split.valid);
  const Xv = new Float32Array(rows.flatMap((r) => Array.from(X.subarray(r * 4, r * 4 + 4))));
  const proba = await net.predictProba({ data: Xv, shape: [rows.length, 4] });
  let loss = 0;
  rows.forEach((r, i) => (loss -= Math.log(proba[i * 3 + y[r]])));
  return { valid_loss: loss / rows.length };
}

test('LRScheduler step policy changes the rate and records it', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, lr: 0.1, maxEpochs: 5, callbacks: [new LRScheduler({ policy: 'step', stepSize: 2, gamma: 0.5 })] });
  await net.fit(X, y);
  t.deepEqual(net.history.map((r) => r.lr), [0.1, 0.1, 0.05, 0.05, 0.025]);
  net.dispose();
});

test('LRScheduler cosine and exponential follow their closed forms', async (t) => {
  const { X, y } = tinyClassification();
  const cosine = new NeuralNetClassifier({ ...small, lr: 1, maxEpochs: 3, callbacks: [new LRScheduler({ policy: 'cosine', tMax: 2 })] });
  await cosine.fit(X, y);
  t.deepEqual(cosine.history.map((r) => Number(r.lr!.toFixed(6))), [1, 0.5, 0]);
  const exponential = new NeuralNetClassifier({ ...small, lr: 1, maxEpochs: 3, callbacks: [new LRScheduler({ policy: 'exponential', gamma: 0.5 })] });
  await exponential.fit(X, y);
  t.deepEqual(exponential.history.map((r) => r.lr), [1, 0.5, 0.25]);
  cosine.dispose();
  exponential.dispose();
});

test('a diverging fit raises NonFiniteLossError', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, lr: 1e30, 'module.init': 'normal', maxEpochs: 5 });
  await t.throwsAsync(net.fit(X, y), { instanceOf: NonFiniteLossError });
});

test('warmStart continues training and numbering epochs', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, maxEpochs: 2, warmStart: true });
  await net.fit(X, y);
  await net.fit(X, y);
  t.deepEqual(net.history.map((r) => r.epoch), [1, 2, 3, 4]);
  net.dispose();
});

test('verbose prints the skorch-style table as epochs finish', async (t) => {
  const { X, y } = tinyClassification();
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => lines.push(chunk)) as typeof process.stdout.write;
  try {
    await new NeuralNetClassifier({ ...small, maxEpochs: 2, verbose: 1 }).fit(X, y);
  } finally {
    process.stdout.write = write;
  }
  const text = lines.join('');
  t.regex(text, /^  epoch  train_loss  valid_acc  valid_loss      dur\n-------  ----------  ---------  ----------  -------\n      1 +\d\.\d{4} +\d\.\d{4} +\d\.\d{4} +\d\.\d{4}\n      2 /);
});

test('a regressor learns a linear target and scores R²', async (t) => {
  const { X, y } = tinyRegression();
  const net = new NeuralNetRegressor({ 'module.hiddenUnits': [], optimizer: 'adam', lr: 0.1, maxEpochs: 60, batchSize: 8, trainSplit: 0 });
  await net.fit(X, y);
  t.true((await net.score(X, y)) > 0.95);
  t.is((await net.predict(X)).length, 40);
  net.dispose();
});

test('validationData replaces the internal split', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, maxEpochs: 1 });
  await net.fit(X, y, { validationData: [X, y] });
  const acc = net.history[0].valid_acc!;
  t.true(Math.abs(acc - (await net.score(X, y))) < 1e-6);
  net.dispose();
});

test('predictions over several host chunks equal row-by-row ones', async (t) => {
  const { X, y } = tinyClassification();
  const net = new NeuralNetClassifier({ ...small, maxEpochs: 1 });
  await net.fit(X, y);
  const n = 4100;
  const big = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) big.set(X.subarray((i % 60) * 4, (i % 60) * 4 + 4), i * 4);
  const proba = await net.predictProba({ data: big, shape: [n, 4] });
  const reference = await net.predictProba(X);
  t.is(proba.length, n * 3);
  t.deepEqual(Array.from(proba.subarray(4099 * 3, 4100 * 3)), Array.from(reference.subarray((4099 % 60) * 3, (4099 % 60) * 3 + 3)));
  t.deepEqual(Array.from(proba.subarray(2048 * 3, 2049 * 3)), Array.from(reference.subarray((2048 % 60) * 3, (2048 % 60) * 3 + 3)));
  net.dispose();
});

test('predictProbaRows / predictRows on checked features equal predictProba / predict of those rows (also past one chunk of 2048)', async (t) => {
  const { X, y } = tinyClassification();
  const classifier = new NeuralNetClassifier(small);
  await classifier.fit(X, y);
  const features = { data: X, nSamples: 60, sampleShape: [4] };
  const rows = Int32Array.from([5, 0, 59, 17, 17]);
  const copied = Float32Array.from([...rows].flatMap((r) => [...X.subarray(r * 4, r * 4 + 4)]));
  t.deepEqual(await classifier.predictProbaRows(features, rows), await classifier.predictProba({ data: copied, shape: [5, 4] }));
  const many = Int32Array.from({ length: 5000 }, (_, i) => (i * 7) % 60);
  const manyCopied = Float32Array.from([...many].flatMap((r) => [...X.subarray(r * 4, r * 4 + 4)]));
  t.deepEqual(await classifier.predictProbaRows(features, many), await classifier.predictProba({ data: manyCopied, shape: [5000, 4] }));
  classifier.dispose();
  const regression = tinyRegression();
  const regressor = new NeuralNetRegressor(small);
  await regressor.fit(regression.X, regression.y);
  const picked = Int32Array.from([3, 1, 39]);
  const pickedCopied = Float32Array.from([...picked].flatMap((r) => [...regression.X.subarray(r * 2, r * 2 + 2)]));
  t.deepEqual(await regressor.predictRows({ data: regression.X, nSamples: 40, sampleShape: [2] }, picked), await regressor.predict({ data: pickedCopied, shape: [3, 2] }));
  regressor.dispose();
});
