/**
 * One seed-grid search in a process of its own, as `gridfold run` runs it: the worker
 * threads are started (startWorkers) before the data loads, then the search is timed from
 * fit() to its end. Used by bench/parallel.ts and bench/skorch.ts, which start it as a
 * child (several at once for the machine's ceiling).
 *   npm run build && node --import tsx bench/lib/seed-search.ts --n-jobs 2 [--epochs 5]
 * Prints one JSON line: wall seconds, the sum of fit + score times, the busiest thread's
 * sum, the fixed cost (wall − the busiest thread's sum: pool start-up not hidden by the data
 * load, dispatch, aggregation) and the mean test scores.
 */
import { GridSearchCV, NeuralNetClassifier, initBackend, loadMnist, startWorkers } from '../../dist/index.js';
import type { CvResults } from '../../dist/index.js';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './util.js';

export const SEED_GRID = { 'module.hiddenUnits': [[32, 16], [64, 32], [128, 64], [256, 128]] };

export function seedParams(epochs: number) {
  return { module: 'mlp', 'module.hiddenUnits': [32, 16], 'module.activation': 'relu', optimizer: 'sgd', lr: 0.01, batchSize: 64, maxEpochs: epochs, seed: 0 };
}

export interface SeedSearchResult {
  nJobs: number;
  seconds: number;
  /** Σ fit + score over the fits. */
  work: number;
  /** The largest Σ fit + score of one thread. */
  busiest: number;
  fixedCost: number;
  loadSeconds: number;
  meanTestScore: number[];
}

export async function seedSearch(nJobs: number, epochs: number): Promise<SeedSearchResult> {
  const loadStarted = performance.now();
  await initBackend();
  if (nJobs > 1) void startWorkers(nJobs);
  const { X, y, shape } = await loadMnist();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const search = new GridSearchCV(new NeuralNetClassifier(seedParams(epochs)), SEED_GRID, { cv: 3, scoring: 'accuracy', nJobs, refit: false });
  const started = performance.now();
  await search.fit({ data: X, shape }, y);
  const seconds = (performance.now() - started) / 1000;
  const byThread = new Map<number | undefined, number>();
  for (const fit of search.fits) byThread.set(fit.threadId, (byThread.get(fit.threadId) ?? 0) + fit.fitTime + fit.scoreTime);
  const work = [...byThread.values()].reduce((a, b) => a + b, 0);
  const busiest = Math.max(...byThread.values());
  return {
    nJobs, seconds, work, busiest, fixedCost: seconds - busiest, loadSeconds,
    meanTestScore: (search.cvResults as CvResults).mean_test_score as number[],
  };
}

/** The seed search in a child process of its own: its result. */
export function searchInChild(nJobs: number, epochs: number): Promise<SeedSearchResult> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--n-jobs', String(nJobs), '--epochs', String(epochs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) fail(new Error(`seed-search --n-jobs ${nJobs} failed (exit ${code}): ${out}`));
      else done(JSON.parse(line) as SeedSearchResult);
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const result = await seedSearch(Number(option('n-jobs', '1')), Number(option('epochs', '5')));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
