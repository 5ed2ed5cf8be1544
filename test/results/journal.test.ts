import test from 'ava';
import { mkdtemp, readFile, readdir, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectWarnings, messages, type FitRecord, type GridfoldWarning } from '../../src/core/index.js';
import { JournalError } from '../../src/core/errors.js';
import { RunJournal, dataFingerprint, idleFingerprint, type JournalOptions } from '../../src/results/journal.js';
import type { FitTask, JournalContext } from '../../src/validation/index.js';

function context(overrides: Partial<{ x0: number; lr: number; grid: number[] }> = {}): JournalContext {
  const X = new Float32Array([overrides.x0 ?? 0, 1, 2, 3, 4, 5, 6, 7]);
  return {
    data: { X: { data: X, nSamples: 4, sampleShape: [2] }, y: new Int32Array([0, 1, 0, 1]) },
    estimator: { className: 'NeuralNetClassifier', params: { lr: overrides.lr ?? 0.1, seed: 0, callbacks: [] } },
    candidates: (overrides.grid ?? [1, 2]).map((units) => ({ 'module.hiddenUnits': [units] })),
  };
}

function task(fold: number, lr = 0.1): FitTask {
  return {
    candidateIndex: 0, foldIndex: fold,
    estimator: { className: 'NeuralNetClassifier', params: { lr, seed: 7 + fold, callbacks: [] } },
    train: new Int32Array(fold === 0 ? [0, 1] : [2, 3]), test: new Int32Array(fold === 0 ? [2, 3] : [0, 1]),
    scoring: { score: 'accuracy' }, returnTrainScore: false, errorScore: Number.NaN, nClasses: 2,
  };
}

function record(fold: number, score: number): FitRecord {
  return {
    candidateIndex: 0, foldIndex: fold, testScores: { score }, fitTime: 0.25, scoreTime: 0.01, nTrain: 2, nTest: 2,
    history: [{ epoch: 1, train_loss: 0.6931471805599453, valid_loss: Number.POSITIVE_INFINITY, dur: 0.1 }],
  };
}

async function tempPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'gridfold-journal-')), 'journal.jsonl');
}

/** Opens the journal; returns it with the warnings that opening raised. */
async function openWatched(path: string, context: JournalContext, options: JournalOptions = {}): Promise<[RunJournal, GridfoldWarning[]]> {
  const { result, warnings } = await collectWarnings(() => RunJournal.open(path, context, options));
  return [result, warnings];
}

const notice = (message: string): GridfoldWarning => ({ kind: 'GridfoldWarning', message });

test('appended fits come back on resume bit for bit, NaN, Infinity and -0 included', async (t) => {
  const path = await tempPath();
  const journal = await RunJournal.open(path, context());
  const failed = { ...record(1, Number.NaN), error: { name: 'NonFiniteLossError', message: 'loss is NaN' } };
  await journal.append(journal.keyOf(task(0)), record(0, 0.1 + 0.2));
  await journal.append(journal.keyOf(task(1)), failed);
  const [resumed, warnings] = await openWatched(path, context(), { resume: true });
  t.is(resumed.resumedFits, 2);
  t.deepEqual(resumed.lookup(resumed.keyOf(task(0))), record(0, 0.30000000000000004));
  t.deepEqual(resumed.lookup(resumed.keyOf(task(1))), failed);
  t.true(Number.isNaN(resumed.lookup(resumed.keyOf(task(1)))!.testScores.score));
  const zero = { ...task(0), foldIndex: 2, train: new Int32Array([1, 3]) };
  await resumed.append(resumed.keyOf(zero), record(2, -0));
  const [again] = await openWatched(path, context(), { resume: true });
  t.true(Object.is(again.lookup(again.keyOf(zero))!.testScores.score, -0));
  t.deepEqual(warnings, [notice(messages.journalResumed(path, 2, { kept: 1, rerun: 0 }))]);
  const lines = (await readFile(path, 'utf8')).split('\n');
  t.is(lines.length, 5); // header, three fits, and the final newline
  t.is(JSON.parse(lines[0]).gridfold, 'journal');
});

test('a fit key changes with the fold indices, the parameters and the data', async (t) => {
  const path = await tempPath();
  const journal = await RunJournal.open(path, context());
  const other = await RunJournal.open(`${path}.2`, context({ x0: 0.5 }));
  t.is(journal.keyOf(task(0)), journal.keyOf(task(0)));
  t.regex(journal.keyOf(task(0)), /^[0-9a-f]{64}$/);
  t.not(journal.keyOf(task(0)), journal.keyOf({ ...task(0), train: new Int32Array([0, 2]) }));
  t.not(journal.keyOf(task(0)), journal.keyOf(task(0, 0.01)));
  t.not(journal.keyOf(task(0)), journal.keyOf({ ...task(0), scoring: { score: 'f1_macro' } }));
  t.not(journal.keyOf(task(0)), other.keyOf(task(0)));
  t.not(dataFingerprint(context().data), dataFingerprint(context({ x0: 0.5 }).data));
});

