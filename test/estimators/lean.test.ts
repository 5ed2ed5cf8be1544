import test from 'ava';
import { NeuralNetClassifier, NeuralNetRegressor, LRScheduler, OPTIMIZERS } from '../../src/estimators/index.js';
import {
  describeTrainingPath, leanStepsRun, planLeanStep, setLeanTraining,
} from '../../src/estimators/lean/index.js';
import { rowTaker } from '../../src/estimators/lean/batch-rows.js';
import { leanMatMulFor } from '../../src/estimators/lean/matmul.js';
import { gridfoldMatMul } from '../../src/backend/index.js';
import { tf } from '../../src/backend/index.js';
import type { Params } from '../../src/core/index.js';
import { backend, maxDifference, numTensors, tinyClassification, tinyRegression } from './helpers.js';

// Every test toggles the thread-wide lean switch, so none may interleave with another.
test.before(backend);
test.afterEach.always(() => setLeanTraining(true));

const base: Params = { 'module.hiddenUnits': [8, 4], maxEpochs: 4, batchSize: 16, lr: 0.1, seed: 3 };
/** 60 samples, trainSplit 0.2 → 48 training rows → 3 batches of 16 per epoch. */
const STEPS_PER_EPOCH = 3;
const TOLERANCE = 1e-5;

interface Trained {
  history: number[][];
  weights: number[][];
  leanSteps: number;
}

/** tinyClassification widened to 256 features, so a 256-unit first layer has 65,536 weights. */
function wideClassification(): { X: { data: Float32Array; shape: number[] }; y: Int32Array } {
  const { X, y } = tinyClassification();
  const wide = new Float32Array(60 * 256);
  for (let i = 0; i < 60; i++) for (let j = 0; j < 256; j++) wide[i * 256 + j] = X[i * 4 + (j % 4)] * Math.cos(j);
  return { X: { data: wide, shape: [60, 256] }, y };
}

async function train(params: Params, lean: boolean, regression = false, wide = false): Promise<Trained> {
  setLeanTraining(lean);
  const before = leanStepsRun();
  const net = regression ? new NeuralNetRegressor(params) : new NeuralNetClassifier(params);
  const data = regression ? tinyRegression() : wide ? wideClassification() : tinyClassification();
  await net.fit(data.X, data.y);
  const columns = ['train_loss', 'valid_loss', 'valid_acc', 'lr'];
  const history = net.history.map((row) => columns.filter((c) => row[c] !== undefined).map((c) => row[c] as number));
  const weights = net.model.getWeights().map((w) => Array.from(w.dataSync()));
  net.dispose();
  return { history, weights, leanSteps: leanStepsRun() - before };
}


/** Trains with the generic loop and with the lean step; both must agree within float tolerance. */
async function assertSameTraining(t: import('ava').ExecutionContext, params: Params, regression = false, stepsPerEpoch = STEPS_PER_EPOCH, wide = false): Promise<void> {
  const generic = await train(params, false, regression, wide);
  const lean = await train(params, true, regression, wide);
  const label = JSON.stringify(params);
  t.is(generic.leanSteps, 0, label);
  t.is(lean.leanSteps, (params.maxEpochs as number) * stepsPerEpoch, label);
  t.is(lean.history.length, generic.history.length, label);
  t.true(maxDifference(lean.history, generic.history) < TOLERANCE, `${label} history ${maxDifference(lean.history, generic.history)}`);
  t.true(maxDifference(lean.weights, generic.weights) < TOLERANCE, `${label} weights ${maxDifference(lean.weights, generic.weights)}`);
  // A loop that did nothing would also "agree": the loss must have moved.
  t.not(lean.history[0][0], lean.history[lean.history.length - 1][0], label);
}

test.serial('the lean step trains the default mlp exactly as the generic loop does', async (t) => {
  await assertSameTraining(t, base);
  await assertSameTraining(t, { ...base, shuffle: false });
});

test.serial('every optimizer, with weight decay, momentum and nesterov, matches the generic loop', async (t) => {
  for (const optimizer of OPTIMIZERS) await assertSameTraining(t, { ...base, optimizer, 'optimizer.weightDecay': 0.01 });
  await assertSameTraining(t, { ...base, 'optimizer.momentum': 0.9 });
  await assertSameTraining(t, { ...base, 'optimizer.momentum': 0.9, 'optimizer.nesterov': true });
});

