import { threadId } from 'node:worker_threads';
import type { ExecutionContext } from 'ava';
import { GridSearchCV } from '../../src/index.js';
import { comparableResults, moons, tinyNet, withoutTimesAndThread } from './helpers.js';

const grid = { 'module.hiddenUnits': [[3], [5]] };

async function search(nJobs: number) {
  const { X, y } = moons();
  const s = new GridSearchCV(tinyNet(), grid, { cv: 3, nJobs, refit: false });
  await s.fit(X, y);
  return s;
}

/** 2 candidates × 3 folds × 2 epochs at nJobs 1, 2 and 4: every score and loss bit for bit. */
export async function identicalAcrossJobs(t: ExecutionContext, backend = 'wasm'): Promise<void> {
  const one = await search(1);
  t.is(one.meta!.backend, backend);
  const two = await search(2);
  const four = await search(4);
  t.is(one.fits.length, 6);
  // The fits ran where nJobs says: in this thread at 1, on worker threads (two of them at least) otherwise.
  const threads = (s: typeof one) => new Set(s.fits.map((f) => f.threadId));
  t.deepEqual([...threads(one)], [threadId]);
  for (const [nJobs, s] of [[2, two], [4, four]] as const) {
    t.false(threads(s).has(threadId), `nJobs ${nJobs}: a fit ran in the calling thread`);
    t.false(threads(s).has(undefined), `nJobs ${nJobs}: a record without its thread`);
    t.true(threads(s).size >= 2, `nJobs ${nJobs}: threads ${[...threads(s)].join(', ')}`);
  }
  t.true(one.fits.every((f) => f.error === undefined));
  t.deepEqual(comparableResults(two.cvResults!), comparableResults(one.cvResults!));
  t.deepEqual(comparableResults(four.cvResults!), comparableResults(one.cvResults!));
  t.deepEqual(two.fits.map(withoutTimesAndThread), one.fits.map(withoutTimesAndThread));
  t.deepEqual(four.fits.map(withoutTimesAndThread), one.fits.map(withoutTimesAndThread));
  // Not all equal by accident: the two candidates and the three folds score differently.
  const scores = one.fits.map((f) => f.history[1].train_loss);
  t.is(new Set(scores).size, 6);
}
