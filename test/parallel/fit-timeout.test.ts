import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../src/backend/index.js';
import { collectWarnings, messages, type FitRecord } from '../../src/core/index.js';
import { GridSearchCV } from '../../src/index.js';
import { checkXy } from '../../src/data/index.js';
import { resolveScoring } from '../../src/scoring/index.js';
import { KFold } from '../../src/splitters/index.js';
import { runFits, type EngineOptions } from '../../src/validation/index.js';
import { runJournal } from '../../src/results/journal.js';
import { faultyNet, moons } from './helpers.js';

process.env.GRIDFOLD_BACKEND = 'wasm';
test.before(async () => {
  await initBackend();
});

const elapsedIn = (message: string) => Number(/after ([\d.]+) s it was/.exec(message)![1]);

function engine(modes: string[], nJobs: number, fitTimeout: number): EngineOptions {
  const { X, y } = moons();
  return {
    estimator: faultyNet(), candidates: modes.map((mode) => ({ 'module.mode': mode })), splits: new KFold({ nSplits: 3 }).split(90),
    data: checkXy(X, y, { owner: 'test', task: 'classification' }), scorers: resolveScoring('accuracy', { task: 'classification' }),
    returnTrainScore: false, errorScore: -1, nJobs, nClasses: 2, fitTimeout, foldBatching: false,
  };
}

function checkSpinStopped(t: import('ava').ExecutionContext, records: FitRecord[], fitTimeout: number): void {
  t.is(records.length, 6);
  const spun = records.find((r) => r.candidateIndex === 1 && r.foldIndex === 1)!;
  t.is(spun.error?.name, 'FitTimeoutError');
  const elapsed = elapsedIn(spun.error!.message);
  t.is(spun.error!.message, messages.fitTimedOut(fitTimeout, 1, elapsed, messages.workerTerminated()));
  t.true(elapsed >= fitTimeout, `stopped after ${elapsed} s, not before its ${fitTimeout} s`);
  t.is(spun.testScores.score, -1, 'errorScore');
  // Every other fit trained and scored, on the replaced worker too.
  for (const record of records.filter((r) => r !== spun)) {
    t.is(record.error, undefined);
    t.true(record.testScores.score >= 0 && record.testScores.score <= 1);
  }
}

// The budget is generous (a tiny fit takes milliseconds) so that fits slowed by a loaded machine stay within it.
const FIT_TIMEOUT = 8;

test('a spinning module meets fitTimeout: its worker is terminated and replaced, the fit fails with FitTimeoutError, the other fits are intact (nJobs 2, and nJobs 1, which then runs on a worker thread)', async (t) => {
  const [two, one] = await Promise.all([runFits(engine(['ok', 'spin'], 2, FIT_TIMEOUT)), runFits(engine(['ok', 'spin'], 1, FIT_TIMEOUT))]);
  checkSpinStopped(t, two, FIT_TIMEOUT);
  checkSpinStopped(t, one, FIT_TIMEOUT);
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
