import test from 'ava';
import { initBackend } from '../../src/backend/index.js';
import { GridSearchCV, NeuralNetClassifier, crossValidate } from '../../src/index.js';
import { comparableResults, moons, tinyNet, withoutTimesAndThread } from './helpers.js';
import { identicalAcrossJobs } from './identical.js';

// Read when the backend is first initialised; same-results-cpu.test.ts runs the first test on cpu.
process.env.GRIDFOLD_BACKEND = 'wasm';
// Once, before tests run concurrently: concurrent first calls of initBackend race (setBackend → false).
test.before(async () => {
  await initBackend();
});

test('cvResults and every epoch of every fit are identical for nJobs 1, 2 and 4 (wasm)', (t) => identicalAcrossJobs(t, 'wasm'));

test('candidate order never depends on completion order', async (t) => {
  const { X, y } = moons();
  // Candidate 1 trains 8 epochs, candidate 0 one. The engine dispatches the longest fits
  // first, so candidate 1's fits run (and finish) before candidate 0's, in process and on 2 workers.
  const order: string[] = [];
  const run = async (nJobs: number) => {
    // One fit per unit (no fold-batching), so that the dispatch order shows in the completion order.
    const s = new GridSearchCV(tinyNet(), { maxEpochs: [1, 8] }, {
      cv: 3, nJobs, refit: false, foldBatching: false, onProgress: (p) => order.push(`${p.record.candidateIndex}:${p.record.foldIndex}`),
    });
    await s.fit(X, y);
    return s;
  };
  const serial = await run(1);
  t.deepEqual(order.slice(0, 3).map((fit) => fit[0]), ['1', '1', '1'], `completion order was ${order.join(' ')}`);
  order.length = 0;
  const parallel = await run(2);
  t.is(order[0][0], '1', `completion order was ${order.join(' ')}`);
  t.deepEqual(parallel.cvResults!.params, [{ maxEpochs: 1 }, { maxEpochs: 8 }]);
  t.deepEqual(comparableResults(parallel.cvResults!), comparableResults(serial.cvResults!));
  for (const search of [serial, parallel]) {
    t.deepEqual(search.fits.map((f) => [f.candidateIndex, f.foldIndex]), [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
  }
});

test('crossValidate gives the same scores on 2 workers as in-process', async (t) => {
  const { X, y } = moons();
  const serial = await crossValidate(tinyNet(), X, y, { cv: 3, nJobs: 1 });
  const parallel = await crossValidate(tinyNet(), X, y, { cv: 3, nJobs: 2 });
  t.deepEqual(parallel.test_score, serial.test_score);
  t.is(serial.test_score.length, 3);
});

test('a grid of CNNs (the lean conv step on wasm) gives the same scores and losses bit for bit at nJobs 1 and 2, each candidate\'s folds stacked, and within float tolerance of its folds trained apart', async (t) => {
  // 36 images of 8×8 whose class is the brighter half.
  const n = 36;
  const data = new Float32Array(n * 64);
  const y = Int32Array.from({ length: n }, (_, i) => i % 2);
  for (let i = 0; i < data.length; i++) data[i] = 0.3 * Math.sin(i * 0.37) + ((i % 64) < 32 === (y[Math.floor(i / 64)] === 0) ? 0.7 : 0);
  const net = new NeuralNetClassifier({
    module: 'cnn', 'module.convs': [{ filters: 3, kernel: 3, padding: 'same', pool: 2 }, { filters: 2, kernel: 3 }],
    optimizer: 'adam', lr: 0.05, batchSize: 8, maxEpochs: 2, seed: 0,
  });
  const run = async (nJobs: number, foldBatching = true) => {
    const s = new GridSearchCV(net, { 'module.activation': ['relu', 'none'] }, { cv: 3, nJobs, refit: false, foldBatching });
    await s.fit({ data, shape: [n, 8, 8, 1] }, y);
    return s;
  };
  const one = await run(1);
  const two = await run(2);
  t.true(one.fits.every((f) => f.error === undefined), JSON.stringify(one.fits.map((f) => f.error)));
  t.deepEqual([...new Set([...one.fits, ...two.fits].map((f) => f.notBatched))], [undefined]);
  // A stack's folds share one fit time: each candidate trained as one stack.
  t.deepEqual([0, 1].map((c) => new Set(two.fits.filter((f) => f.candidateIndex === c).map((f) => f.fitTime)).size), [1, 1]);
  t.deepEqual(comparableResults(two.cvResults!), comparableResults(one.cvResults!));
  t.deepEqual(two.fits.map(withoutTimesAndThread), one.fits.map(withoutTimesAndThread));
  t.is(new Set(one.fits.map((f) => f.history[1].train_loss)).size, 6);
  const apart = await run(2, false);
  const losses = (s: GridSearchCV) => s.fits.flatMap((f) => f.history.map((row) => row.train_loss));
  losses(apart).forEach((loss, i) => t.true(Math.abs(loss - losses(two)[i]) <= 1e-5 * Math.max(1, Math.abs(loss)), `loss ${i}: apart ${loss}, stacked ${losses(two)[i]}`));
});
