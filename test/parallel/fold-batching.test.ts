import test from 'ava';
import type { ExecutionContext } from 'ava';
import { initBackend } from '../../src/backend/index.js';
import { EarlyStopping, GridSearchCV, crossValidate } from '../../src/index.js';
import type { FitRecord } from '../../src/core/index.js';
import { faultyNet, moons, tinyNet, withoutTimesAndThread } from './helpers.js';

process.env.GRIDFOLD_BACKEND = 'wasm';
test.before(async () => {
  await initBackend();
});

const TOLERANCE = 2e-5;
const grid = { 'module.hiddenUnits': [[3], [5]], lr: [0.05, 0.1] };

async function search(foldBatching: boolean, nJobs: number, params: Record<string, unknown> = {}, searchGrid: Record<string, unknown[]> = grid) {
  const { X, y } = moons();
  const s = new GridSearchCV(tinyNet(params), searchGrid, { cv: 3, nJobs, refit: false, foldBatching });
  await s.fit(X, y);
  return s;
}

function close(t: ExecutionContext, got: FitRecord[], want: FitRecord[]) {
  t.is(got.length, want.length);
  for (const [i, fit] of want.entries()) {
    const label = `candidate ${fit.candidateIndex} fold ${fit.foldIndex}`;
    t.deepEqual([got[i].candidateIndex, got[i].foldIndex], [fit.candidateIndex, fit.foldIndex]);
    t.is(got[i].error, undefined, label);
    t.true(Math.abs(got[i].testScores.score - fit.testScores.score) <= 1 / fit.nTest + 1e-9, `${label}: score ${got[i].testScores.score} vs ${fit.testScores.score}`);
    fit.history.forEach((row, e) => {
      for (const key of ['train_loss', 'valid_loss', 'valid_acc'] as const) {
        const a = got[i].history[e][key] as number;
        const b = row[key] as number;
        t.true(Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b)), `${label} epoch ${e + 1} ${key}: ${a} vs ${b}`);
      }
    });
  }
}

test('stacked folds give every fit the history and score of separate training (in-process and 2 workers)', async (t) => {
  const separate = await search(false, 1);
  const stacked = await search(true, 1);
  close(t, stacked.fits, separate.fits);
  // Stacking is deterministic too: the same bits whichever worker trains a candidate.
  const stackedOnWorkers = await search(true, 2);
  t.deepEqual(stackedOnWorkers.fits.map(withoutTimesAndThread), stacked.fits.map(withoutTimesAndThread));
  // And it really stacked: a stacked fit is charged 1/3 of its candidate's shared time.
  for (let c = 0; c < 4; c++) {
    const times = stacked.fits.filter((f) => f.candidateIndex === c).map((f) => f.fitTime);
    t.is(new Set(times).size, 1, `candidate ${c}: ${times.join(', ')}`);
  }
});

test('a grid whose fits cannot be stacked (dropout) trains them apart, bit for bit as without fold-batching, and each record says why (in-process and 2 workers)', async (t) => {
  const dropoutGrid = { 'module.dropout': [0.2, 0.4] };
  const separate = await search(false, 1, { 'module.hiddenUnits': [4] }, dropoutGrid);
  const fallback = await search(true, 1, { 'module.hiddenUnits': [4] }, dropoutGrid);
  const withoutReason = ({ notBatched: _n, ...fit }: FitRecord) => withoutTimesAndThread(fit);
  t.deepEqual(fallback.fits.map(withoutReason), separate.fits.map(withoutTimesAndThread));
  t.true(separate.fits.every((fit) => fit.notBatched === undefined));
  // Layer names carry a per-thread counter (dropout_Dropout13): compare the reasons without it.
  const reasonsOf = (fits: FitRecord[]) => fits.map((fit) => fit.notBatched?.replace(/Dropout\d+/, 'Dropout'));
  const reasons = reasonsOf(fallback.fits);
  t.true(reasons.every((reason) => typeof reason === 'string' && reason.includes('Dropout')), reasons.join(' | '));
  const onWorkers = await search(true, 2, { 'module.hiddenUnits': [4] }, dropoutGrid);
  t.deepEqual(reasonsOf(onWorkers.fits), reasons, 'the pool hands the reason back too');
});

for (const mode of ['throw', 'nan'] as const) {
  test(`a fold that fails (${mode === 'throw' ? 'its module throws' : 'NaN weights, so a NaN loss'}) fails alone with fold-batching on`, async (t) => {
    const { X, y } = moons();
    const s = new GridSearchCV(faultyNet({ 'module.mode': mode }), { lr: [0.05] }, { cv: 3, refit: false, foldBatching: true });
    await s.fit(X, y);
    t.deepEqual(s.fits.map((f) => f.error?.name), [undefined, mode === 'throw' ? 'GridfoldError' : 'NonFiniteLossError', undefined]);
    t.true(Number.isNaN(s.fits[1].testScores.score));
    t.true(s.fits[0].testScores.score > 0.5);
  });
}

