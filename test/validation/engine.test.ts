import test from 'ava';
import { runFits, type Executor, type FitTask } from '../../src/validation/index.js';
import { NeuralNetClassifier, estimateFitCost } from '../../src/estimators/index.js';
import { resolveScoring } from '../../src/scoring/index.js';
import type { FitRecord } from '../../src/core/index.js';

test('estimateFitCost counts multiply-adds per sample × epochs × rows', (t) => {
  t.is(estimateFitCost({ module: 'mlp', 'module.hiddenUnits': [4, 2], maxEpochs: 3 }, [10], 5, 7), (10 * 4 + 4 * 2 + 2 * 5) * 3 * 7);
  t.is(estimateFitCost({ module: 'mlp', 'module.hiddenUnits': [4, 2], maxEpochs: 3 }, [5, 2, 1], 5, 7), (10 * 4 + 4 * 2 + 2 * 5) * 3 * 7);
  t.is(estimateFitCost({ module: { name: 'mine', path: '/x.ts' }, maxEpochs: 2 }, [10], 5, 7), 14);
  // A cnn: 3×3 conv of 1 → 2 channels on 6×6 (4×4 out), pool 2 → 2×2×2 = 8 features → 3 classes.
  t.is(estimateFitCost({ module: 'cnn', 'module.convs': [{ filters: 2, kernel: 3, pool: 2 }], 'module.dense': [], maxEpochs: 1 }, [6, 6, 1], 3, 1), 9 * 2 * 16 + 8 * 3);
  // DemoNetwork's weights do 796,552 multiply-adds per image (torchinfo's 814,142 counts the biases too).
  const demo = [{ filters: 16, kernel: 3, padding: 'same', pool: 2 }, { filters: 32, kernel: 3, pool: 2, poolPadding: 1 }, { filters: 8, kernel: 1 }, { filters: 4, kernel: 5 }];
  t.is(estimateFitCost({ module: 'cnn', 'module.convs': demo, 'module.dense': [], maxEpochs: 1 }, [28, 28, 1], 10, 1), 796_552);
});

test('the executor gets the longest fits first; records come back in (candidate, fold) order', async (t) => {
  const { seen, executor } = recordingExecutor();
  const X = { data: new Float32Array(8 * 3), nSamples: 8, sampleShape: [3] };
  const y = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
  const split = (test: number[]): readonly [Int32Array, Int32Array] => [Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7].filter((i) => !test.includes(i))), Int32Array.from(test)];
  const records = await runFits({
    estimator: new NeuralNetClassifier(),
    candidates: [{ 'module.hiddenUnits': [2] }, { 'module.hiddenUnits': [64] }, { 'module.hiddenUnits': [8] }],
    splits: [split([0, 1, 2, 3]), split([4, 5])],
    data: { X, y }, scorers: resolveScoring('accuracy', { task: 'classification' }),
    returnTrainScore: false, errorScore: Number.NaN, nJobs: 1, nClasses: 2, executor,
  });
  // Fold 1 trains on more rows than fold 0, so it costs more within a candidate.
  t.deepEqual(seen, [[1, 1], [1, 0], [2, 1], [2, 0], [0, 1], [0, 0]]);
  t.deepEqual(records.map((r) => [r.candidateIndex, r.foldIndex]), [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]]);
});

test('a stacked candidate is one unit in the longest-first order, costed as the sum of its folds', async (t) => {
  const { seen, stacked, executor } = recordingExecutor();
  const X = { data: new Float32Array(8 * 3), nSamples: 8, sampleShape: [3] };
  const y = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
  const split = (test: number[]): readonly [Int32Array, Int32Array] => [Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7].filter((i) => !test.includes(i))), Int32Array.from(test)];
  await runFits({
    // On wasm, 'auto' stacks [200, 200] (41k multiply-adds per sample) and not [300, 300] (91.5k);
    // with adam, since plain SGD's fits train apart on the fused step.
    estimator: new NeuralNetClassifier({ optimizer: 'adam' }),
    candidates: [{ 'module.hiddenUnits': [300, 300] }, { 'module.hiddenUnits': [200, 200] }],
    splits: [split([0, 1, 2, 3]), split([4, 5])],
    data: { X, y }, scorers: resolveScoring('accuracy', { task: 'classification' }),
    returnTrainScore: false, errorScore: Number.NaN, nJobs: 1, nClasses: 2, executor, foldBatching: 'auto',
  });
  t.deepEqual([...stacked], [1]);
  // Costs: candidate 0's folds 91.5k × 6 and × 4 rows; candidate 1's unit 41k × (6 + 4),
  // which sorts between them, where one fold of it alone (41k × 6) would sort last.
  t.deepEqual(seen, [[0, 1], [1, 0], [1, 1], [0, 0]]);
});

/** An executor that runs nothing: it records the order of the tasks it gets and the candidates it is told to stack. */
function recordingExecutor(): { seen: Array<[number, number]>; stacked: Set<number>; executor: Executor } {
  const seen: Array<[number, number]> = [];
  const stacked = new Set<number>();
  const executor: Executor = {
    description: 'recording',
    async run(tasks, _data, options = {}) {
      for (const candidate of options.stackGroups?.keys() ?? []) stacked.add(candidate);
      const records: FitRecord[] = [];
      for (const task of tasks) {
        seen.push([task.candidateIndex, task.foldIndex]);
        const record: FitRecord = { candidateIndex: task.candidateIndex, foldIndex: task.foldIndex, testScores: { score: task.candidateIndex }, fitTime: 0, scoreTime: 0, nTrain: task.train.length, nTest: task.test.length, history: [] };
        await options.onResult?.(record);
        records.push(record);
      }
      return records;
    },
    async close() {},
  };
  return { seen, stacked, executor };
}
