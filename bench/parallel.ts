/**
 * nJobs 2 against the machine's own ceiling, and the fixed cost of a search, on the seed
 * grid: 4 MLP widths × 3 stratified folds × 5 epochs on the embedded 10k MNIST.
 *   npm run build && node --import tsx bench/parallel.ts [--epochs N] [--reps N]
 * Each repetition runs, one after another, in fresh processes as `gridfold run` runs a
 * search (worker threads started while the data loads, bench/lib/seed-search.ts):
 *   A  the search at nJobs 2;
 *   B  two copies of it at nJobs 1 in two processes at once — what two cores of this
 *      machine give two independent runs of these very fits right now (the ceiling);
 *   C  the search at nJobs 1 alone.
 * Per repetition: nJobs 2's share of the ceiling = B / (2 × A) (two cores did two
 * searches' work in B; nJobs 2 did one in A), the speed-up C / A, the ceiling's 2C / B;
 * the figures are medians of these per-repetition ratios, which share their minute's
 * load (this machine's speed drifts by 20–30 % within minutes). Fixed cost: A's wall less
 * its busiest thread's fit + score time, and C's wall less its fits' (in-process: no pool).
 * Refit is off: one single-threaded fit that nJobs cannot speed up. It measures the
 * compiled package (dist/), as users run it.
 */
import os from 'node:os';
import { describeBackend, initBackend } from '../dist/index.js';
import { median, option } from './lib/util.js';
import { searchInChild as inChild, type SeedSearchResult } from './lib/seed-search.js';

const epochs = Number(option('epochs', '5'));
const reps = Number(option('reps', '3'));
const searchInChild = (nJobs: number) => inChild(nJobs, epochs);

const backend = await initBackend();
process.stderr.write(`${describeBackend(backend)}\n`);

interface Rep {
  two: SeedSearchResult;
  pair: SeedSearchResult[];
  one: SeedSearchResult;
  /** The two nJobs 1 copies' wall: the later one to finish. */
  together: number;
  shareOfCeiling: number;
  speedup: number;
  ceiling: number;
}

process.stderr.write(`seed grid: 4 candidates × 3 folds, ${epochs} epochs, ${os.availableParallelism()} cores, ${reps} interleaved repetitions (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
const runs: Rep[] = [];
const loads: number[] = [];
for (let rep = 0; rep < reps; rep++) {
  loads.push(os.loadavg()[0]);
  const two = await searchInChild(2);
  const pair = await Promise.all([searchInChild(1), searchInChild(1)]);
  const one = await searchInChild(1);
  for (const other of [...pair, one]) {
    if (JSON.stringify(other.meanTestScore) !== JSON.stringify(two.meanTestScore)) {
      throw new Error(`nJobs 1 and 2 gave different scores: ${other.meanTestScore} vs ${two.meanTestScore}`);
    }
  }
  const together = Math.max(...pair.map((p) => p.seconds));
  const r: Rep = { two, pair, one, together, shareOfCeiling: together / (2 * two.seconds), speedup: one.seconds / two.seconds, ceiling: (2 * one.seconds) / together };
  runs.push(r);
  process.stderr.write(
    `rep ${rep + 1}: nJobs 2 ${two.seconds.toFixed(2)} s (fixed cost ${two.fixedCost.toFixed(2)} s), two nJobs 1 at once ${together.toFixed(2)} s, nJobs 1 alone ${one.seconds.toFixed(2)} s ` +
    `(fixed cost ${(one.seconds - one.work).toFixed(2)} s) → ${(100 * r.shareOfCeiling).toFixed(0)} % of the ceiling; speed-up ${r.speedup.toFixed(2)}×, ceiling ${r.ceiling.toFixed(2)}×\n`,
  );
}

const m = (f: (r: Rep) => number) => median(runs.map(f));
const result = {
  bench: 'parallel', backend: backend.name, epochs, reps, loads,
  shareOfCeiling: m((r) => r.shareOfCeiling), shares: runs.map((r) => r.shareOfCeiling),
  speedup: m((r) => r.speedup), hostScaling: m((r) => r.ceiling),
  fixedCostTwo: m((r) => r.two.fixedCost), fixedCostsTwo: runs.map((r) => r.two.fixedCost),
  fixedCostOne: m((r) => r.one.seconds - r.one.work),
  timings: [
    { label: 'nJobs 2', seconds: m((r) => r.two.seconds), work: m((r) => r.two.work), busiest: m((r) => r.two.busiest) },
    { label: 'two nJobs 1 processes at once', seconds: m((r) => r.together), work: m((r) => r.pair[0].work + r.pair[1].work), busiest: m((r) => Math.max(r.pair[0].busiest, r.pair[1].busiest)) },
    { label: 'nJobs 1 alone', seconds: m((r) => r.one.seconds), work: m((r) => r.one.work), busiest: m((r) => r.one.busiest) },
  ],
};
process.stderr.write(
  `parallel: nJobs 2 at ${(100 * result.shareOfCeiling).toFixed(0)} % of the ceiling (goal ≥ 95 %), speed-up ${result.speedup.toFixed(2)}× of a ${result.hostScaling.toFixed(2)}× ceiling, ` +
  `fixed cost ${result.fixedCostTwo.toFixed(2)} s at nJobs 2 (goal ≤ 0.15 s), ${result.fixedCostOne.toFixed(2)} s at nJobs 1; scores identical\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