test.serial('every activation the lean step covers matches the generic loop, and so does a bare output layer', async (t) => {
  for (const activation of ['relu', 'tanh', 'sigmoid', 'elu', 'leakyRelu', 'linear']) {
    await assertSameTraining(t, { ...base, 'module.activation': activation });
  }
  await assertSameTraining(t, { ...base, 'module.hiddenUnits': [] });
});

test.serial('a wide first layer (256 × 256) matches the generic loop for every activation, on gridfold\'s matmul kernel', async (t) => {
  const wideParams = { ...base, 'module.hiddenUnits': [256], lr: 0.01 };
  // On wasm that is the kernel of src/backend/kernels (elsewhere the same function runs tf ops).
  t.is(leanMatMulFor(tf.getBackend()), gridfoldMatMul);
  for (const activation of ['relu', 'tanh', 'sigmoid', 'elu', 'leakyRelu', 'linear']) {
    await assertSameTraining(t, { ...wideParams, 'module.activation': activation }, false, STEPS_PER_EPOCH, true);
  }
});

test.serial('a softmax output layer: cross-entropy over it ("softmax twice") and nll over it match the generic loop', async (t) => {
  await assertSameTraining(t, { ...base, 'module.outputActivation': 'softmax' });
  await assertSameTraining(t, { ...base, loss: 'nll' });
  await assertSameTraining(t, { ...base, loss: 'nll', optimizer: 'adam', lr: 0.05, 'module.activation': 'tanh' });
  const wideParams = { ...base, 'module.hiddenUnits': [256], lr: 0.01 };
  await assertSameTraining(t, { ...wideParams, 'module.outputActivation': 'softmax' }, false, STEPS_PER_EPOCH, true);
});

test.serial('a regressor with mse, and a learning rate changed by a callback, match the generic loop', async (t) => {
  // 40 samples, trainSplit 0.2 → 32 training rows → 4 batches of 8.
  await assertSameTraining(t, { ...base, batchSize: 8, lr: 0.05 }, true, 4);
  const schedule = () => [new LRScheduler({ policy: 'step', stepSize: 1, gamma: 0.5 })];
  const generic = await train({ ...base, callbacks: schedule() }, false);
  const lean = await train({ ...base, callbacks: schedule() }, true);
  t.true(maxDifference(lean.history, generic.history) < TOLERANCE);
  t.deepEqual(lean.history.map((row) => row[row.length - 1]), [0.1, 0.05, 0.025, 0.0125]);
});

test.serial('samples with a shape are flattened as the mlp does', async (t) => {
  const { X, y } = tinyClassification();
  const run = async (lean: boolean) => {
    setLeanTraining(lean);
    const net = new NeuralNetClassifier(base);
    await net.fit({ data: X, shape: [60, 2, 2] }, y);
    const losses = net.history.map((row) => row.train_loss);
    net.dispose();
    return losses;
  };
  const generic = await run(false);
  const before = leanStepsRun();
  const lean = await run(true);
  t.is(leanStepsRun() - before, 4 * STEPS_PER_EPOCH);
  t.true(maxDifference([lean], [generic]) < TOLERANCE);
});

