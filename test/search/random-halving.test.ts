import test from 'ava';
import { HalvingGridSearchCV, HalvingRandomSearchCV, RandomizedSearchCV, halvingSchedule } from '../../src/search/index.js';
import { roundSplits } from '../../src/search/halving.js';
import { floorLog, topK } from '../../src/search/halving-schedule.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { loguniform, randint, uniform } from '../../src/params/index.js';
import { makeMoons } from '../../src/data/index.js';
import { InvalidParameterError, collectWarnings, messages } from '../../src/core/index.js';
import { initBackend } from '../../src/backend/index.js';

test.before(async () => {
  await initBackend('wasm');
});

const moons = makeMoons({ nSamples: 60, noise: 0.1, seed: 0 });
const base = { 'module.hiddenUnits': [8], maxEpochs: 2, batchSize: 16, lr: 0.1, trainSplit: 0 };
const scoresOf = (results: Record<string, unknown[]>) => Object.keys(results).filter((k) => !k.includes('time')).map((k) => [k, results[k]]);

// ── RandomizedSearchCV ────────────────────────────────────────────────────────

test('RandomizedSearchCV: nIter candidates from the seed, the grid search columns, the same results twice', async (t) => {
  const run = async (seed: number) => {
    const search = new RandomizedSearchCV(new NeuralNetClassifier(base), { lr: loguniform(1e-3, 1), 'module.hiddenUnits': [[4], [8]] }, { nIter: 3, seed, cv: 2, refit: false });
    await search.fit(moons.X, moons.y);
    return search;
  };
  const first = await run(7);
  const again = await run(7);
  const other = await run(8);
  const results = first.cvResults!;
  t.deepEqual(Object.keys(results), [
    'mean_fit_time', 'std_fit_time', 'mean_score_time', 'std_score_time', 'n_parameters', 'param_lr', 'param_module.hiddenUnits', 'params',
    'split0_test_score', 'split1_test_score', 'mean_test_score', 'std_test_score', 'rank_test_score',
  ]);
  t.is(results.params.length, 3);
  t.true(results.params.every((p) => (p.lr as number) >= 1e-3 && (p.lr as number) < 1));
  t.deepEqual(scoresOf(again.cvResults!), scoresOf(results));
  t.notDeepEqual(other.cvResults!.params, results.params);
  t.is(first.nIter, 3);
  t.is(first.seed, 7);
});

test('RandomizedSearchCV: a list-only space smaller than nIter runs whole, with a warning', async (t) => {
  const search = new RandomizedSearchCV(new NeuralNetClassifier(base), { lr: [0.1, 0.2] }, { nIter: 5, cv: 2, refit: false });
  const { warnings } = await collectWarnings(() => search.fit(moons.X, moons.y));
  t.deepEqual(search.cvResults!.params.map((p) => p.lr).sort(), [0.1, 0.2]);
  t.deepEqual(warnings, [{ kind: 'UserWarning', message: messages.samplerSpaceSmaller(2, 5) }]);
});

test('RandomizedSearchCV refuses bad options and values the estimator refuses', (t) => {
  const net = new NeuralNetClassifier(base);
  t.throws(() => new RandomizedSearchCV(net, { lr: [0.1] }, { nIter: 0 }), {
    instanceOf: InvalidParameterError, message: messages.invalidValue('RandomizedSearchCV', 'nIter', 0, 'an integer >= 1'),
  });
  t.throws(() => new RandomizedSearchCV(net, { lr: [0.1] }, { nIters: 3 } as never), {
    message: /RandomizedSearchCV: unknown option 'nIters'/,
  });
  t.throws(() => new RandomizedSearchCV(net, { optimizer: ['sgd', 'adamw'] }), {
    message: messages.notOneOf('NeuralNetClassifier', 'optimizer', 'adamw', ['sgd', 'adam', 'rmsprop', 'adagrad']),
  });
  t.throws(() => new RandomizedSearchCV(net, { lr: uniform(-1, 1) }), {
    message: messages.invalidValue('NeuralNetClassifier', 'lr', -1, 'a number > 0'),
  });
});

// ── the halving schedule (pure) ────────────────────────────────────────────────

