import test from 'ava';
import { messages, type FitRecord } from '../../src/core/index.js';
import { createProgressReporter, formatDuration } from '../../src/cli/progress.js';

function stream(isTTY: boolean, columns?: number) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns, write: (text: string) => chunks.push(text) };
}

function clock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

function fit(candidateIndex: number, foldIndex: number, accuracy: number, failed = false): FitRecord {
  return {
    candidateIndex, foldIndex, testScores: { accuracy }, fitTime: 1, scoreTime: 0, nTrain: 8, nTest: 4, history: [],
    ...(failed ? { error: { name: 'NonFiniteLossError', message: 'NaN' } } : {}),
  };
}

const candidates = [{ 'module.hiddenUnits': [32, 16] }, { 'module.hiddenUnits': [64, 32] }];

test('verbose 0 writes nothing', (t) => {
  const out = stream(false);
  const reporter = createProgressReporter({ stream: out, verbose: 0, total: 2, backend: 'wasm', workers: 2, nSplits: 2 });
  reporter.onProgress({ done: 1, total: 2, resumed: 0, record: fit(0, 0, 0.5) });
  reporter.finish();
  t.deepEqual(out.chunks, []);
});

test('without a TTY: one plain line per finished candidate, then a summary', (t) => {
  const out = stream(false);
  const time = clock();
  const reporter = createProgressReporter({ stream: out, verbose: 1, total: 4, backend: 'wasm', workers: 2, nSplits: 2, candidates, now: time.now });
  time.advance(1000);
  reporter.onProgress({ done: 1, total: 4, resumed: 0, record: fit(1, 0, 0.75) });
  t.deepEqual(out.chunks, []);
  reporter.onProgress({ done: 2, total: 4, resumed: 0, record: fit(0, 0, 0.5) });
  time.advance(2000);
  reporter.onProgress({ done: 3, total: 4, resumed: 0, record: fit(1, 1, 0.25) });
  reporter.onProgress({ done: 4, total: 4, resumed: 0, record: fit(0, 1, Number.NaN, true) });
  reporter.finish();
  t.deepEqual(out.chunks, [
    '[candidate 2/2] {module.hiddenUnits: [64,32]} mean accuracy 0.5000 ± 0.2500 over 2 folds · 3/4 fits · 00:03\n',
    '[candidate 1/2] {module.hiddenUnits: [32,16]} mean accuracy n/a ± n/a over 2 folds (1 failed) · 4/4 fits · 00:03\n',
    '4/4 fits in 00:03 · best accuracy 0.5000 · wasm × 2 workers\n',
  ]);
});

