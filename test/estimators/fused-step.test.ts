/**
 * The fused lean epoch (one wasm kernel per epoch: every batch's forward, backward and
 * tfjs' SGD update) against the op-by-op lean step it replaces for plain SGD on a relu/linear Dense stack:
 * the same history and weights within float tolerance, the optimizer's step count kept,
 * no tensor leaked, and every model it does not compute left to the op-by-op step.
 */
import test, { type ExecutionContext } from 'ava';
import { LRScheduler, NeuralNetClassifier, NeuralNetRegressor } from '../../src/estimators/index.js';
import { fusedStepTrains, fusedStepsRun, leanStepsRun, setFusedStep } from '../../src/estimators/lean/index.js';
import { denseSgdEpoch, tf } from '../../src/backend/index.js';
import { kernelModuleFor, withHeapBlocks, type WasmHeap } from '../../src/backend/kernels/instance.js';
import type { Params } from '../../src/core/index.js';
import { backend, maxDifference, numTensors, tinyClassification, tinyRegression } from './helpers.js';

// Every test toggles the thread-wide fused switch, so none may interleave with another.
test.before(backend);
test.afterEach.always(() => setFusedStep(true));

const base: Params = { 'module.hiddenUnits': [8, 4], maxEpochs: 4, batchSize: 16, lr: 0.1, seed: 3 };
const TOLERANCE = 1e-5;

interface Trained {
  history: number[][];
  weights: number[][];
  fusedSteps: number;
  leanSteps: number;
  iterations: number;
  leaked: number;
}

async function train(params: Params, fused: boolean, regression = false): Promise<Trained> {
  setFusedStep(fused);
  const tensors = numTensors();
  const fusedBefore = fusedStepsRun();
  const leanBefore = leanStepsRun();
  const net = regression ? new NeuralNetRegressor(params) : new NeuralNetClassifier(params);
  const data = regression ? tinyRegression() : tinyClassification();
  await net.fit(data.X, data.y);
  const history = net.history.map((row) => ['train_loss', 'valid_loss', 'valid_acc'].map((c) => row[c] as number));
  const weights = net.model.getWeights().map((w) => Array.from(w.dataSync()));
  // The fitted state is protected; its optimizer counts the steps it applied.
  const iterations = (net as unknown as { fitted: { optimizer: { iterations: number } } }).fitted.optimizer.iterations;
  net.dispose();
  return { history, weights, fusedSteps: fusedStepsRun() - fusedBefore, leanSteps: leanStepsRun() - leanBefore, iterations, leaked: numTensors() - tensors };
}

async function assertFusedMatches(t: ExecutionContext, params: Params, steps: number): Promise<void> {
  const label = JSON.stringify(params);
  const opByOp = await train(params, false);
  const fused = await train(params, true);
  t.is(opByOp.fusedSteps, 0, label);
  t.is(fused.fusedSteps, steps, label);
  t.is(fused.leanSteps, steps, label);
  t.is(fused.iterations, opByOp.iterations, `${label}: the optimizer counts every step`);
  t.is(fused.leaked, 0, `${label}: tensors leaked`);
  t.true(maxDifference(fused.history, opByOp.history) < TOLERANCE, `${label} history ${maxDifference(fused.history, opByOp.history)}`);
  t.true(maxDifference(fused.weights, opByOp.weights) < TOLERANCE, `${label} weights ${maxDifference(fused.weights, opByOp.weights)}`);
  t.not(fused.history[0][0], fused.history[fused.history.length - 1][0], `${label}: the loss must have moved`);
}

test.serial('the fused step trains a relu mlp, a linear one and a bare output layer as the op-by-op step does', async (t) => {
  // 60 samples, trainSplit 0.2 → 48 training rows → 3 batches of 16 per epoch.
  await assertFusedMatches(t, base, 12);
  await assertFusedMatches(t, { ...base, 'module.activation': 'linear', shuffle: false }, 12);
  await assertFusedMatches(t, { ...base, 'module.hiddenUnits': [] }, 12);
  await assertFusedMatches(t, { ...base, 'module.hiddenUnits': [40], 'module.outputActivation': 'linear' }, 12);
});

test.serial('a smaller last batch, and a learning rate a callback changes, train as with the op-by-op step', async (t) => {
  // 48 rows in batches of 20: 20, 20 and 8.
  await assertFusedMatches(t, { ...base, batchSize: 20 }, 12);
  await assertFusedMatches(t, { ...base, callbacks: [new LRScheduler({ policy: 'step', stepSize: 1, gamma: 0.5 })] }, 12);
});

test.serial('momentum, weight decay, adam, other activations and losses keep the op-by-op step, as fusedStepTrains says', async (t) => {
  const declined: Params[] = [
    { 'optimizer.momentum': 0.9 }, { 'optimizer.weightDecay': 0.01 }, { optimizer: 'adam' }, { 'module.activation': 'tanh' },
    { 'module.outputActivation': 'softmax' }, { loss: 'nll' }, { 'module.dropout': 0.1 },
  ];
  for (const extra of declined) {
    const params = { ...base, maxEpochs: 1, ...extra };
    const trained = await train(params, true);
    t.is(trained.fusedSteps, 0, JSON.stringify(extra));
    t.is(trained.leanSteps, extra['module.dropout'] ? 0 : 3, JSON.stringify(extra));
    t.false(fusedStepTrains('NeuralNetClassifier', new NeuralNetClassifier(params).getParams()), JSON.stringify(extra));
  }
  t.true(fusedStepTrains('NeuralNetClassifier', new NeuralNetClassifier(base).getParams()));
  const regressor = await train({ ...base, maxEpochs: 1 }, true, true);
  t.is(regressor.fusedSteps, 0, 'mse');
  t.false(fusedStepTrains('NeuralNetRegressor', new NeuralNetRegressor(base).getParams()));
  setFusedStep(false);
  t.false(fusedStepTrains('NeuralNetClassifier', new NeuralNetClassifier(base).getParams()), 'turned off');
});

