/**
 * A worker's warm-up before its first task: a few tiny fits through the same code a
 * search's fits run (one stacked group of folds and one fit alone, then scoring), so V8
 * has compiled the training loop and tiered up the wasm kernels before the first real
 * fit instead of during it — on a fresh thread the first fit of the seed grid ran about
 * 0.2 s slower than the same fit later. It runs while the pool waits for work (the CLI
 * starts the pool while the data loads). Its data are synthetic and its seeds its own: it
 * draws nothing from the real fits' random streams, so their results do not change.
 * A warm-up that fails costs nothing but its own speed: the real fits report their errors.
 */
import { NeuralNetClassifier } from '../estimators/index.js';
import { fitAndScore, fitAndScoreGroup, type FitTask, type SearchData } from '../validation/index.js';

const ROWS = 384;
const FEATURES = 64;
const CLASSES = 4;

function syntheticData(): SearchData {
  const X = new Float32Array(ROWS * FEATURES);
  const y = new Int32Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    y[i] = i % CLASSES;
    for (let j = 0; j < FEATURES; j++) X[i * FEATURES + j] = ((i * 31 + j * 17) % 97) / 97 + (j % CLASSES === y[i] ? 0.5 : 0);
  }
  return { X: { data: X, nSamples: ROWS, sampleShape: [FEATURES] }, y };
}

function tasks(): FitTask[] {
  const spec = new NeuralNetClassifier({
    'module.hiddenUnits': [32, 16], optimizer: 'sgd', lr: 0.01, batchSize: 64, maxEpochs: 2, seed: 1,
  }).toSpec();
  const rows = Int32Array.from({ length: ROWS }, (_, i) => i);
  return [0, 1].map((fold) => ({
    candidateIndex: 0, foldIndex: fold, estimator: spec, scoring: { score: 'accuracy' }, returnTrainScore: false, errorScore: Number.NaN, nClasses: CLASSES,
    train: rows.filter((i) => i % 2 !== fold), test: rows.filter((i) => i % 2 === fold),
  }));
}

export async function warmUp(): Promise<void> {
  try {
    const data = syntheticData();
    const folds = tasks();
    await fitAndScoreGroup(folds, data);
    await fitAndScore(folds[0], data);
  } catch {
    // Nothing to report: see the header.
  }
}