test('a truncated last line is ignored with a warning and the next fit starts on its own line', async (t) => {
  const path = await tempPath();
  const journal = await RunJournal.open(path, context());
  await journal.append(journal.keyOf(task(0)), record(0, 0.5));
  const whole = await readFile(path, 'utf8');
  await appendFile(path, '{"key":"abc","record":{"candidateIn');
  const [resumed, warnings] = await openWatched(path, context(), { resume: true });
  t.deepEqual(warnings, [notice(messages.journalTruncatedTail(path, 3)), notice(messages.journalResumed(path, 1))]);
  t.is(resumed.resumedFits, 1);
  t.is(await readFile(path, 'utf8'), whole);
  await resumed.append(resumed.keyOf(task(1)), record(1, 0.75));
  const [again] = await openWatched(path, context(), { resume: true });
  t.is(again.resumedFits, 2);
  t.deepEqual(again.lookup(again.keyOf(task(1))), record(1, 0.75));
});

test('a complete last entry that lost only its newline is kept', async (t) => {
  const path = await tempPath();
  const journal = await RunJournal.open(path, context());
  await journal.append(journal.keyOf(task(0)), record(0, 0.5));
  await writeFile(path, (await readFile(path, 'utf8')).slice(0, -1));
  const [resumed] = await openWatched(path, context(), { resume: true });
  await resumed.append(resumed.keyOf(task(1)), record(1, 0.25));
  const [again] = await openWatched(path, context(), { resume: true });
  t.is(again.resumedFits, 2);
});

test('unreadable lines in the middle are skipped with a warning naming them; valid records are kept and the file as it was saved', async (t) => {
  const path = await tempPath();
  const journal = await RunJournal.open(path, context());
  await journal.append(journal.keyOf(task(0)), record(0, 0.5));
  await appendFile(path, 'garbage\n');
  await appendFile(path, `${JSON.stringify({ key: 'k2', record: { ...record(2, 0), testScores: { score: 'high' } } })}\n`);
  await appendFile(path, `${JSON.stringify({ key: 'k3', record: { ...record(3, 0), fitTime: undefined } })}\n`);
  await appendFile(path, '[1, 2]\n');
  await journal.append(journal.keyOf(task(1)), record(1, 0.25));
  const before = await readFile(path, 'utf8');
  const [resumed, warnings] = await openWatched(path, context(), { resume: true });
  const backups = (await readdir(join(path, '..'))).filter((name) => name.endsWith('.corrupt'));
  t.is(backups.length, 1);
  const backup = join(path, '..', backups[0]);
  t.deepEqual(warnings, [
    notice(messages.journalLinesSkipped(path, [
      { line: 3, reason: 'not JSON' },
      { line: 4, reason: messages.fieldHolds('record.testScores.score', 'high', 'a number') },
      { line: 5, reason: messages.fieldHolds('record.fitTime', undefined, 'a number') },
      { line: 6, reason: 'not a { key, record } entry' },
    ], backup)),
    notice(messages.journalResumed(path, 2)),
  ]);
  t.is(messages.fieldHolds('record.testScores.score', 'high', 'a number'), 'record.testScores.score is "high", not a number');
  t.is(await readFile(backup, 'utf8'), before, 'nothing of the old file is lost');
  t.is(resumed.resumedFits, 2);
  t.deepEqual(resumed.lookup(resumed.keyOf(task(0))), record(0, 0.5));
  t.deepEqual(resumed.lookup(resumed.keyOf(task(1))), record(1, 0.25));
  t.is(resumed.lookup('k2'), undefined, 'a record with a string score is not a result');
  // The journal now holds the header and the two good records only: a second resume warns of nothing.
  t.is((await readFile(path, 'utf8')).split('\n').length, 4);
  const [, again] = await openWatched(path, context(), { resume: true });
  t.deepEqual(again, [notice(messages.journalResumed(path, 2))]);
});

test('a journal from a different search is refused, saying what differs', async (t) => {
  const path = await tempPath();
  await RunJournal.open(path, context());
  await t.throwsAsync(RunJournal.open(path, context({ x0: 9 }), { resume: true }), { instanceOf: JournalError, message: messages.journalHeaderMismatch(path, ['data']) });
  await t.throwsAsync(RunJournal.open(path, context({ lr: 0.5, grid: [3] }), { resume: true }), {
    message: messages.journalHeaderMismatch(path, ['estimator', 'grid']),
  });
  t.is(
    messages.journalHeaderMismatch('j', ['data']),
    'The journal j belongs to a different search: its data differs from this one. Resume with the same data, estimator and grid, or start afresh without resume (gridfold run: --no-resume; the old journal is then moved aside, not deleted).',
  );
});