test.serial('a fused epoch of one batch: the updated weights are −lr · gradient + w of the hand-computed gradients', (t) => {
  const x = tf.tensor2d([[1, 2], [0.5, -1], [3, 0]]);
  const y = tf.tensor2d([[1, 0], [0, 1], [1, 0]]);
  const w = tf.tensor2d([[0.1, -0.2], [0.3, 0.05]]);
  const b = tf.tensor1d([0.01, -0.02]);
  const rows = Int32Array.from([2, 0]);
  const { updated, lossSum } = denseSgdEpoch({ x, y, order: rows, batchSize: 2, layers: [{ kernel: w, bias: b, relu: false }], learningRate: 0.5 });
  // By hand: logits of rows 2 and 0, softmax, (p − y) / 2, then Xᵀ·dz and Σ dz.
  const xs = [[3, 0], [1, 2]];
  const ys = [[1, 0], [1, 0]];
  const wv = [[0.1, -0.2], [0.3, 0.05]];
  const dz = xs.map((row, i) => {
    const logits = [0, 1].map((j) => row[0] * wv[0][j] + row[1] * wv[1][j] + [0.01, -0.02][j]);
    const e = logits.map(Math.exp);
    return e.map((v, j) => (v / (e[0] + e[1]) - ys[i][j]) / 2);
  });
  const loss = -xs.reduce((sum, row, i) => {
    const logits = [0, 1].map((j) => row[0] * wv[0][j] + row[1] * wv[1][j] + [0.01, -0.02][j]);
    return sum + Math.log(Math.exp(logits[0]) / (Math.exp(logits[0]) + Math.exp(logits[1])));
  }, 0);
  const gw = [0, 1].map((r) => [0, 1].map((j) => xs[0][r] * dz[0][j] + xs[1][r] * dz[1][j]));
  const gb = [0, 1].map((j) => dz[0][j] + dz[1][j]);
  const want = [wv.map((row, r) => row.map((v, j) => v - 0.5 * gw[r][j])), [0.01, -0.02].map((v, j) => v - 0.5 * gb[j])];
  t.deepEqual(updated.map((u) => u.shape), [[2, 2], [2]]);
  t.true(maxDifference([Array.from(updated[0].dataSync()), Array.from(updated[1].dataSync())], [want[0].flat(), want[1]]) < 1e-6);
  t.true(Math.abs(lossSum.dataSync()[0] - loss) < 1e-6, `loss ${lossSum.dataSync()[0]} vs ${loss}`);
  tf.dispose([x, y, w, b, ...updated, lossSum]);
});

test.serial("the kernel's float32 loss equals the same steps with Math.exp and Math.log, bit for bit, over logits from −240 to 60", (t) => {
  const m = 40;
  const units = 7;
  const f = Math.fround;
  const logits = Float32Array.from({ length: m * units }, (_, i) => f(Math.sin(i * 12.9898) * 43758.5453 % 1 * (i % 5 === 0 ? 150 : 8) - (i % 5 === 0 ? 90 : 4)));
  const y = Float32Array.from({ length: 50 * units }, (_, i) => (i % units === (Math.floor(i / units) * 3) % units ? 1 : 0));
  const rows = Int32Array.from({ length: m }, (_, i) => (i * 11) % 50);
  const heap = tf.backend() as unknown as WasmHeap;
  const module = kernelModuleFor(heap);
  withHeapBlocks(heap, [logits.byteLength, y.byteLength, rows.byteLength, logits.byteLength], ([logitsAt, yAt, rowsAt, dAt]) => {
    const memory = (heap.wasm!.asm!.memory as WebAssembly.Memory).buffer;
    new Float32Array(memory, logitsAt, logits.length).set(logits);
    new Float32Array(memory, yAt, y.length).set(y);
    new Int32Array(memory, rowsAt, m).set(rows);
    const loss = module.softmax_cross_entropy(m, units, logitsAt, yAt, rowsAt, dAt);
    const gradient = Array.from(new Float32Array(memory, dAt, logits.length));
    let sum = 0;
    const want: number[] = [];
    for (let i = 0; i < m; i++) {
      const row = Array.from(logits.subarray(i * units, (i + 1) * units));
      const max = Math.max(...row);
      let expSum = 0;
      for (const v of row) expSum = f(expSum + f(Math.exp(f(v - max))));
      const logSum = f(Math.log(expSum));
      row.forEach((v, j) => {
        const logp = f(f(v - max) - logSum);
        const target = y[rows[i] * units + j];
        sum = f(sum + f(target * logp));
        want.push(f(f(f(Math.exp(logp)) - target) * f(1 / m)));
      });
    }
    t.is(loss, -sum);
    t.deepEqual(gradient, want);
  });
});
