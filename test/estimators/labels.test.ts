/**
 * Labels as scikit-learn's classifiers take them: strings, booleans, non-contiguous
 * integers. Each kind trains exactly as the class ids 0..k-1 of its sorted labels do (the
 * same seed gives the same probabilities), `classes` lists the labels, `predict` returns
 * them and save/load keeps them. One class is refused before training. Serial: fits in one
 * thread share its TensorFlow.js engine.
 */
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, messages, type Label } from '../../src/core/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { GridSearchCV } from '../../src/search/index.js';
import { crossValidate } from '../../src/validation/index.js';
import { backend, tinyClassification } from './helpers.js';

test.before(backend);

const PARAMS = { 'module.hiddenUnits': [8], maxEpochs: 2, batchSize: 16, seed: 3, trainSplit: 0 };
const { X, y: ids, shape } = tinyClassification();
const data = { data: X, shape };

async function fitted(y: readonly Label[] | Int32Array) {
  return new NeuralNetClassifier(PARAMS).fit(data, y);
}

for (const [kind, classes] of [
  ['strings', ['cat', 'dog', 'emu']],
  ['non-contiguous integers', [3, 7, 200000]],
  ['negative and fractional numbers', [-1, 0.5, 2]],
] as const) {
  test.serial(`${kind}: classes sorted, predict gives the labels, probabilities as for ids 0..k-1`, async (t) => {
    // Given in another order than sorted, so that the encoding is not the identity.
    const shuffled = [classes[2], classes[0], classes[1]];
    const y = Array.from(ids, (id) => shuffled[id]);
    const net = await fitted(y as Label[]);
    t.deepEqual(net.classes, [...classes]);
    t.is(net.nClasses, 3);
    // shuffled[id] sorts to position [2, 0, 1][id]: the same problem given as those ids.
    const asIds = Int32Array.from(ids, (id) => [2, 0, 1][id]);
    const renumbered = await fitted(asIds);
    t.deepEqual(await net.predictProba(data), await renumbered.predictProba(data));
    const predicted = await net.predict(data);
    const expected = Array.from(await renumbered.predict(data) as Int32Array, (id) => classes[id]);
    t.deepEqual(Array.from(predicted), expected);
    t.is(predicted instanceof Int32Array, typeof classes[0] === 'number' && classes.every((c) => Number.isInteger(c)));
    t.is(await net.score(data, y as Label[]), await renumbered.score(data, asIds));
    net.dispose();
    renumbered.dispose();
  });
}

test.serial('booleans: false before true, predict gives booleans', async (t) => {
  const y = Array.from(ids, (id) => id === 1);
  const net = await fitted(y);
  t.deepEqual(net.classes, [false, true]);
  const predicted = await net.predict(data) as Label[];
  t.true(predicted.every((label) => typeof label === 'boolean'));
  t.is((await net.predictProba(data)).length, 2 * shape[0]);
  net.dispose();
});

test.serial('class ids 0..k-1 are their own labels: predict still gives an Int32Array', async (t) => {
  const net = await fitted(ids);
  t.deepEqual(net.classes, [0, 1, 2]);
  t.true((await net.predict(data)) instanceof Int32Array);
  net.dispose();
});

test.serial('save → load keeps the labels', async (t) => {
  const y = Array.from(ids, (id) => ['b', 'a', 'c'][id]);
  const net = await fitted(y);
  const dir = mkdtempSync(join(tmpdir(), 'gridfold-labels-'));
  try {
    await net.save(dir);
    const loaded = await NeuralNetClassifier.load(dir);
    t.deepEqual(loaded.classes, ['a', 'b', 'c']);
    t.deepEqual(await loaded.predict(data), await net.predict(data));
    loaded.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    net.dispose();
  }
});

