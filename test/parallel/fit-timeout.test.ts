import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../src/backend/index.js';
import { collectWarnings, messages, type FitRecord } from '../../src/core/index.js';
import { GridSearchCV } from '../../src/index.js';
import { runJournal } from '../../src/results/journal.js';
import { faultyNet, moons } from './helpers.js';

process.env.GRIDFOLD_BACKEND = 'wasm';
test.before(async () => {
  await initBackend();
});

// The budget is generous (a tiny fit takes milliseconds) so that fits slowed by a loaded machine stay within it.
const FIT_TIMEOUT = 8;

async function spinSearch(nJobs: number): Promise<FitRecord[]> {
  const search = new GridSearchCV(faultyNet(), { 'module.mode': ['ok', 'spin'] }, { cv: 3, nJobs, errorScore: -1, refit: false, fitTimeout: FIT_TIMEOUT, foldBatching: false });
  const { warnings } = await collectWarnings(() => search.fit(moons().X, moons().y));
  const timedOut = `FitTimeoutError: ${messages.fitTimedOut(FIT_TIMEOUT, 1, messages.workerTerminated())}`;
  if (warnings.at(-1)?.message !== messages.someFitsFailed(1, 6, messages.fitsFailedWith(1, timedOut))) throw new Error(`unexpected warnings: ${JSON.stringify(warnings)}`);
  return search.fits;
}

function checkSpinStopped(t: import('ava').ExecutionContext, records: FitRecord[]): void {
  t.is(records.length, 6);
  const spun = records.find((r) => r.candidateIndex === 1 && r.foldIndex === 1)!;
  t.is(spun.error?.name, 'FitTimeoutError');
  t.is(spun.error!.message, messages.fitTimedOut(FIT_TIMEOUT, 1, messages.workerTerminated()));
  t.true(spun.fitTime >= FIT_TIMEOUT, `stopped after ${spun.fitTime} s, not before its ${FIT_TIMEOUT} s`);
  t.is(spun.testScores.score, -1, 'errorScore');
  // Every other fit trained and scored, on the replaced worker too.
  for (const record of records.filter((r) => r !== spun)) {
    t.is(record.error, undefined);
    t.true(record.testScores.score >= 0 && record.testScores.score <= 1);
  }
}

test('a spinning module meets fitTimeout: its worker is terminated and replaced, the fit fails with FitTimeoutError, the search finishes with the other fits intact (nJobs 2, and nJobs 1, which then runs on a worker thread)', async (t) => {
  const [two, one] = await Promise.all([spinSearch(2), spinSearch(1)]);
  checkSpinStopped(t, two);
  checkSpinStopped(t, one);
  t.true(one.every((r) => r.threadId !== 0), 'with nJobs 1 no fit ran in the calling thread');
});

test('--resume runs again the fits stopped from outside (a dead worker) and keeps those that failed on their own, saying how many of each', async (t) => {
  const path = join(await mkdtemp(join(tmpdir(), 'gridfold-rerun-')), 'journal.jsonl');
  const search = () => new GridSearchCV(faultyNet(), { 'module.mode': ['ok', 'throw', 'exit'] }, { cv: 3, nJobs: 2, errorScore: -1, refit: false, journal: runJournal(path, { resume: true }) });
  const first = search();
  await collectWarnings(() => first.fit(moons().X, moons().y));
  t.deepEqual(first.fits.filter((f) => f.error).map((f) => f.error!.name), ['GridfoldError', 'WorkerDiedError']);
  let ran = 0;
  const again = new GridSearchCV(faultyNet(), { 'module.mode': ['ok', 'throw', 'exit'] }, {
    cv: 3, nJobs: 2, errorScore: -1, refit: false, journal: runJournal(path, { resume: true }),
    onProgress: (progress) => void (progress.done > 0 && ran++),
  });
  const { warnings } = await collectWarnings(() => again.fit(moons().X, moons().y));
  t.is(warnings[0].message, messages.journalResumed(path, 8, { kept: 1, rerun: 1 }));
  t.is(ran, 1, 'only the fit whose worker died ran again');
  t.deepEqual(again.fits.map((f) => f.error?.name), first.fits.map((f) => f.error?.name));
});
