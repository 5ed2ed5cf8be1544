import test from 'ava';
import { readFileSync } from 'node:fs';
import { messages } from '../../src/core/index.js';
import { GridSearchCV, closeWorkers, startWorkers } from '../../src/index.js';
import { HalvingGridSearchCV } from '../../src/search/index.js';
import { PoolExecutor, datasetFromShared, installPoolExecutor, shareDataset, sharedWorkerThreadIds } from '../../src/parallel/index.js';
import { buildTasks, runFits, setExecutorFactory } from '../../src/validation/index.js';
import { resolveScoring } from '../../src/scoring/index.js';
import { checkXy } from '../../src/data/index.js';
import { initBackend } from '../../src/backend/index.js';
import { moons, runFixture, tinyNet, withoutTimesAndThread } from './helpers.js';

process.env.GRIDFOLD_BACKEND = 'wasm';
// Once, before the tests run concurrently: concurrent first calls of initBackend race.
test.before(async () => {
  await initBackend();
});

/** Threads of this process as the OS counts them (Linux): worker threads included. */
function osThreads(): number {
  return Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
}

function engineOptions(nJobs: number) {
  const { X, y } = moons();
  const estimator = tinyNet();
  const data = checkXy(X, y, { owner: 'test', task: 'classification' });
  const folds = [0, 1, 2].map((k) => {
    const test = Int32Array.from({ length: 30 }, (_, i) => k * 30 + i);
    const train = Int32Array.from({ length: 90 }, (_, i) => i).filter((i) => i < k * 30 || i >= (k + 1) * 30);
    return [train, test] as const;
  });
  return {
    estimator, candidates: [{ 'module.hiddenUnits': [3] }, { 'module.hiddenUnits': [5] }], splits: folds, data,
    scorers: resolveScoring(undefined, { task: 'classification' }), returnTrainScore: false, errorScore: Number.NaN, nJobs, nClasses: 2,
  };
}

test('PoolExecutor refuses bad options with their value', (t) => {
  t.throws(() => new PoolExecutor({ nJobs: 0 }), { message: messages.poolOptionInvalid('nJobs', 0, 'an integer in [1, 256]') });
  t.throws(() => new PoolExecutor({ nJobs: 1.5 }), { message: 'PoolExecutor: options.nJobs must be an integer in [1, 256]; got 1.5.' });
  t.throws(() => new PoolExecutor({ nJobs: 2, resourceLimits: null as never }), { message: messages.poolOptionInvalid('resourceLimits', null, 'an object of worker resource limits') });
  t.throws(() => new PoolExecutor({ nJobs: 2, shared: 'yes' as never }), { message: messages.poolOptionInvalid('shared', 'yes', 'true or false') });
  t.throws(() => new PoolExecutor({ nJobs: 2, shared: true, resourceLimits: {} }), {
    message: messages.poolOptionInvalid('shared', true, 'false when resourceLimits are given (a shared pool has the default limits)'),
  });
  t.throws(() => new PoolExecutor({ nJobs: 2, threads: 2 } as never), { message: messages.unknownOption('PoolExecutor', 'threads', ['nJobs', 'resourceLimits', 'announce', 'shared']) });
});

test('the threads live for the whole search (every run) and are gone after close', async (t) => {
  const o = engineOptions(2);
  const lines: string[] = [];
  const executor = new PoolExecutor({ nJobs: 2, announce: (line) => lines.push(line) });
  t.is(executor.threads, 0);
  const first = await runFits({ ...o, executor });
  const ids = executor.threadIds;
  t.is(ids.length, 2);
  const second = await runFits({ ...o, executor });
  t.deepEqual(executor.threadIds, ids, 'the same two threads ran both rounds');
  t.deepEqual(second.map(withoutTimesAndThread), first.map(withoutTimesAndThread));
  t.is(executor.description, '2 worker threads (wasm)');
  t.deepEqual(lines, [messages.poolStarted(2, 'wasm', (90 * 2 * 4 + 90 * 4) / 2 ** 20)]);
  await executor.close();
  t.is(executor.threads, 0);
});

test('the records come back in task order with the tasks they belong to', async (t) => {
  const o = engineOptions(2);
  const executor = new PoolExecutor({ nJobs: 2 });
  const tasks = buildTasks(o);
  const finished: string[] = [];
  const records = await executor.run(tasks, o.data, { onResult: (r) => void finished.push(`${r.candidateIndex}:${r.foldIndex}`) });
  await executor.close();
  t.deepEqual(records.map((r) => [r.candidateIndex, r.foldIndex, r.nTrain, r.nTest]), tasks.map((k) => [k.candidateIndex, k.foldIndex, 60, 30]));
  t.deepEqual([...finished].sort(), ['0:0', '0:1', '0:2', '1:0', '1:1', '1:2']);
});