test.serial('validationData must hold labels of the training classes', async (t) => {
  const y = Array.from(ids, (id) => ['b', 'a', 'c'][id]);
  const valid = ['a', 'z', 'b'];
  await t.throwsAsync(new NeuralNetClassifier(PARAMS).fit(data, y, { validationData: [[[0, 0, 0, 0], [1, 1, 1, 1], [2, 2, 2, 2]], valid] }), {
    instanceOf: DataError, message: messages.unknownLabel('NeuralNetClassifier.fit validationData', 1, 'z', ['a', 'b', 'c']),
  });
});

test.serial('one class is refused before any training, the label shown as given', async (t) => {
  t.is(messages.oneClass('outer'), "y has one class ('outer'); a classifier needs at least two");
  const outer = new Array(shape[0]).fill('outer');
  await t.throwsAsync(new NeuralNetClassifier(PARAMS).fit(data, outer), { instanceOf: DataError, message: messages.oneClass('outer') });
  await t.throwsAsync(new NeuralNetClassifier(PARAMS).fit(data, new Int32Array(shape[0]).fill(3)), { message: 'y has one class (3); a classifier needs at least two' });
  await t.throwsAsync(new GridSearchCV(new NeuralNetClassifier(PARAMS), { lr: [0.1] }, { cv: 2 }).fit(data, outer), { message: messages.oneClass('outer') });
  await t.throwsAsync(crossValidate(new NeuralNetClassifier(PARAMS), data, new Array(shape[0]).fill(true), { cv: 2 }), { message: messages.oneClass(true) });
});

test.serial('a search on string labels: the same scores at nJobs 1 and 2 as on ids, bestEstimator predicts strings', async (t) => {
  const y = Array.from(ids, (id) => ['low', 'mid', 'high'][id]);
  const run = async (labels: readonly Label[] | Int32Array, nJobs: number) => {
    const search = new GridSearchCV(new NeuralNetClassifier(PARAMS), { lr: [0.05, 0.2] }, { cv: 3, nJobs, scoring: ['accuracy', 'neg_log_loss'], refit: 'accuracy' });
    return search.fit(data, labels);
  };
  const [serial, parallel] = [await run(y, 1), await run(y, 2)];
  const scores = (search: GridSearchCV) => [search.cvResults!.mean_test_accuracy, search.cvResults!.mean_test_neg_log_loss];
  t.deepEqual(scores(parallel), scores(serial));
  // Sorted: high, low, mid — ids 2, 0, 1 of the reference become 0, 1, 2.
  const onIds = await run(Int32Array.from(ids, (id) => [1, 2, 0][id]), 1);
  t.deepEqual(scores(serial), scores(onIds));
  t.deepEqual(serial.bestEstimator!.classes, ['high', 'low', 'mid']);
  const predicted = await serial.bestEstimator!.predict(data) as Label[];
  t.true(predicted.every((label) => label === 'low' || label === 'mid' || label === 'high'));
  t.deepEqual(serial.meta!.data.classes, ['high', 'low', 'mid']);
  for (const search of [serial, parallel, onIds]) search.bestEstimator!.dispose();
});

test.serial('crossValidate: a custom scorer sees y as the labels, as the estimators it gets predict them', async (t) => {
  const y = Array.from(ids, (id) => ['x', 'y', 'z'][id]);
  const seen: unknown[] = [];
  const agree = async (estimator: NeuralNetClassifier, Xf: unknown, yf: readonly Label[]) => {
    const predicted = await estimator.predict(Xf as typeof data) as Label[];
    seen.push(yf[0]);
    return predicted.filter((label, i) => label === yf[i]).length / yf.length;
  };
  const result = await crossValidate(new NeuralNetClassifier(PARAMS), data, y, { cv: 3, scoring: { agree, accuracy: 'accuracy' }, returnEstimator: true });
  t.deepEqual(result.test_agree, result.test_accuracy);
  t.true(seen.every((label) => typeof label === 'string'));
  t.deepEqual(result.estimator![0].classes, ['x', 'y', 'z']);
  result.estimator!.forEach((estimator) => estimator.dispose());
});
