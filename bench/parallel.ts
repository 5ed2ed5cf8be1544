/**
 * Parallel speed-up of the seed grid: 4 MLP widths × 3 stratified folds × 5 epochs on the
 * embedded 10k MNIST, at nJobs 1 (in-process) and nJobs 2 (two worker threads).
 *   npm run build && node --import tsx bench/parallel.ts [--epochs N] [--reps N]
 * The two are timed alternately, `reps` times each, and the speed-up is the median of the
 * pairs' ratios: this VM's speed drifts by 20–30 % within minutes, and a pair measured
 * back to back shares its drift.
 *
 * Beside it, the host's own ceiling for this very work: the same search at nJobs 1 in one
 * worker thread alone, then two copies of it in two threads at once (both threads started
 * and warmed up beforehand). 2 × alone / together is how much two cores of this machine
 * give two independent runs of these fits right now — the same models, data sizes, stacks
 * and scoring, with no pool start-up and no scheduling between them: gridfold's speed-up is
 * read against it.
 * Refit is off: it is one single-threaded fit that nJobs cannot speed up. It measures the
 * compiled package (dist/), as users run it.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { GridSearchCV, NeuralNetClassifier, describeBackend, initBackend, loadMnist } from '../dist/index.js';
import type { CvResults } from '../dist/index.js';
import { median, option } from './lib/util.js';

const epochs = Number(option('epochs', '5'));
const reps = Number(option('reps', '3'));

const backend = await initBackend();
process.stderr.write(`${describeBackend(backend)}\n`);
const { X, y, shape } = await loadMnist();
const grid = { 'module.hiddenUnits': [[32, 16], [64, 32], [128, 64], [256, 128]] };
const params = {
  module: 'mlp', 'module.hiddenUnits': [32, 16], 'module.activation': 'relu',
  optimizer: 'sgd', lr: 0.01, batchSize: 64, maxEpochs: epochs, seed: 0,
};
const net = new NeuralNetClassifier(params);

interface Timing {
  nJobs: number;
  seconds: number;
  /** Seconds until the first fit was reported: includes the pool's start-up for nJobs > 1. */
  firstResult: number;
  /** Sum of the fits' own fit + score times: the work, wherever it ran. */
  work: number;
  meanTestScore: number[];
}

async function time(nJobs: number): Promise<Timing> {
  let firstAt = 0;
  const search = new GridSearchCV(net, grid, {
    cv: 3, scoring: 'accuracy', nJobs, refit: false, onProgress: () => void (firstAt ||= performance.now()),
  });
  const started = performance.now();
  await search.fit(X, y);
  const seconds = (performance.now() - started) / 1000;
  const firstResult = (firstAt - started) / 1000;
  const work = search.fits.reduce((sum, f) => sum + f.fitTime + f.scoreTime, 0);
  const meanTestScore = (search.cvResults as CvResults).mean_test_score as number[];
  process.stderr.write(
    `nJobs ${nJobs}: ${seconds.toFixed(1)} s wall, first fit reported after ${firstResult.toFixed(1)} s, ` +
    `${work.toFixed(1)} s of fit+score work (${((100 * work) / (nJobs * seconds)).toFixed(0)}% of ${nJobs} cores)\n`,
  );
  return { nJobs, seconds, firstResult, work, meanTestScore };
}

/** The worker of the host-ceiling probe: runs the seed grid at nJobs 1 on command, reports its seconds. */
const PROBE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { GridSearchCV, NeuralNetClassifier, initBackend, loadMnist } = await import(workerData.dist);
  await initBackend(workerData.backend);
  const { X, y } = await loadMnist();
  const net = new NeuralNetClassifier(workerData.params);
  const search = async () => {
    const started = performance.now();
    await new GridSearchCV(net, workerData.grid, { cv: 3, scoring: 'accuracy', nJobs: 1, refit: false }).fit(X, y);
    return (performance.now() - started) / 1000;
  };
  await search();
  parentPort.on('message', async () => parentPort.postMessage(await search()));
  parentPort.postMessage('ready');
})();
`;

/** 2 × (the search alone) / (two copies at once), in two warmed-up worker threads. */
async function hostCeiling(): Promise<{ alone: number; together: number; scaling: number }[]> {
  const workers = [0, 1].map(() => new Worker(PROBE_WORKER, {
    eval: true, workerData: { dist: new URL('../dist/index.js', import.meta.url).href, backend: backend.name, params, grid },
  }));
  const next = (worker: Worker) => new Promise<unknown>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await Promise.all(workers.map(next));
  const runs = [];
  const runAlone = async () => {
    const done = next(workers[0]);
    workers[0].postMessage('fit');
    return (await done) as number;
  };
  for (let rep = 0; rep < reps; rep++) {
    // alone, together, alone: the mean of the two alone runs brackets the together run,
    // so a steady drift of the machine's speed cancels out.
    const before = await runAlone();
    const started = performance.now();
    const both = workers.map(next);
    for (const worker of workers) worker.postMessage('fit');
    await Promise.all(both);
    const together = (performance.now() - started) / 1000;
    const alone = (before + (await runAlone())) / 2;
    runs.push({ alone, together, scaling: (2 * alone) / together });
    process.stderr.write(`host ceiling: the search alone ${alone.toFixed(2)} s (mean of before and after), two copies at once ${together.toFixed(2)} s → ${((2 * alone) / together).toFixed(2)}×\n`);
  }
  await Promise.all(workers.map((worker) => worker.terminate()));
  return runs;
}

process.stderr.write(`seed grid: ${shape[0]} samples × ${shape[1]} features, 4 candidates × 3 folds, ${epochs} epochs, ${os.availableParallelism()} cores, ${reps} alternating repetitions\n`);
const pairs: { one: Timing; two: Timing; speedup: number }[] = [];
for (let rep = 0; rep < reps; rep++) {
  const one = await time(1);
  const two = await time(2);
  if (JSON.stringify(one.meanTestScore) !== JSON.stringify(two.meanTestScore)) {
    throw new Error(`nJobs 1 and 2 gave different scores: ${one.meanTestScore} vs ${two.meanTestScore}`);
  }
  pairs.push({ one, two, speedup: one.seconds / two.seconds });
}
const ceiling = await hostCeiling();

const speedup = median(pairs.map((p) => p.speedup));
const hostScaling = median(ceiling.map((c) => c.scaling));
process.stdout.write(
  `parallel: speed-up ${speedup.toFixed(2)}× (median of ${reps}: ${pairs.map((p) => p.speedup.toFixed(2)).join(', ')}; goal ≥ 1.85×), ` +
  `host ceiling ${hostScaling.toFixed(2)}× → ${((100 * speedup) / hostScaling).toFixed(0)} % of it; scores identical at nJobs 1 and 2\n`,
);
const summary = (key: 'one' | 'two') => ({
  nJobs: key === 'one' ? 1 : 2,
  seconds: median(pairs.map((p) => p[key].seconds)),
  firstResult: median(pairs.map((p) => p[key].firstResult)),
  work: median(pairs.map((p) => p[key].work)),
});
process.stdout.write(`${JSON.stringify({
  bench: 'parallel', backend: backend.name, epochs, reps, speedup, speedups: pairs.map((p) => p.speedup),
  timings: [summary('one'), summary('two')], hostScaling, ceiling,
})}\n`);
