/**
 * The peer a Python user would pick: skorch + scikit-learn GridSearchCV on PyTorch, on the
 * very same seed grid (MLP 784 → u → u/2 → 10 for u in 32, 64, 128, 256; 3 folds; 5
 * epochs; batch 64; SGD lr 0.01; 20 % validation split; accuracy) and the very same data
 * (gridfold's embedded 10k MNIST sample, exported to .npy in a temp dir). gridfold runs
 * at nJobs = the number of cores, skorch at n_jobs = cores with one PyTorch thread each
 * (the faster setting here; `--all` adds n_jobs 1 with PyTorch's threads on every core,
 * measured ~6× slower on 2 cores: small matmuls don't split well across threads).
 * Repetitions are interleaved; the figures are medians. gridfold is measured from the compiled
 * package (dist/), as users run it: from src/ every worker thread would transpile the sources.
 *   node --import tsx bench/skorch.ts [--reps 5] [--epochs 5] [--all]
 * Skips cleanly (saying how to install the peer) when python3 cannot import torch, skorch
 * and sklearn. Prints a summary on stderr and one JSON line on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GridSearchCV, NeuralNetClassifier, describeBackend, initBackend, loadMnist } from '../dist/index.js';
import type { CvResults } from '../dist/index.js';
import { median, option } from './lib/util.js';
import { findPython, writeNpy } from './lib/python.js';

const reps = Number(option('reps', '5'));
const epochs = Number(option('epochs', '5'));
const cores = os.availableParallelism();
const INSTALL = 'sudo apt-get install python3-skorch python3-sklearn python3-torch   (Debian/Ubuntu packages)';

const peer = findPython(['torch', 'skorch', 'sklearn']);
if ('skipped' in peer) {
  process.stderr.write(`skorch comparison skipped: ${peer.skipped}.\nTo run it, install the peer: ${INSTALL}\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'skorch', skipped: peer.skipped, install: INSTALL })}\n`);
  process.exit(0);
}
const { python, versions } = peer;
const [torchVersion, skorchVersion, sklearnVersion] = versions;

const backend = await initBackend();
process.stderr.write(`${describeBackend(backend)}; python peer (${python}): torch ${torchVersion}, skorch ${skorchVersion}, scikit-learn ${sklearnVersion}\n`);
const mnist = await loadMnist();
const [n, features] = mnist.shape;
const dir = await mkdtemp(join(os.tmpdir(), 'gridfold-skorch-'));
await writeNpy(join(dir, 'X.npy'), mnist.X, [n, features], '<f4');
await writeNpy(join(dir, 'y.npy'), BigInt64Array.from(mnist.y, (v) => BigInt(v)), [n], '<i8');

async function gridfoldSeconds(): Promise<{ seconds: number; meanTestScore: number[] }> {
  const net = new NeuralNetClassifier({
    'module.hiddenUnits': [32, 16], 'module.activation': 'relu', optimizer: 'sgd', lr: 0.01, batchSize: 64, maxEpochs: epochs, seed: 0,
  });
  const grid = { 'module.hiddenUnits': [[32, 16], [64, 32], [128, 64], [256, 128]] };
  const search = new GridSearchCV(net, grid, { cv: 3, scoring: 'accuracy', nJobs: cores, refit: false });
  const started = performance.now();
  await search.fit({ data: mnist.X, shape: [n, features] }, mnist.y);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, meanTestScore: (search.cvResults as CvResults).mean_test_score as number[] };
}

function skorchSeconds(nJobs: number, threads: number): { seconds: number; meanTestScore: number[] } {
  const script = fileURLToPath(new URL('./skorch_grid.py', import.meta.url));
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  const child = spawnSync(python, [script, dir, String(epochs), String(nJobs), String(threads)], { encoding: 'utf8', env });
  if (child.status !== 0) throw new Error(`skorch_grid.py failed (${child.status}): ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { seconds: number; mean_test_score: number[] };
  return { seconds: result.seconds, meanTestScore: result.mean_test_score };
}

const variants = [
  { name: 'gridfold', label: `gridfold nJobs ${cores}`, run: gridfoldSeconds },
  { name: 'skorchJobs', label: `skorch n_jobs ${cores}, torch 1 thread`, run: async () => skorchSeconds(cores, 1) },
  ...(process.argv.includes('--all')
    ? [{ name: 'skorchThreads', label: `skorch n_jobs 1, torch ${cores} threads`, run: async () => skorchSeconds(1, cores) }]
    : []),
];
const seconds: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
const scores: Record<string, number[]> = {};
try {
  for (let rep = 0; rep < reps; rep++) {
    for (const variant of variants) {
      const result = await variant.run();
      seconds[variant.name].push(result.seconds);
      scores[variant.name] = result.meanTestScore;
      process.stderr.write(`  ${variant.label}: ${result.seconds.toFixed(1)} s, mean_test_score ${result.meanTestScore.map((s) => s.toFixed(3)).join(' ')}\n`);
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const gridfold = median(seconds.gridfold);
const skorchThreads = seconds.skorchThreads ? median(seconds.skorchThreads) : undefined;
const skorchJobs = median(seconds.skorchJobs);
const skorchBest = Math.min(skorchJobs, skorchThreads ?? Number.POSITIVE_INFINITY);
process.stderr.write(
  `seed grid (4 widths × 3 folds, ${epochs} epochs, ${n} samples): gridfold ${gridfold.toFixed(1)} s, ` +
  `skorch ${skorchBest.toFixed(1)} s (n_jobs ${cores} × 1 thread: ${skorchJobs.toFixed(1)} s` +
  `${skorchThreads === undefined ? '' : `, n_jobs 1 × ${cores} threads: ${skorchThreads.toFixed(1)} s`}) ` +
  `→ gridfold / skorch ${(gridfold / skorchBest).toFixed(2)} (goal ≤ 1)\n`,
);
process.stdout.write(`${JSON.stringify({
  bench: 'skorch', backend: backend.name, epochs, reps, samples: n, cores, versions: { torch: torchVersion, skorch: skorchVersion, sklearn: sklearnVersion },
  gridfoldSeconds: gridfold, skorchThreadsSeconds: skorchThreads, skorchJobsSeconds: skorchJobs, skorchSeconds: skorchBest,
  ratio: gridfold / skorchBest, meanTestScore: scores,
})}\n`);
