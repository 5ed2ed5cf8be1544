import test from 'ava';
import { initBackend } from '../../src/backend/index.js';
import { FitFailedError, collectWarnings, messages } from '../../src/core/index.js';
import { GridSearchCV } from '../../src/index.js';
import { PoolExecutor } from '../../src/parallel/index.js';
import { setExecutorFactory } from '../../src/validation/index.js';
import { faultyNet, moons } from './helpers.js';

process.env.GRIDFOLD_BACKEND = 'wasm';
// Once, before tests run concurrently: concurrent first calls of initBackend race (setBackend → false).
test.before(async () => {
  await initBackend();
});

// Workers with a heap limit, so that a fit hoarding memory dies alone; every pool is kept
// to check that no thread outlives its search.
const pools: PoolExecutor[] = [];
setExecutorFactory((request) => {
  const pool = new PoolExecutor({ nJobs: request.nJobs, resourceLimits: { maxOldGenerationSizeMb: 96 } });
  pools.push(pool);
  return pool;
});

test.serial('a throw, a NaN loss, a process.exit and a heap overflow each fail their own fit; the search goes on', async (t) => {
  const { X, y } = moons();
  const search = new GridSearchCV(faultyNet(), { 'module.mode': ['ok', 'throw', 'nan', 'exit', 'hog'] }, { cv: 3, nJobs: 2, errorScore: -1, refit: false });
  const { warnings } = await collectWarnings(() => search.fit(X, y));
  const results = search.cvResults!;
  t.is(search.fits.length, 15);
  // Fold 1 of every faulty candidate scored errorScore; its other folds and the ok candidate trained.
  t.deepEqual((results.split1_test_score as number[]).slice(1), [-1, -1, -1, -1]);
  for (const key of ['split0_test_score', 'split2_test_score']) {
    t.true((results[key] as number[]).every((s) => s >= 0 && s <= 1), key);
  }
  t.true((results.split1_test_score as number[])[0] >= 0);
  const fold1 = search.fits.filter((f) => f.foldIndex === 1);
  t.deepEqual(fold1.map((f) => f.error?.name), [undefined, 'GridfoldError', 'NonFiniteLossError', 'WorkerDiedError', 'WorkerDiedError']);
  t.is(fold1[1].error!.message, messages.moduleBuilderFailed('faulty', 'faulty module: this fold fails on purpose'));
  t.is(fold1[3].error!.message, messages.workerDied(3, 1, 'worker exited with code: 3'));
  t.regex(fold1[4].error!.message, /^the worker thread fitting candidate 4, fold 1 stopped \(.*memory limit.*\)/);
  t.true(search.fits.filter((f) => f.foldIndex !== 1).every((f) => f.error === undefined));
  t.deepEqual(warnings.map((w) => w.kind), ['FitFailedWarning']);
  t.true(warnings[0].message.startsWith(messages.someFitsFailed(4, 15, '').split('\n')[0]));
  t.is(pools.at(-1)!.threads, 0, 'the pool is closed once fit resolves');
});

test.serial("errorScore 'raise' rethrows with the candidate's params and fold, and leaves no thread behind", async (t) => {
  const { X, y } = moons();
  const search = new GridSearchCV(faultyNet(), { 'module.mode': ['ok', 'throw'] }, { cv: 3, nJobs: 2, errorScore: 'raise', refit: false });
  const cause = messages.moduleBuilderFailed('faulty', 'faulty module: this fold fails on purpose');
  await t.throwsAsync(search.fit(X, y), { instanceOf: FitFailedError, message: messages.fitRaised('module.mode: "throw"', 1, cause) });
  t.is(pools.at(-1)!.threads, 0);
});