test('the dataset is copied once into shared memory that every worker views', (t) => {
  const { X, y } = moons();
  const data = checkXy(X, y, { owner: 'test', task: 'classification' });
  const shared = shareDataset(data);
  t.true(shared.x instanceof SharedArrayBuffer);
  t.true(shared.y instanceof SharedArrayBuffer);
  const a = datasetFromShared(shared);
  const b = datasetFromShared(shared);
  t.deepEqual(Array.from(a.X.data), Array.from(data.X.data));
  t.deepEqual(Array.from(a.y), Array.from(data.y));
  a.X.data[0] = 42;
  t.is(b.X.data[0], 42, 'two views, one memory');
  t.not(data.X.data[0], 42, 'the caller’s array is not shared');
  t.is(shareDataset({ X: a.X, y: a.y }).x, shared.x, 'already shared: not copied again');
});

test.serial('the searches of a process share one warm pool, which closeWorkers() ends', async (t) => {
  const { X, y } = moons();
  const fit = (onProgress?: () => void) => new GridSearchCV(tinyNet(), { 'module.hiddenUnits': [[3], [5]] }, { cv: 3, nJobs: 2, refit: false, onProgress }).fit(X, y);
  await closeWorkers();
  await new GridSearchCV(tinyNet(), { 'module.hiddenUnits': [[3], [5]] }, { cv: 3, nJobs: 1, refit: false }).fit(X, y); // node's own threads are all started by now
  const before = osThreads();
  const during: number[] = [];
  const first = await fit(() => void during.push(osThreads()));
  t.true(Math.min(...during) >= before + 2, `threads: ${before} before, ${during.join(' ')} during`);
  const ids = sharedWorkerThreadIds();
  t.is(ids.length, 2);
  const second = await fit();
  t.deepEqual(sharedWorkerThreadIds(), ids, 'the same two threads');
  t.true(second.fits.every((record) => ids.includes(record.threadId!)), 'the second search ran on the first one’s threads');
  t.deepEqual(second.fits.map(withoutTimesAndThread), first.fits.map(withoutTimesAndThread));
  await closeWorkers();
  t.is(osThreads(), before);
  t.deepEqual(sharedWorkerThreadIds(), []);
});

/** Runs a fixture that must end by itself; a watchdog kills it after 150 s, which result.signal then shows. */
async function runUntilItEnds(file: string) {
  let watchdog: NodeJS.Timeout | undefined;
  const result = await runFixture(file, [], (child) => {
    watchdog = setTimeout(() => child.kill('SIGKILL'), 150_000);
  });
  clearTimeout(watchdog);
  return result;
}

test('searches run on the threads startWorkers started, and the process ends by itself', async (t) => {
  const result = await runUntilItEnds('test/parallel/fixtures/two-searches.ts');
  t.is(result.signal, null, 'the watchdog had to kill it');
  t.is(result.code, 0, result.stderr);
  const { started, first, second } = JSON.parse(result.stdout) as Record<string, number[]>;
  t.is(started.length, 2);
  t.true(first.every((id) => started.includes(id)) && second.every((id) => started.includes(id)), result.stdout);
});

test('startWorkers refuses a bad nJobs with its value', async (t) => {
  await t.throwsAsync(startWorkers(0), { message: messages.startWorkersInvalid(0, 256) });
  await t.throwsAsync(startWorkers('2' as never), { message: 'startWorkers: nJobs must be an integer in [1, 256]; got "2".' });
});

test("errorScore 'raise' ends the process by itself, the running fit cancelled", async (t) => {
  // Fold 0's fit would take hours: if it were not cancelled, or a thread kept the process
  // alive, the child would still be running when the watchdog fires.
  const result = await runUntilItEnds('test/parallel/fixtures/raise-search.ts');
  t.is(result.signal, null, 'the watchdog had to kill it');
  t.is(result.code, 1, result.stderr);
  t.is(result.stdout, 'started\n');
  t.regex(result.stderr, /FitFailedError: fit failed for candidate \{module\.mode: "throw"\} on fold 1 \(errorScore: 'raise'\)/);
});

test.serial('one pool serves every round of a successive-halving search', async (t) => {
  const created: PoolExecutor[] = [];
  const seen: number[][] = [];
  setExecutorFactory((request) => {
    const pool = new PoolExecutor({ nJobs: request.nJobs });
    created.push(pool);
    return pool;
  });
  try {
    const { X, y } = moons();
    const search = new HalvingGridSearchCV(tinyNet(), { lr: [1e-7, 0.3, 2e-7, 0.5] }, {
      cv: 3, factor: 2, minResources: 1, nJobs: 2, refit: false, onProgress: () => void seen.push(created[0].threadIds),
    });
    await search.fit(X, y);
    t.true(search.rounds.length >= 2, `${search.rounds.length} rounds`);
    t.is(created.length, 1);
    t.is(new Set(seen.map((ids) => ids.join())).size, 1, 'the same two threads, from the first fit to the last');
    t.is(seen[0].length, 2);
    t.is(created[0].threads, 0);
  } finally {
    installPoolExecutor();
  }
});
