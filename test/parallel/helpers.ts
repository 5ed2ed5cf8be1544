import { spawn } from 'node:child_process';
import type { FitRecord } from '../../src/core/index.js';
import { makeMoons } from '../../src/data/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { tfSeed } from '../../src/estimators/modules/initializers.js';
import { fitSeed } from '../../src/validation/index.js';
import { faulty } from './fixtures/faulty-module.js';

export { comparableResults, TIME_COLUMNS } from './fixtures/compare.js';

/** 90 two-moons points: enough for 3 folds, small enough for 2 epochs in milliseconds. */
export function moons() {
  return makeMoons({ nSamples: 90, noise: 0.25, seed: 1 });
}

export function tinyNet(params: Record<string, unknown> = {}) {
  return new NeuralNetClassifier({ 'module.hiddenUnits': [4], optimizer: 'adam', lr: 0.05, batchSize: 16, maxEpochs: 2, seed: 0, ...params });
}

/** The module seed the faulty module sees in fold `fold` of an estimator seeded `seed`. */
export function moduleSeedOfFold(fold: number, seed = 0): number {
  return tfSeed(fitSeed(seed, fold), 'module');
}

/** An estimator on the faulty fixture module, failing (by `module.mode`) in fold 1 only. */
export function faultyNet(params: Record<string, unknown> = {}) {
  return new NeuralNetClassifier({
    module: faulty, 'module.failSeed': moduleSeedOfFold(1), optimizer: 'adam', lr: 0.05, batchSize: 16, maxEpochs: 2, seed: 0, ...params,
  });
}

/** A record without the wall-clock fields and the thread that ran it, for bit-for-bit comparison across runs. */
export function withoutTimesAndThread(record: FitRecord) {
  const { fitTime: _f, scoreTime: _s, threadId: _t, ...rest } = record;
  return { ...rest, history: rest.history.map(({ dur: _d, ...row }) => row) };
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs a fixture in its own node process: under tsx (as the tests run), or plain node. */
export function runFixture(
  file: string,
  args: string[],
  onStart?: (child: ReturnType<typeof spawn>) => void,
  options: { tsx?: boolean } = {},
): Promise<ChildResult> {
  const started = performance.now();
  const node = options.tsx === false ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...node, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  onStart?.(child);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}
