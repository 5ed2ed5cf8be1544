/**
 * Fold-batched training against separate fits: for each width u of the seed MLP
 * (784 → u → u/2 → 10, SGD, batch 64), one candidate's 3 stratified folds of the embedded
 * MNIST sample trained one by one and then as one stacked model, in this thread (one
 * core), on each backend given — each in a process of its own, since a thread keeps the
 * backend it started with. Repetitions are interleaved; figures are medians.
 * Then, for the widths 'auto' stacks on wasm, four candidates that differ only in lr
 * (0.1, 0.03, 0.01, 0.003): their 12 fits as four stacks of 3 (each candidate's folds)
 * against one stack of 12 (what a search does when it has fits enough for every worker).
 *   node --import tsx bench/fold-batch.ts [--reps 3] [--epochs 2] [--samples 6000] [--backends wasm[,cpu]] [--candidate-units 32,64]
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
const candidateWidths = option('candidate-units', '32,64').split(',').map(Number);
const FOLDS = 3;
const RATES = [0.1, 0.03, 0.01, 0.003];

const mnist = await loadMnist();
const features = mnist.shape[1];
const X = mnist.X.subarray(0, samples * features);
const y = mnist.y.subarray(0, samples);
const folds = new StratifiedKFold({ nSplits: FOLDS }).split(samples, { y }).map(([train]) => ({
  X: { data: takeRows(X, features, train), shape: [train.length, features] },
  y: takeTargets(y, train) as Int32Array,
}));
const trainedRows = folds.reduce((sum, fold) => sum + Math.round(fold.y.length * 0.8), 0) * epochs;

const net = (units: number, fold: number, lr = 0.01) => new NeuralNetClassifier({
  'module.hiddenUnits': [units, units / 2], optimizer: 'sgd', lr, batchSize: 64, maxEpochs: epochs, seed: fold,
});

async function separately(units: number): Promise<number> {
  const started = performance.now();
  for (const [f, fold] of folds.entries()) (await net(units, f).fit(fold.X, fold.y)).dispose();
  return (performance.now() - started) / 1000;
}

/** Seconds to train the folds of the candidates with these learning rates as one stack. */
async function stacked(units: number, rates = [0.01]): Promise<number> {
  const fits = rates.flatMap((lr) => folds.map((fold, f) => ({ estimator: net(units, f, lr), X: fold.X, y: fold.y })));
  const started = performance.now();
  const result = await fitFoldBatched(fits);
  const seconds = (performance.now() - started) / 1000;
  fits.forEach((fit) => fit.estimator.dispose());
  if ('notBatched' in result) throw new Error(`not stacked: ${result.notBatched}`);
  return seconds;
}

/** Four lr candidates: each candidate's folds stacked (4 stacks of 3) vs all 12 fits in one stack. */
async function candidates(units: number) {
  const times = { perCandidate: [] as number[], together: [] as number[] };
  await stacked(units, RATES);
  for (let rep = 0; rep < reps; rep++) {
    let perCandidate = 0;
    for (const lr of RATES) perCandidate += await stacked(units, [lr]);
    times.perCandidate.push(perCandidate);
    times.together.push(await stacked(units, RATES));
  }
  const rows = trainedRows * RATES.length;
  const row = { backend: tf.getBackend(), units, perCandidateRate: rows / median(times.perCandidate), togetherRate: rows / median(times.together), speedup: median(times.perCandidate) / median(times.together) };
  process.stderr.write(`  ${row.backend} u=${units}, 4 lr candidates × 3 folds: 4 stacks of 3 ${row.perCandidateRate.toFixed(0)} samples/s, one stack of 12 ${row.togetherRate.toFixed(0)} samples/s → ${row.speedup.toFixed(2)}×\n`);
  return row;
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
  const candidateRows = [];
  for (const units of candidateWidths) candidateRows.push(await candidates(units));
  return { rows, candidateRows };
}

if (child) {
  process.stdout.write(`${JSON.stringify(await measure(child))}\n`);
} else {
  const rows = [];
  const candidateRows = [];
  for (const backend of backends) {
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), '--child', backend];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`fold-batch on ${backend} failed with exit code ${run.status}`);
    const measured = JSON.parse(run.stdout.trim().split('\n').pop() as string);
    rows.push(...measured.rows);
    candidateRows.push(...measured.candidateRows);
  }
  process.stdout.write(`${JSON.stringify({ bench: 'fold-batch', folds: FOLDS, epochs, samples, reps, rows, rates: RATES, candidateRows })}\n`);
}