test('halvingSchedule reproduces scikit-learn user guide examples', (t) => {
  // 6 candidates, factor 2, cv=5, 2 classes ⇒ smallest = 20 samples; max_resources=40.
  const lazy = halvingSchedule({ nCandidates: 6, factor: 2, minResources: 'exhaust', smallest: 20, maxResources: 40, aggressiveElimination: false });
  t.deepEqual(lazy.resources, [20, 40]);
  t.is(lazy.nRequiredIterations, 3);
  t.is(lazy.nPossibleIterations, 2);
  const aggressive = halvingSchedule({ nCandidates: 6, factor: 2, minResources: 'exhaust', smallest: 20, maxResources: 40, aggressiveElimination: true });
  t.deepEqual(aggressive.resources, [20, 20, 40]);
  // 1000 samples: 'exhaust' starts at 250 so the last round gets all of them; 'smallest' at 20.
  t.deepEqual(halvingSchedule({ nCandidates: 6, factor: 2, minResources: 'exhaust', smallest: 20, maxResources: 1000, aggressiveElimination: false }).resources, [250, 500, 1000]);
  t.deepEqual(halvingSchedule({ nCandidates: 6, factor: 2, minResources: 20, smallest: 20, maxResources: 1000, aggressiveElimination: false }).resources, [20, 40, 80]);
  // Epochs: 27 candidates, factor 3, 27 epochs ⇒ 1, 3, 9, 27.
  t.deepEqual(halvingSchedule({ nCandidates: 27, factor: 3, minResources: 'exhaust', smallest: 1, maxResources: 27, aggressiveElimination: false }).resources, [1, 3, 9, 27]);
});

test('floorLog is exact at powers; topK keeps the best k, a NaN (failed) mean below every number', (t) => {
  t.is(floorLog(27, 3), 3);
  t.is(floorLog(26, 3), 2);
  t.is(floorLog(1, 3), 0);
  t.is(floorLog(1000, 10), 3);
  t.deepEqual(topK([0, 1, 2, 3], [0.5, Number.NaN, 0.9, 0.7], 2), [3, 2]);
  t.deepEqual(topK([4, 5, 6], [0, 0, 0, 0, Number.NaN, 0.1, Number.NaN], 2), [6, 5]);
  t.deepEqual(topK([0, 1, 2], [0.5, 0.5, 0.4], 1), [1]);
});

test('roundSplits takes a seeded random subset of each training fold, ascending, test folds whole', (t) => {
  const train = Int32Array.from({ length: 20 }, (_, i) => i * 2);
  const test = Int32Array.from([1, 3]);
  const [[a, aTest]] = roundSplits([[train, test]], 5, 1);
  const [[b]] = roundSplits([[train, test]], 5, 1);
  const [[c]] = roundSplits([[train, test]], 5, 2);
  t.is(a.length, 5);
  t.deepEqual(a, b);
  t.notDeepEqual(a, c);
  t.deepEqual([...a], [...a].sort((x, y) => x - y));
  t.true([...a].every((row) => train.includes(row)));
  t.notDeepEqual([...a], [0, 2, 4, 6, 8]);
  t.is(aTest, test);
  t.is(roundSplits([[train, test]], 50, 1)[0][0], train);
});

// ── successive halving on a synthetic set ──────────────────────────────────────

test('HalvingGridSearchCV on maxEpochs drops the candidates that cannot learn and adds iter / n_resources', async (t) => {
  const net = new NeuralNetClassifier({ ...base, maxEpochs: 9, 'module.hiddenUnits': [16], batchSize: 8 });
  // Two good learning rates, four that barely move the weights.
  const grid = { lr: [1e-7, 0.3, 1e-7 * 2, 1e-7 * 3, 0.5, 1e-7 * 4] };
  const search = new HalvingGridSearchCV(net, grid, { cv: 3, factor: 3, refit: false, minResources: 1 });
  await search.fit(moons.X, moons.y);
  const results = search.cvResults!;
  t.deepEqual(search.rounds, [{ iter: 0, nCandidates: 6, nResources: 1 }, { iter: 1, nCandidates: 2, nResources: 3 }]);
  t.deepEqual(results.iter, [0, 0, 0, 0, 0, 0, 1, 1]);
  t.deepEqual(results.n_resources, [1, 1, 1, 1, 1, 1, 3, 3]);
  t.deepEqual(results.param_maxEpochs, [1, 1, 1, 1, 1, 1, 3, 3]);
  t.deepEqual(results.params.slice(6).map((p) => p.lr).sort(), [0.3, 0.5]);
  t.is(search.fits.length, 24);
  t.true(search.fits.slice(18).every((f) => f.history.length === 3));
  // Retrained from scratch with the same fit seed: a promoted fit repeats its first round's epoch exactly.
  for (const promoted of [6, 7]) {
    const earlier = results.params.findIndex((p) => p.lr === results.params[promoted].lr);
    for (let fold = 0; fold < 3; fold++) {
      const before = search.fits.find((f) => f.candidateIndex === earlier && f.foldIndex === fold)!;
      const after = search.fits.find((f) => f.candidateIndex === promoted && f.foldIndex === fold)!;
      t.is(after.history[0].train_loss, before.history[0].train_loss);
    }
  }
  // The best is the best of the last round.
  t.true(search.bestIndex >= 6);
  t.is(search.schedule!.nRequiredIterations, 2);
  t.is(search.nRemainingCandidates, 1);
});

