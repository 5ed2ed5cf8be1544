/**
 * Fold-batched training against separate fits: for each width u of the seed MLP
 * (784 → u → u/2 → 10, SGD, batch 64), one candidate's 3 stratified folds of the embedded
 * MNIST sample trained one by one and then as one stacked model, in this thread (one
 * core), on each backend given — each in a process of its own, since a thread keeps the
 * backend it started with. Repetitions are interleaved; figures are medians.
 *   node --import tsx bench/fold-batch.ts [--reps 3] [--epochs 2] [--samples 6000] [--backends wasm[,cpu]]
 * (cpu is ~20× slower than wasm: 14 minutes for its rows, so it is not in the default run.)
 * Prints a summary on stderr and one JSON line on stdout.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NeuralNetClassifier, StratifiedKFold, describeBackend, initBackend, loadMnist } from '../dist/index.js';
import { fitFoldBatched, takeRows, takeTargets } from '../dist/estimators/index.js';
import { tf } from '../dist/backend/index.js';
import { median, option } from './lib/util.js';

const reps = Number(option('reps', '3'));
const epochs = Number(option('epochs', '2'));
const samples = Number(option('samples', '6000'));
const backends = option('backends', 'wasm').split(',');
const child = option('child', '');
const widths = option('units', '32,64,128,256').split(',').map(Number);
const FOLDS = 3;

const mnist = await loadMnist();
const features = mnist.shape[1];
const X = mnist.X.subarray(0, samples * features);
const y = mnist.y.subarray(0, samples);
const folds = new StratifiedKFold({ nSplits: FOLDS }).split(samples, { y }).map(([train]) => ({
  X: { data: takeRows(X, features, train), shape: [train.length, features] },
  y: takeTargets(y, train) as Int32Array,
}));
const trainedRows = folds.reduce((sum, fold) => sum + Math.round(fold.y.length * 0.8), 0) * epochs;

const net = (units: number, fold: number) => new NeuralNetClassifier({
  'module.hiddenUnits': [units, units / 2], optimizer: 'sgd', lr: 0.01, batchSize: 64, maxEpochs: epochs, seed: fold,
});

async function separately(units: number): Promise<number> {
  const started = performance.now();
  for (const [f, fold] of folds.entries()) (await net(units, f).fit(fold.X, fold.y)).dispose();
  return (performance.now() - started) / 1000;
}

async function stacked(units: number): Promise<number> {
  const nets = folds.map((_, f) => net(units, f));
  const started = performance.now();
  const result = await fitFoldBatched(nets.map((estimator, f) => ({ estimator, X: folds[f].X, y: folds[f].y })));
  const seconds = (performance.now() - started) / 1000;
  nets.forEach((n) => n.dispose());
  if ('notBatched' in result) throw new Error(`not stacked: ${result.notBatched}`);
  return seconds;
}

async function measure(backend: string) {
  const info = await initBackend(backend);
  process.stderr.write(`${describeBackend(info)}\n`);
  const rows = [];
  for (const units of widths) {
    const times = { separate: [] as number[], stacked: [] as number[] };
    await stacked(units); // warm-up: kernels compiled, buffers allocated
    for (let rep = 0; rep < reps; rep++) {
      times.separate.push(await separately(units));
      times.stacked.push(await stacked(units));
    }
    const separate = median(times.separate);
    const together = median(times.stacked);
    const row = { backend: tf.getBackend(), units, separateRate: trainedRows / separate, stackedRate: trainedRows / together, speedup: separate / together };
    process.stderr.write(`  ${row.backend} u=${units}: separate ${row.separateRate.toFixed(0)} samples/s, stacked ${row.stackedRate.toFixed(0)} samples/s → ${row.speedup.toFixed(2)}×\n`);
    rows.push(row);
  }
  return rows;
}

if (child) {
  process.stdout.write(`${JSON.stringify(await measure(child))}\n`);
} else {
  const rows = [];
  for (const backend of backends) {
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), '--child', backend];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`fold-batch on ${backend} failed with exit code ${run.status}`);
    rows.push(...JSON.parse(run.stdout.trim().split('\n').pop() as string));
  }
  process.stdout.write(`${JSON.stringify({ bench: 'fold-batch', folds: FOLDS, epochs, samples, reps, rows })}\n`);
}
