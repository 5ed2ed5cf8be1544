/**
 * When does stacking a cnn's folds pay? foldBatching 'auto' stacks a model's folds on wasm
 * when it has at most WASM_STACKING_MAX_MACS multiply-adds per sample (lean/matmul.ts);
 * this times, for cnns of several sizes and one mlp, the k folds trained apart against the
 * same folds trained as one stack (lean/fold-batch.ts with the stacked conv step).
 *
 * A stack shares each step's fixed cost — kernel calls, tensor bookkeeping, the optimizer
 * update — over k folds but not the arithmetic, the same k convolutions: it pays for small
 * models, whose steps are mostly fixed cost, and not for large ones. As a reference it also
 * times ONE model on the k folds' rows at k × the batch (the same arithmetic and steps as
 * the stack, one model to update, the largest GEMMs).
 *
 * Each figure is the training time of the last epoch summed over the fits (history `dur`;
 * a stack charges each fit its share), one core (wasm, this thread), reps interleaved
 * (apart, one model, stack, apart, …); ratios are medians of each rep's own ratios.
 *   node --import tsx bench/cnn-stacking.ts [--reps 5] [--rows 640] [--epochs 2]
 */
import os from 'node:os';
import { NeuralNetClassifier, describeBackend, initBackend, loadMnist } from '../src/index.js';
import { WASM_STACKING_MAX_MACS, fitFoldBatched, macsPerSample } from '../src/estimators/index.js';
import { median, option } from './lib/util.js';

const reps = Number(option('reps', '5'));
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

const relu = { module: 'cnn', 'module.activation': 'relu', optimizer: 'adam', lr: 5e-3 };

/** Small cnns either side of the threshold, the two cnns of searches/mnist-mlp-vs-cnn.ts, and one of its mlps. */
const MODELS: Record<string, Record<string, unknown>> = {
  'cnn 4@3×3, pool 2 (Adam)': { ...relu, 'module.convs': [{ filters: 4, kernel: 3, pool: 2 }] },
  'cnn 8@3×3, pool 2 (Adam)': { ...relu, 'module.convs': [{ filters: 8, kernel: 3, pool: 2 }] },
  'cnn 8@3×3 pool 2, 16@3×3 pool 2 (Adam)': { ...relu, 'module.convs': [{ filters: 8, kernel: 3, pool: 2 }, { filters: 16, kernel: 3, pool: 2 }] },
  'DemoNetwork (cnn, Adam)': { ...relu, 'module.activation': 'none', 'module.convs': DEMO_NETWORK },
  'DemoNetwork ×2 filters, relu (cnn, Adam)': { ...relu, 'module.convs': DEMO_NETWORK.map((block) => ({ ...block, filters: 2 * block.filters })) },
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

/** One model on all k folds' rows at k × the batch: the same arithmetic and steps as the stack. */
async function oneModel(params: Params): Promise<number> {
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
  await apart(params); // warm-up: kernels compiled, buffers allocated
  const times = { apart: [] as number[], oneModel: [] as number[], stacked: [] as number[] };
  for (let rep = 0; rep < reps; rep++) {
    times.apart.push(await apart(params));
    times.oneModel.push(await oneModel(params));
    times.stacked.push(await stacked(params));
  }
  const ratio = (over: number[]) => median(times.apart.map((a, i) => a / over[i]));
  const macs = macsPerSample(params, [28, 28, 1], 10)!;
  const row = {
    model: name, macsPerSample: macs, autoStacks: macs <= WASM_STACKING_MAX_MACS,
    apartSeconds: median(times.apart), oneModelSeconds: median(times.oneModel), oneModel: ratio(times.oneModel),
    stackedSeconds: median(times.stacked), stacked: ratio(times.stacked),
  };
  process.stderr.write(
    `  ${name} (${macs} mult-adds/sample): apart ${row.apartSeconds.toFixed(2)} s; stacked ${row.stackedSeconds.toFixed(2)} s → ${row.stacked.toFixed(2)}×; ` +
    `one model at ${FOLDS * BATCH} rows ${row.oneModelSeconds.toFixed(2)} s → ${row.oneModel.toFixed(2)}×\n`,
  );
  results.push(row);
}
process.stdout.write(`${JSON.stringify({ bench: 'cnn-stacking', backend: backend.name, folds: FOLDS, rowsPerFold: rows, batchSize: BATCH, epochs, reps, maxMacs: WASM_STACKING_MAX_MACS, loadAverage: os.loadavg(), models: results })}\n`);