test('fits run by gridfold workers: each line names them, the bar names the last, the summary all of them', (t) => {
  const remote = (record: FitRecord, worker: string): FitRecord => ({ ...record, worker });
  const lines = stream(false);
  const time = clock();
  const reporter = createProgressReporter({ stream: lines, verbose: 1, total: 2, backend: 'wasm', workers: 2, nSplits: 2, candidates, now: time.now });
  reporter.onProgress({ done: 1, total: 2, resumed: 0, record: remote(fit(0, 0, 0.5), 'gpu-box:17') });
  reporter.onProgress({ done: 2, total: 2, resumed: 0, record: remote(fit(0, 1, 0.75), 'laptop:42') });
  reporter.finish();
  t.deepEqual(lines.chunks, [
    '[candidate 1/1] {module.hiddenUnits: [32,16]} mean accuracy 0.6250 ± 0.1250 over 2 folds on gpu-box:17, laptop:42 · 2/2 fits · 00:00\n',
    '2/2 fits in 00:00 · best accuracy 0.6250 · 2 gridfold workers (gpu-box:17, laptop:42)\n',
  ]);
  const perFit = stream(false);
  const single = createProgressReporter({ stream: perFit, verbose: 1, total: 1, backend: 'wasm', workers: 1, now: time.now });
  single.onProgress({ done: 1, total: 1, resumed: 0, record: remote(fit(0, 0, 0.5), 'gpu-box:17') });
  t.is(perFit.chunks[0], '[fit 1/1] candidate 1, fold 0: accuracy 0.5000 on gpu-box:17 · 00:00\n');
  const tty = stream(true, 200);
  const bar = createProgressReporter({ stream: tty, verbose: 1, total: 2, backend: 'wasm', workers: 2, nSplits: 2, now: time.now });
  bar.onProgress({ done: 1, total: 2, resumed: 0, record: remote(fit(0, 0, 0.5), 'gpu-box:17') });
  t.regex(tty.chunks[0], / · 1 gridfold worker, last fit on gpu-box:17\x1b\[K$/);
});

test('without nSplits: one line per fit; resumed fits are counted in the summary', (t) => {
  const out = stream(false);
  const time = clock();
  const reporter = createProgressReporter({ stream: out, verbose: 1, total: 2, backend: 'cpu', workers: 1, now: time.now });
  reporter.onProgress({ done: 0, total: 2, resumed: 1, record: fit(0, 0, 0.5) });
  time.advance(61_000);
  reporter.onProgress({ done: 2, total: 2, resumed: 1, record: fit(0, 1, 0.5, true) });
  reporter.finish();
  t.deepEqual(out.chunks, [
    '[fit 1/2] candidate 1, fold 0: accuracy 0.5000 · 00:00\n',
    '[fit 2/2] candidate 1, fold 1: accuracy failed (NonFiniteLossError) · 01:01\n',
    '2/2 fits (1 from the journal) in 01:01 · best accuracy n/a · cpu × 1 worker\n',
  ]);
});

test('on a TTY: a bar redrawn in place at most every 100 ms, with ETA and the best mean so far', (t) => {
  const out = stream(true, 200);
  const time = clock();
  const reporter = createProgressReporter({ stream: out, verbose: 1, total: 4, backend: 'wasm', workers: 2, nSplits: 2, now: time.now });
  time.advance(2000);
  reporter.onProgress({ done: 1, total: 4, resumed: 0, record: fit(0, 0, 0.5) });
  time.advance(50);
  reporter.onProgress({ done: 2, total: 4, resumed: 0, record: fit(0, 1, 0.7) });
  t.is(out.chunks.length, 1, 'the second event came within 100 ms');
  t.is(out.chunks[0], `\r[${'█'.repeat(6)}${'░'.repeat(18)}] 1/4 fits · 00:02 elapsed · ETA 00:06 · best accuracy n/a · wasm × 2 workers\x1b[K`);
  time.advance(1950);
  reporter.onProgress({ done: 3, total: 4, resumed: 0, record: fit(1, 0, 0.9) });
  t.is(out.chunks[1], `\r[${'█'.repeat(18)}${'░'.repeat(6)}] 3/4 fits · 00:04 elapsed · ETA 00:01 · best accuracy 0.6000 · wasm × 2 workers\x1b[K`);
  time.advance(10);
  reporter.onProgress({ done: 4, total: 4, resumed: 0, record: fit(1, 1, 0.9) });
  t.is(out.chunks.length, 3, 'the last fit is always drawn');
  reporter.finish();
  t.is(out.chunks[3], `\r[${'█'.repeat(24)}] 4/4 fits · 00:04 elapsed · ETA --:-- · best accuracy 0.9000 · wasm × 2 workers\x1b[K\n`);
});

test('a narrow terminal cuts the bar instead of wrapping it', (t) => {
  const out = stream(true, 40);
  const reporter = createProgressReporter({ stream: out, verbose: 2, total: 1, backend: 'wasm', workers: 2, now: () => 0 });
  reporter.onProgress({ done: 1, total: 1, resumed: 0, record: fit(0, 0, 0.5) });
  t.is(out.chunks[0], `\r[${'█'.repeat(24)}] 1/1 fits · 0\x1b[K`);
});

test('bad options are refused with their value', (t) => {
  const base = { verbose: 1, total: 2, backend: 'wasm', workers: 2 };
  t.throws(() => createProgressReporter({ ...base, verbose: -1 }), { message: messages.progressOptionInvalid('verbose', -1, 'an integer >= 0') });
  t.throws(() => createProgressReporter({ ...base, workers: 0 }), { message: messages.progressOptionInvalid('workers', 0, 'an integer >= 1') });
  t.throws(() => createProgressReporter({ ...base, nSplits: 1.5 }), { message: messages.progressOptionInvalid('nSplits', 1.5, 'an integer >= 1') });
  t.throws(() => createProgressReporter({ ...base, stream: {} as never }), { message: 'createProgressReporter: stream must be a writable stream; got {  }.' });
});

test('durations read as mm:ss, or h:mm:ss past an hour', (t) => {
  t.is(formatDuration(0), '00:00');
  t.is(formatDuration(59_499), '00:59');
  t.is(formatDuration(3_600_000 + 61_000), '1:01:01');
});

test("a candidate's numbers show to 4 significant digits as in the ranked table; lists and strings as written", (t) => {
  const lines = stream(false);
  const drawn = [{ lr: 0.003436199347937975, 'module.hiddenUnits': [64, 32], 'module.activation': 'tanh' }];
  const reporter = createProgressReporter({ stream: lines, verbose: 1, total: 1, backend: 'wasm', workers: 1, nSplits: 1, candidates: drawn, now: clock().now });
  reporter.onProgress({ done: 1, total: 1, resumed: 0, record: fit(0, 0, 0.5) });
  t.true(lines.chunks[0].startsWith('[candidate 1/1] {lr: 0.003436, module.hiddenUnits: [64,32], module.activation: "tanh"} mean accuracy 0.5000'), lines.chunks[0]);
});
