import test from 'ava';
import { buildTasks, fitAndScoreGroup, unitsOf, type FitTask } from '../../src/validation/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { resolveScoring } from '../../src/scoring/index.js';
import { StratifiedKFold } from '../../src/splitters/index.js';
import { initBackend, tf } from '../../src/backend/index.js';
import { makeMoons } from '../../src/data/index.js';

test.before(async () => {
  await initBackend('wasm');
});

function moonTasks() {
  const { X, y } = makeMoons({ nSamples: 60, noise: 0.2, seed: 2 });
  const data = { X: { data: X, nSamples: 60, sampleShape: [2] }, y };
  const splits = new StratifiedKFold({ nSplits: 3 }).split(60, { y: y as Int32Array });
  const tasks = buildTasks({
    estimator: new NeuralNetClassifier({ 'module.hiddenUnits': [4], batchSize: 8, maxEpochs: 2, lr: 0.1 }), candidates: [{}, { lr: 0.05 }], splits, data,
    scorers: resolveScoring('accuracy', { task: 'classification' }), returnTrainScore: false, errorScore: Number.NaN, nJobs: 1, nClasses: 2,
  });
  return { tasks, data };
}

test('units: the folds of each stack together, every other fit alone, in the order given', (t) => {
  const task = (candidateIndex: number, foldIndex: number) => ({ candidateIndex, foldIndex }) as FitTask;
  const tasks = [task(1, 0), task(0, 0), task(1, 1), task(0, 1), task(2, 0), task(3, 0), task(2, 1), task(3, 1)];
  const key = (units: FitTask[][]) => units.map((unit) => unit.map((t) => `${t.candidateIndex}:${t.foldIndex}`).join(' '));
  // Candidate 1 stacks alone; candidates 2 and 3 share a stack.
  t.deepEqual(key(unitsOf(tasks, new Map([[1, 1], [2, 2], [3, 2]]))), ['1:0 1:1', '0:0', '0:1', '2:0 3:0 2:1 3:1']);
  t.deepEqual(key(unitsOf(tasks)), ['1:0', '0:0', '1:1', '0:1', '2:0', '3:0', '2:1', '3:1']);
});

test.serial('a candidate whose stacked training throws gets its folds trained one by one, each with its own record', async (t) => {
  const { tasks, data } = moonTasks();
  const folds = tasks.filter((task) => task.candidateIndex === 0);
  const stacked = await fitAndScoreGroup(folds, data);
  t.true(stacked.every((record) => record.notBatched === undefined));
  // The stacked row kernel is registered only when missing: a broken one stands in for a failure.
  tf.unregisterKernel('GridfoldTakeStackedRows', 'wasm');
  tf.registerKernel({ kernelName: 'GridfoldTakeStackedRows', backendName: 'wasm', kernelFunc: () => { throw new Error('stacked rows broke'); } });
  try {
    const before = tf.memory().numTensors;
    const fallback = await fitAndScoreGroup(folds, data);
    t.deepEqual(fallback.map((r) => r.notBatched), Array(3).fill('stacked training failed: stacked rows broke'));
    t.deepEqual(fallback.map((r) => [r.candidateIndex, r.foldIndex, r.error]), [[0, 0, undefined], [0, 1, undefined], [0, 2, undefined]]);
    fallback.forEach((record, f) => t.true(Math.abs(record.testScores.score - stacked[f].testScores.score) <= 1 / record.nTest + 1e-9));
    t.is(tf.memory().numTensors, before);
  } finally {
    tf.unregisterKernel('GridfoldTakeStackedRows', 'wasm');
  }
});