test('crossValidate with fold-batching scores like without it', async (t) => {
  const { X, y } = moons();
  const separate = await crossValidate(tinyNet(), X, y, { cv: 3, foldBatching: false });
  const stacked = await crossValidate(tinyNet(), X, y, { cv: 3, foldBatching: true });
  stacked.test_score.forEach((score, f) => t.true(Math.abs(score - separate.test_score[f]) <= 1 / 30 + 1e-9));
});

test("'auto' stacks a small candidate's folds on wasm and trains a large one's apart", async (t) => {
  const { X, y } = moons();
  // 2 → 4 → 2 is 16 multiply-adds per sample; 2 → 30000 → 2 is 120,000, above the 80,000 limit.
  const s = new GridSearchCV(tinyNet({ maxEpochs: 1 }), { 'module.hiddenUnits': [[4], [30000]] }, { cv: 3, refit: false });
  await s.fit(X, y);
  const fitTimes = (c: number) => new Set(s.fits.filter((f) => f.candidateIndex === c).map((f) => f.fitTime)).size;
  t.is(fitTimes(0), 1, 'stacked: the three folds share one time');
  t.is(fitTimes(1), 3, 'apart: each fold has its own time');
});

test("'auto' trains a small plain-SGD mlp's folds apart on wasm: their fused single-fit steps beat a stack", async (t) => {
  const { X, y } = moons();
  const s = new GridSearchCV(tinyNet({ maxEpochs: 1, optimizer: 'sgd' }), { 'module.hiddenUnits': [[4]] }, { cv: 3, refit: false });
  await s.fit(X, y);
  t.is(new Set(s.fits.map((f) => f.fitTime)).size, 3, 'apart: each fold has its own time');
  const forced = new GridSearchCV(tinyNet({ maxEpochs: 1, optimizer: 'sgd' }), { 'module.hiddenUnits': [[4]] }, { cv: 3, refit: false, foldBatching: true });
  await forced.fit(X, y);
  t.is(new Set(forced.fits.map((f) => f.fitTime)).size, 1, 'foldBatching true still stacks them');
});

test('foldBatching refuses anything but true, false and auto', (t) => {
  t.throws(() => new GridSearchCV(tinyNet(), grid, { foldBatching: 'yes' as unknown as boolean }), {
    message: "GridSearchCV: foldBatching must be true, false or 'auto'; got \"yes\".",
  });
});

test('candidates that differ only in lr (sgd) and init train as one stack, equal to separate training, and to the bit at nJobs 1 and 2', async (t) => {
  const params = { optimizer: 'sgd', 'optimizer.momentum': 0.5 };
  const lrInitGrid = { lr: [0.3, 0.1, 0.03, 0.01], 'module.init': ['default', 'heNormal'] };
  const separate = await search(false, 1, params, lrInitGrid);
  const stacked = await search(true, 1, params, lrInitGrid);
  close(t, stacked.fits, separate.fits);
  // In-process, all 8 candidates × 3 folds = 24 fits: two stacks of at most 16 fits (5 and 3 candidates).
  const times = new Set(stacked.fits.map((f) => f.fitTime));
  t.is(times.size, 2, [...times].join(', '));
  // On 2 workers the stacks are smaller (each at most a quarter of a worker's share): the
  // same bits all the same.
  const onWorkers = await search(true, 2, params, lrInitGrid);
  t.true(new Set(onWorkers.fits.map((f) => f.fitTime)).size > 2);
  t.deepEqual(onWorkers.fits.map(withoutTimesAndThread), stacked.fits.map(withoutTimesAndThread));
});

test('with EarlyStopping the folds still stack, each stopping at its own epoch as when trained apart (in-process and 2 workers)', async (t) => {
  const params = { callbacks: [new EarlyStopping({ patience: 1 })], maxEpochs: 8, lr: 0.3 };
  const separate = await search(false, 1, params);
  const stacked = await search(true, 1, params);
  close(t, stacked.fits, separate.fits);
  t.true(new Set(stacked.fits.map((f) => f.history.length)).size > 1, 'folds stopped at different epochs');
  // It stacked: each candidate's folds share one time.
  for (let c = 0; c < 4; c++) t.is(new Set(stacked.fits.filter((f) => f.candidateIndex === c).map((f) => f.fitTime)).size, 1);
  const onWorkers = await search(true, 2, params);
  t.deepEqual(onWorkers.fits.map(withoutTimesAndThread), stacked.fits.map(withoutTimesAndThread));
});