test('a file that is not a journal is refused', async (t) => {
  const path = await tempPath();
  await writeFile(path, 'epoch,loss\n1,0.5\n');
  await t.throwsAsync(RunJournal.open(path, context(), { resume: true }), { message: messages.journalNotAJournal(path, 'epoch,loss') });
});

test('without resume an existing journal is moved aside, and the new one starts empty', async (t) => {
  const path = await tempPath();
  const first = await RunJournal.open(path, context());
  await first.append(first.keyOf(task(0)), record(0, 0.5));
  const old = await readFile(path, 'utf8');
  const [fresh, warnings] = await openWatched(path, context());
  t.is(fresh.resumedFits, 0);
  t.is(fresh.lookup(fresh.keyOf(task(0))), undefined);
  const files = (await readdir(join(path, '..'))).filter((f) => f.endsWith('.bak'));
  t.is(files.length, 1);
  const aside = join(path, '..', files[0]);
  t.deepEqual(warnings, [notice(messages.journalMovedAside(path, aside))]);
  t.is(await readFile(aside, 'utf8'), old);
  t.is((await readFile(path, 'utf8')).split('\n').length, 2);
});

test('resume without a journal, or with only a half-written header, starts afresh', async (t) => {
  const path = await tempPath();
  const [none, warnings] = await openWatched(path, context(), { resume: true });
  t.is(none.resumedFits, 0);
  await writeFile(path, '{"gridfold":"jou');
  const [half, more] = await openWatched(path, context(), { resume: true });
  t.is(half.resumedFits, 0);
  t.deepEqual([...warnings, ...more], []);
  t.is(JSON.parse((await readFile(path, 'utf8')).split('\n')[0]).gridfold, 'journal');
});

test('resume keeps the fits that failed on their own and runs again those stopped from outside (worker died, timeout, lost task)', async (t) => {
  const path = await tempPath();
  const journal = await RunJournal.open(path, context());
  const failedWith = (fold: number, name: string) => ({ ...record(fold, Number.NaN), error: { name, message: `${name} on purpose` } });
  const tasks = [0, 1, 2, 3, 4].map((fold) => ({ ...task(0), foldIndex: fold, train: new Int32Array([fold % 4, 3 - (fold % 2)]), test: new Int32Array([fold]) }));
  await journal.append(journal.keyOf(tasks[0]), record(0, 0.5));
  await journal.append(journal.keyOf(tasks[1]), failedWith(1, 'NonFiniteLossError'));
  await journal.append(journal.keyOf(tasks[2]), failedWith(2, 'WorkerDiedError'));
  await journal.append(journal.keyOf(tasks[3]), failedWith(3, 'FitTimeoutError'));
  await journal.append(journal.keyOf(tasks[4]), failedWith(4, 'TaskLostError'));
  const [resumed, warnings] = await openWatched(path, context(), { resume: true });
  t.deepEqual(warnings, [notice(messages.journalResumed(path, 2, { kept: 1, rerun: 3 }))]);
  t.is(
    messages.journalResumed('j', 2, { kept: 1, rerun: 3 }),
    'Resuming from j: 2 finished fits found (1 of them failed on their own — a NaN loss, an error in the fit — and are kept as they are); 3 fits that were stopped from outside (a worker that died, fitTimeout, a lost task) run again.',
  );
  t.deepEqual(resumed.lookup(resumed.keyOf(tasks[0])), record(0, 0.5));
  t.deepEqual(resumed.lookup(resumed.keyOf(tasks[1])), failedWith(1, 'NonFiniteLossError'));
  for (const i of [2, 3, 4]) t.is(resumed.lookup(resumed.keyOf(tasks[i])), undefined, `fold ${i} runs again`);
  t.is(resumed.resumedFits, 2);
});

test('idleFingerprint hashes the data once the event loop is free, or when asked first; cancelled, only when asked', async (t) => {
  const early = context().data;
  t.is(idleFingerprint(early).get(), dataFingerprint(early));
  const idle = context().data;
  const hashedAtIdle = idleFingerprint(idle);
  await new Promise((resolve) => setImmediate(resolve));
  idle.X.data[0] = 0.5;
  t.is(hashedAtIdle.get(), dataFingerprint(context().data), 'hashed before the change');
  const cancelled = context().data;
  const asked = idleFingerprint(cancelled);
  asked.cancel();
  await new Promise((resolve) => setImmediate(resolve));
  cancelled.X.data[0] = 0.5;
  t.is(asked.get(), dataFingerprint(context({ x0: 0.5 }).data), 'hashed when asked');
});
