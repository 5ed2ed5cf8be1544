/**
 * Would stacking a cnn's folds pay, as it does for the mlp? foldBatching 'auto' keeps a
 * cnn's folds apart; this measures what stacking them could give at most.
 *
 * A stack of k folds trains k models of the same shape in lockstep, one step per k fold
 * steps: it shares each step's fixed cost (kernel calls, tensor bookkeeping, the optimizer
 * update) but not the arithmetic, which is the same k convolutions. Its best possible time
 * is that of ONE model trained on the k folds' rows at k × the batch — the same arithmetic
 * in the same number of steps as the stack, on the largest GEMMs, with one model to update
 * — so `apart / one-model-at-k×-batch` is the ceiling of a stack's speed-up. For the mlp,
 * whose stacks exist (lean/fold-batch.ts), the real stack is timed too, against the same
 * ceiling, to show how close a real stack comes to it.
 *
 * Each figure is the training time of the last epoch summed over the fits (history `dur`;
 * a stack charges each fit its share), one core (wasm, this thread), reps interleaved
 * (apart, ceiling, stack, apart, …); ratios are medians of each rep's own ratios.
 *   node --import tsx bench/cnn-stacking.ts [--reps 3] [--rows 640] [--epochs 2]
 */
import os from 'node:os';
import { NeuralNetClassifier, describeBackend, initBackend, loadMnist } from '../src/index.js';
import { fitFoldBatched } from '../src/estimators/index.js';
import { median, option } from './lib/util.js';

const reps = Number(option('reps', '3'));
const rows = Number(option('rows', '640'));
const epochs = Number(option('epochs', '2'));
const FOLDS = 3;
const BATCH = 64;

const DEMO_NETWORK = [
  { filters: 16, kernel: 3, padding: 'same', pool: 2 },
  { filters: 32, kernel: 3, pool: 2, poolPadding: 1 },
  { filters: 8, kernel: 1 },
  { filters: 4, kernel: 5 },
];

/** The two cnns of searches/mnist-mlp-vs-cnn.ts, and one of its mlps. */
const MODELS: Record<string, Record<string, unknown>> = {
  'DemoNetwork (cnn, Adam)': { module: 'cnn', 'module.activation': 'none', optimizer: 'adam', lr: 5e-3, 'module.convs': DEMO_NETWORK },
  'DemoNetwork ×2 filters, relu (cnn, Adam)': {
    module: 'cnn', 'module.activation': 'relu', optimizer: 'adam', lr: 5e-3,
    'module.convs': DEMO_NETWORK.map((block) => ({ ...block, filters: 2 * block.filters })),
  },
  'MLP 784 → 128 → 64 → 10 (SGD)': { module: 'mlp', 'module.hiddenUnits': [128, 64], optimizer: 'sgd', lr: 0.01 },
};

const backend = await initBackend('wasm');
process.stderr.write(`${describeBackend(backend)}\n`);
const mnist = await loadMnist({ limit: FOLDS * rows });
const fold = (f: number) => ({
  X: { data: mnist.X.subarray(f * rows * 784, (f + 1) * rows * 784), shape: [rows, 28, 28, 1] },
  y: mnist.y.subarray(f * rows, (f + 1) * rows),
});
const all = { X: { data: mnist.X, shape: [FOLDS * rows, 28, 28, 1] }, y: mnist.y };

type Params = Record<string, unknown>;
const net = (params: Params, seed: number, batchSize = BATCH) =>
  new NeuralNetClassifier({ ...params, batchSize, maxEpochs: epochs, trainSplit: 0, seed });
const lastEpoch = (n: NeuralNetClassifier) => n.history[n.history.length - 1].dur;

async function apart(params: Params): Promise<number> {
  let seconds = 0;
  for (let f = 0; f < FOLDS; f++) {
    const n = net(params, f);
    await n.fit(fold(f).X, fold(f).y);
    seconds += lastEpoch(n);
    n.dispose();
  }
  return seconds;
}

/** One model on all k folds' rows at k × the batch: the stack's ceiling. */
async function ceiling(params: Params): Promise<number> {
  const n = net(params, 0, FOLDS * BATCH);
  await n.fit(all.X, all.y);
  const seconds = lastEpoch(n);
  n.dispose();
  return seconds;
}

async function stacked(params: Params): Promise<number> {
  const fits = Array.from({ length: FOLDS }, (_, f) => ({ estimator: net(params, f), X: fold(f).X, y: fold(f).y }));
  const result = await fitFoldBatched(fits);
  if ('notBatched' in result) throw new Error(`not stacked: ${result.notBatched}`);
  const seconds = fits.reduce((sum, fit) => sum + lastEpoch(fit.estimator), 0);
  fits.forEach((fit) => fit.estimator.dispose());
  return seconds;
}

const results = [];
for (const [name, params] of Object.entries(MODELS)) {
  const canStack = params.module === 'mlp';
  await apart(params); // warm-up: kernels compiled, buffers allocated
  const times = { apart: [] as number[], ceiling: [] as number[], stacked: [] as number[] };
  for (let rep = 0; rep < reps; rep++) {
    times.apart.push(await apart(params));
    times.ceiling.push(await ceiling(params));
    if (canStack) times.stacked.push(await stacked(params));
  }
  const ratio = (over: number[]) => median(times.apart.map((a, i) => a / over[i]));
  const row = {
    model: name, apartSeconds: median(times.apart), ceilingSeconds: median(times.ceiling),
    ceiling: ratio(times.ceiling), ...(canStack ? { stackedSeconds: median(times.stacked), stacked: ratio(times.stacked) } : {}),
  };
  process.stderr.write(
    `  ${name}: apart ${row.apartSeconds.toFixed(2)} s, one model at ${FOLDS * BATCH} rows ${row.ceilingSeconds.toFixed(2)} s → ceiling ${row.ceiling.toFixed(2)}×` +
    `${canStack ? `; real stack ${row.stackedSeconds!.toFixed(2)} s → ${row.stacked!.toFixed(2)}×` : ''}\n`,
  );
  results.push(row);
}
process.stdout.write(`${JSON.stringify({ bench: 'cnn-stacking', backend: backend.name, folds: FOLDS, rowsPerFold: rows, batchSize: BATCH, epochs, reps, loadAverage: os.loadavg(), models: results })}\n`);