test.serial('models outside a plain Dense stack fall back to the generic loop and say why', async (t) => {
  const classifierLoss = { name: 'crossEntropy', outputsProbabilities: false, task: 'classification' } as const;
  const pathOf = async (params: Params, regression = false) => {
    const net = regression ? new NeuralNetRegressor({ ...base, ...params, maxEpochs: 1 }) : new NeuralNetClassifier({ ...base, ...params, maxEpochs: 1 });
    const data = regression ? tinyRegression() : tinyClassification();
    const before = leanStepsRun();
    await net.fit(data.X, data.y);
    const spec = { name: net.getParams().loss, outputsProbabilities: false, task: regression ? 'regression' : 'classification' } as const;
    const path = describeTrainingPath({ model: net.model, loss: spec as typeof classifierLoss });
    const steps = leanStepsRun() - before;
    net.dispose();
    return { path, steps };
  };
  t.deepEqual(await pathOf({ 'module.dropout': 0.2 }), { path: 'generic: layer dropout_Dropout1 (Dropout, rate 0.2) is not part of a plain Dense stack', steps: 0 });
  const batchNorm = await pathOf({ 'module.batchNorm': true });
  t.regex(batchNorm.path, /^generic: layer batch_normalization_BatchNormalization\d+ \(BatchNormalization\) is not part of a plain Dense stack$/);
  t.is(batchNorm.steps, 0);
  t.regex((await pathOf({ 'module.activation': 'selu' })).path, /^generic: activation 'selu' of dense_Dense\d+ has no lean gradient$/);
  t.deepEqual(await pathOf({ loss: 'nll', 'module.outputActivation': 'linear' }), { path: 'generic: loss \'nll\' without a softmax output layer has no lean gradient', steps: 0 });
  t.deepEqual(await pathOf({ loss: 'mse' }), { path: 'generic: loss \'mse\' for classification has no lean gradient', steps: 0 });
  t.deepEqual(await pathOf({ loss: 'mae' }, true), { path: 'generic: loss \'mae\' for regression has no lean gradient', steps: 0 });
  t.deepEqual(await pathOf({}), { path: 'lean', steps: STEPS_PER_EPOCH });
  setLeanTraining(false);
  t.deepEqual(await pathOf({}), { path: 'generic: the lean step is turned off', steps: 0 });
});

test.serial('a custom module is lean when it is a Sequential Dense stack, and generic otherwise', (t) => {
  const loss = { name: 'crossEntropy', outputsProbabilities: false, task: 'classification' } as const;
  const stack = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [4], units: 5 }), tf.layers.activation({ activation: 'tanh' }), tf.layers.dense({ units: 3, useBias: false }),
  ] });
  const plan = planLeanStep(stack, loss);
  t.not(typeof plan, 'string');
  if (typeof plan !== 'string') t.deepEqual(plan.layers.map((l) => [l.activation, l.bias !== undefined]), [['tanh', true], ['linear', false]]);
  stack.layers[0].trainable = false;
  t.regex(planLeanStep(stack, loss) as string, /^layer dense_Dense\d+ is frozen$/);
  stack.dispose();
  const unflattened = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2, 2], units: 3 })] });
  t.is(planLeanStep(unflattened, loss), 'the first Dense layer takes 2 features, not the whole sample of 4');
  unflattened.dispose();
  const input = tf.input({ shape: [4] });
  const functional = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor });
  t.is(planLeanStep(functional, loss), 'the model is a Model, not a Sequential');
  functional.dispose();
});

test.serial('no tensor is left behind by lean fits, with every optimizer and weight decay', async (t) => {
  const { X, y } = tinyClassification();
  for (const optimizer of OPTIMIZERS) {
    const before = numTensors();
    const stepsBefore = leanStepsRun();
    const net = new NeuralNetClassifier({ ...base, optimizer, 'optimizer.weightDecay': 0.01 });
    await net.fit(X, y);
    await net.predictProba(X);
    net.dispose();
    t.true(leanStepsRun() > stepsBefore, optimizer);
    t.is(numTensors(), before, optimizer);
  }
});

test.serial('batch rows are taken in the epoch order, equal to tf.gather, and never outside the data', (t) => {
  const matrix = tf.tensor2d([[0, 1], [10, 11], [20, 21], [30, 31]]);
  const order = Int32Array.from([3, 0, 2, 1]);
  const rows = rowTaker();
  const batch = rows.take(matrix, order, 1, 2);
  t.deepEqual(batch.shape, [2, 2]);
  t.deepEqual(Array.from(batch.dataSync()), [0, 1, 20, 21]);
  const gathered = tf.tidy(() => tf.gather(matrix, tf.tensor1d([0, 2], 'int32')));
  t.deepEqual(Array.from(gathered.dataSync()), Array.from(batch.dataSync()));
  if (tf.getBackend() === 'wasm') {
    t.throws(() => rows.take(matrix, Int32Array.from([4]), 0, 1), { message: 'GridfoldTakeRows: row 4 is outside [0, 4)' });
  }
  rows.dispose();
  tf.dispose([matrix, batch, gathered]);
});