test('HalvingGridSearchCV: the same seeds give the same rounds; exhaust fills the budget; refit uses the last round', async (t) => {
  const run = async () => {
    const search = new HalvingGridSearchCV(new NeuralNetClassifier({ ...base, maxEpochs: 4 }), { lr: [0.05, 0.1, 0.2, 0.3] }, { cv: 2, factor: 2 });
    await search.fit(moons.X, moons.y);
    return search;
  };
  const a = await run();
  const b = await run();
  t.deepEqual(scoresOf(a.cvResults!), scoresOf(b.cvResults!));
  // 4 candidates, factor 2: 3 rounds needed, 'exhaust' starts at 4 / 2^2 = 1.
  t.deepEqual(a.rounds.map((r) => [r.nCandidates, r.nResources]), [[4, 1], [2, 2], [1, 4]]);
  t.is(a.bestIndex, 6);
  t.is(a.bestParams.maxEpochs, 4);
  t.is(a.bestEstimator!.getParams().maxEpochs, 4);
  a.bestEstimator!.dispose();
  b.bestEstimator!.dispose();
});

test('HalvingRandomSearchCV on nSamples: subsets of the training folds, the columns, reproducible', async (t) => {
  const run = async () => {
    const search = new HalvingRandomSearchCV(new NeuralNetClassifier(base), { lr: loguniform(0.01, 1), 'module.hiddenUnits': [[4], [8]] }, {
      resource: 'nSamples', cv: 2, nCandidates: 4, minResources: 10, factor: 2, seed: 3, refit: false,
    });
    await search.fit(moons.X, moons.y);
    return search;
  };
  const a = await run();
  const b = await run();
  // 30 training rows per fold: 10, 20 (the third round would need 40).
  t.deepEqual(a.rounds.map((r) => [r.nCandidates, r.nResources]), [[4, 10], [2, 20]]);
  t.deepEqual(a.cvResults!.n_resources, [10, 10, 10, 10, 20, 20]);
  t.true(a.fits.every((f, i) => f.nTrain === (i < 8 ? 10 : 20) && f.nTest === 30));
  t.false('param_maxEpochs' in a.cvResults!);
  t.deepEqual(scoresOf(a.cvResults!), scoresOf(b.cvResults!));
  const plan = a.plan(moons.X, moons.y);
  t.deepEqual(plan.rounds, [{ nCandidates: 4, nResources: 10 }, { nCandidates: 2, nResources: 20 }]);
  t.is(plan.nFits, 12);
  t.is(plan.prepared.minTrainRows, 30);
});

test('halving refuses bad options with their messages', (t) => {
  const net = new NeuralNetClassifier(base);
  t.throws(() => new HalvingGridSearchCV(net, { maxEpochs: [1, 2] }), { message: messages.halvingResourceInSpace('HalvingGridSearchCV', 'maxEpochs') });
  t.throws(() => new HalvingGridSearchCV(net, { lr: [0.1] }, { minResources: 0 }), { message: messages.halvingMinResourcesInvalid('HalvingGridSearchCV', 0) });
  t.throws(() => new HalvingGridSearchCV(net, { lr: [0.1] }, { maxResources: 'all' as never }), { message: messages.halvingMaxResourcesInvalid('HalvingGridSearchCV', 'all') });
  t.throws(() => new HalvingGridSearchCV(net, { lr: [0.1] }, { factor: 1 }), { message: messages.invalidValue('HalvingGridSearchCV', 'factor', 1, 'a number > 1') });
  t.throws(() => new HalvingGridSearchCV(net, { lr: [0.1] }, { resource: 'epochs' as never }), { message: messages.notOneOf('HalvingGridSearchCV', 'resource', 'epochs', ['maxEpochs', 'nSamples']) });
  t.throws(() => new HalvingRandomSearchCV(net, { lr: randint(1, 3) }, { minResources: 'exhaust' }), { message: messages.halvingBothExhaust('HalvingRandomSearchCV') });
  t.throws(() => new HalvingRandomSearchCV(net, { lr: [0.1] }, { nCandidates: 2.5 }), { message: messages.halvingNCandidatesInvalid('HalvingRandomSearchCV', 2.5) });
  const tooMany = new HalvingGridSearchCV(net, { lr: [0.1] }, { minResources: 5 });
  t.throws(() => tooMany.plan(moons.X, moons.y), { message: messages.halvingMinAboveMax('HalvingGridSearchCV', 5, 2) });
  const rows = new HalvingGridSearchCV(net, { lr: [0.1] }, { resource: 'nSamples', maxResources: 31, cv: 2 });
  t.throws(() => rows.plan(moons.X, moons.y), { message: messages.halvingMaxAboveTrainRows('HalvingGridSearchCV', 31, 30) });
});
