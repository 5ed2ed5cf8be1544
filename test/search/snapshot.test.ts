import test from 'ava';
import type { RunResult } from '../../src/core/index.js';
import { GridSearchCV, HalvingGridSearchCV, RandomizedSearchCV } from '../../src/search/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { loguniform } from '../../src/params/index.js';
import { makeMoons } from '../../src/data/index.js';
import { initBackend } from '../../src/backend/index.js';
import { dataFingerprint } from '../../src/results/journal.js';
import { DEFAULT_DATA_NAME, defaultRunName } from '../../src/search/run-meta.js';

test.before(async () => {
  await initBackend('wasm');
});

const moons = makeMoons({ nSamples: 60, noise: 0.1, seed: 0 });
const base = { maxEpochs: 2, batchSize: 16, lr: 0.1, trainSplit: 0, 'module.hiddenUnits': [8] };

test('snapshot(): while the search runs, the fits finished so far over every proposed candidate; after it, nothing', async (t) => {
  const snapshots: RunResult[] = [];
  const refits: unknown[] = [];
  const search = new GridSearchCV(new NeuralNetClassifier(base), { lr: [0.3, 0.001] }, {
    cv: 3, nJobs: 1,
    onProgress: () => snapshots.push(search.snapshot()!),
    onRefit: (params) => refits.push(params),
  });
  t.is(search.snapshot(), undefined);
  await search.fit(moons.X, moons.y);
  t.is(snapshots.length, 6);
  t.deepEqual(snapshots.map((s) => s.fits.length), [1, 2, 3, 4, 5, 6]);
  t.true(snapshots.every((s) => s.cvResults.params.length === 2 && s.meta.nCandidates === 2));
  // Candidate 0 has a mean once its three folds are in; the last snapshot equals the results.
  const first = snapshots.findIndex((s) => s.fits.filter((f) => f.candidateIndex === 0).length === 3);
  t.true(Number.isNaN((snapshots[first - 1]?.cvResults.mean_test_score as number[] | undefined)?.[0] ?? Number.NaN));
  t.true(Number.isFinite((snapshots[first].cvResults.mean_test_score as number[])[0]));
  t.deepEqual(snapshots[5].cvResults.mean_test_score, search.cvResults!.mean_test_score);
  t.is(snapshots[5].meta.bestIndex, search.bestIndex);
  t.deepEqual(refits, [search.bestParams]);
  t.is(search.snapshot(), undefined);
  search.bestEstimator!.dispose();
});

test('the meta names the search and its data better than the class and X, and fingerprints the data', async (t) => {
  const search = new GridSearchCV(new NeuralNetClassifier(base), { lr: [0.3, 0.001], 'module.hiddenUnits': [[4], [8]] }, { cv: 2, refit: false });
  await search.fit(moons.X, moons.y);
  t.is(search.meta!.name, 'GridSearchCV: lr × module.hiddenUnits');
  t.is(search.meta!.data.name, DEFAULT_DATA_NAME);
  t.is(search.meta!.data.fingerprint, dataFingerprint({ X: { data: moons.X, nSamples: 60, sampleShape: [2] }, y: moons.y }));
  t.is(search.meta!.distributions, undefined);
  t.is(defaultRunName('GridSearchCV', [{ lr: 1 }, { lr: 1 }]), 'GridSearchCV');
});

test('a random search records how it drew each parameter; halving snapshots carry the round', async (t) => {
  const random = new RandomizedSearchCV(new NeuralNetClassifier(base), { lr: loguniform(0.001, 0.1), 'module.hiddenUnits': [[4], [8]] }, { cv: 2, nIter: 2, refit: false });
  await random.fit(moons.X, moons.y);
  t.deepEqual(random.meta!.distributions, { lr: 'loguniform(0.001, 0.1)' });
  const rounds: unknown[][] = [];
  const halving = new HalvingGridSearchCV(new NeuralNetClassifier({ ...base, maxEpochs: 4 }), { lr: [0.3, 0.1, 0.001] }, {
    cv: 2, factor: 3, minResources: 1, refit: false, onProgress: () => rounds.push(halving.snapshot()!.cvResults.iter as unknown[]),
  });
  await halving.fit(moons.X, moons.y);
  t.deepEqual(rounds[0], [0, 0, 0]);
  t.deepEqual(rounds.at(-1), halving.cvResults!.iter);
});
