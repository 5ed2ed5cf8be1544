/**
 * The peer a Python user would pick: skorch + scikit-learn GridSearchCV on PyTorch, on the
 * very same seed grid (MLP 784 → u → u/2 → 10 for u in 32, 64, 128, 256; 3 folds; 5
 * epochs; batch 64; SGD lr 0.01; 20 % validation split; accuracy) and the very same data
 * (gridfold's embedded 10k MNIST sample, exported to .npy in a temp dir). gridfold runs
 * at nJobs = the number of cores in a process of its own as `gridfold run` runs it (worker
 * threads started while the data loads: bench/lib/seed-search.ts); skorch both at n_jobs =
 * cores with one PyTorch thread each and at n_jobs 1 with PyTorch's threads on every core,
 * and the ratio is taken of the faster of the two in each repetition. Repetitions are
 * interleaved (gridfold, skorch, skorch, gridfold, …) and the ratio is the median of the
 * per-repetition ratios, which share their minute's load. Both sides time fit() alone, not
 * the interpreter's start. gridfold is measured from the compiled package (dist/), as users
 * run it: from src/ every worker thread would transpile the sources.
 *   node --import tsx bench/skorch.ts [--reps 5] [--epochs 5]
 * Skips cleanly (saying how to install the peer) when python3 cannot import torch, skorch
 * and sklearn. Prints a summary on stderr and one JSON line on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBackend, initBackend, loadMnist } from '../dist/index.js';
import { median, option } from './lib/util.js';
import { findPython, writeNpy } from './lib/python.js';
import { searchInChild } from './lib/seed-search.js';

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
  return searchInChild(cores, epochs);
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
  { name: 'skorchThreads', label: `skorch n_jobs 1, torch ${cores} threads`, run: async () => skorchSeconds(1, cores) },
];
const seconds: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
const scores: Record<string, number[]> = {};
const ratios: number[] = [];
const loads: number[] = [];
try {
  for (let rep = 0; rep < reps; rep++) {
    loads.push(os.loadavg()[0]);
    // Alternate which side goes first, so neither always runs in the other's wake.
    const order = rep % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      const result = await variant.run();
      seconds[variant.name].push(result.seconds);
      scores[variant.name] = result.meanTestScore;
      process.stderr.write(`  ${variant.label}: ${result.seconds.toFixed(2)} s, mean_test_score ${result.meanTestScore.map((s) => s.toFixed(3)).join(' ')}\n`);
    }
    ratios.push(seconds.gridfold[rep] / Math.min(seconds.skorchJobs[rep], seconds.skorchThreads[rep]));
    process.stderr.write(`  rep ${rep + 1}: gridfold / skorch's faster ${ratios[rep].toFixed(2)}\n`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const gridfold = median(seconds.gridfold);
const skorchThreads = median(seconds.skorchThreads);
const skorchJobs = median(seconds.skorchJobs);
const ratio = median(ratios);
process.stderr.write(
  `seed grid (4 widths × 3 folds, ${epochs} epochs, ${n} samples): gridfold ${gridfold.toFixed(2)} s, ` +
  `skorch n_jobs ${cores} × 1 thread ${skorchJobs.toFixed(2)} s, n_jobs 1 × ${cores} threads ${skorchThreads.toFixed(2)} s ` +
  `→ gridfold / skorch's faster ${ratio.toFixed(2)} (median of ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal ≤ 0.85)\n`,
);
process.stdout.write(`${JSON.stringify({
  bench: 'skorch', backend: backend.name, epochs, reps, samples: n, cores, loads, versions: { torch: torchVersion, skorch: skorchVersion, sklearn: sklearnVersion },
  gridfoldSeconds: gridfold, skorchThreadsSeconds: skorchThreads, skorchJobsSeconds: skorchJobs, skorchSeconds: Math.min(skorchJobs, skorchThreads),
  ratio, ratios, meanTestScore: scores,
})}\n`);
