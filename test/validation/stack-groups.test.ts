import test from 'ava';
import { stackGroups, notStackedReasons, MAX_STACKED_FITS } from '../../src/validation/stack-groups.js';
import { messages } from '../../src/core/index.js';
import type { FitTask, SearchData } from '../../src/validation/index.js';
import type { Params } from '../../src/core/index.js';

const data: SearchData = { X: { data: new Float32Array(30 * 4), nSamples: 30, sampleShape: [4] }, y: new Int32Array(30) };

/** Three folds of each candidate, as buildTasks makes them (only what grouping reads is real). */
function tasksOf(candidates: Params[]): FitTask[] {
  return candidates.flatMap((params, candidateIndex) => [0, 1, 2].map((foldIndex) => ({
    candidateIndex, foldIndex,
    estimator: { className: 'NeuralNetClassifier', params: { module: 'mlp', 'module.hiddenUnits': [8], optimizer: 'sgd', maxEpochs: 2, lr: 0.1, seed: 0, ...params } },
    train: new Int32Array(20), test: new Int32Array(10), scoring: { score: 'accuracy' }, returnTrainScore: false, errorScore: Number.NaN, nClasses: 2,
  })));
}

/** The stacks as lists of candidates, in order of their ids. */
function stacks(groups: Map<number, number>): number[][] {
  const byId = new Map<number, number[]>();
  for (const [candidate, id] of groups) byId.set(id, [...(byId.get(id) ?? []), candidate]);
  return [...byId.keys()].sort((a, b) => a - b).map((id) => byId.get(id)!);
}

test('candidates that differ only in lr (with sgd), module.init or seed share a stack; another architecture gets its own', async (t) => {
  const tasks = tasksOf([{ lr: 0.1 }, { lr: 0.01 }, { 'module.hiddenUnits': [16] }, { 'module.init': 'zeros', seed: 3 }]);
  const groups = await stackGroups({ foldBatching: true, data, nClasses: 2, nJobs: 1 }, tasks);
  t.deepEqual(stacks(groups), [[0, 1, 3], [2]]);
  // With adam a rate cannot differ within a stack: lr splits the candidates, init does not.
  const adam = tasksOf([{ lr: 0.1 }, { lr: 0.01 }, { 'module.init': 'zeros' }].map((p) => ({ ...p, optimizer: 'adam' })));
  t.deepEqual(stacks(await stackGroups({ foldBatching: true, data, nClasses: 2, nJobs: 1 }, adam)), [[0, 2], [1]]);
});

test('on a pool, a stack costs at most a quarter of a worker\'s share, so every worker gets units', async (t) => {
  const tasks = tasksOf([0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005].map((lr) => ({ lr })));
  // Eight equal candidates on 2 workers: a stack may cost 8 / (2 × 2) = 2 candidates.
  t.deepEqual(stacks(await stackGroups({ foldBatching: true, data, nClasses: 2, nJobs: 2 }, tasks)), [[0, 1], [2, 3], [4, 5], [6, 7]]);
  // Run serially, only the size bound splits them: 16 fits = 5 candidates of 3 folds.
  t.is(MAX_STACKED_FITS, 16);
  t.deepEqual(stacks(await stackGroups({ foldBatching: true, data, nClasses: 2, nJobs: 1 }, tasks)), [[0, 1, 2, 3, 4], [5, 6, 7]]);
});

test("foldBatching false stacks nothing; 'auto' on wasm stacks each candidate's folds alone, and leaves out models over 80,000 multiply-adds per sample", async (t) => {
  const tasks = tasksOf([{ lr: 0.1 }, { lr: 0.01 }, { 'module.hiddenUnits': [400, 200] }, { 'module.hiddenUnits': [400, 200], lr: 0.01 }]);
  t.deepEqual(stacks(await stackGroups({ foldBatching: false, data, nClasses: 2, nJobs: 1 }, tasks)), []);
  // 4·400 + 400·200 + 200·2 = 82,000 multiply-adds per sample.
  t.deepEqual(stacks(await stackGroups({ foldBatching: 'auto', data, nClasses: 2, nJobs: 1 }, tasks)), [[0], [1]]);
  t.deepEqual(stacks(await stackGroups({ foldBatching: true, data, nClasses: 2, nJobs: 1 }, tasks)), [[0, 1], [2, 3]]);
});

test("'auto' says why it trains a model's folds apart: its size on wasm, or a size it cannot know; cnns follow the same rule", async (t) => {
  const images: SearchData = { X: { data: new Float32Array(30 * 64), nSamples: 30, sampleShape: [8, 8, 1] }, y: new Int32Array(30) };
  const tasks = tasksOf([
    { 'module.hiddenUnits': [400, 200] },
    { module: 'cnn', 'module.convs': [{ filters: 2, kernel: 3 }] },
    { module: 'cnn', 'module.convs': [{ filters: 256, kernel: 3 }] },
    { module: 'mine' },
  ]).map((task) => task.estimator.params.module === 'cnn' ? { ...task, estimator: { ...task.estimator, params: { ...task.estimator.params, 'module.hiddenUnits': undefined } } } : task);
  const context = { foldBatching: 'auto' as const, data: images, nClasses: 2, nJobs: 1 };
  // 64·400 + 400·200 + 200·2; 6·6·9·2 + 72·2; 6·6·9·256 + 9216·2.
  t.deepEqual([...(await notStackedReasons(context, tasks))], [
    [0, messages.stackingDoesNotPay('wasm', 106_000, 80_000)],
    [2, messages.stackingDoesNotPay('wasm', 101_376, 80_000)],
    [3, messages.stackingDoesNotPay('wasm', undefined, 80_000)],
  ]);
  t.is(messages.stackingDoesNotPay('wasm', 106_000, 80_000), "foldBatching 'auto' trains this model's folds apart: at 106,000 multiply-adds per sample it is larger than the 80,000 up to which stacks measured faster on wasm, and apart its folds spread over the workers (foldBatching: true stacks anyway)");
  t.deepEqual(stacks(await stackGroups(context, tasks)), [[1]]);
  t.deepEqual([...(await notStackedReasons({ ...context, foldBatching: true }, tasks))], []);
});
