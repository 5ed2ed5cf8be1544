/**
 * What crosses Redis: tasks and records as data only, scores bit for bit (NaN, -0), fold
 * indices exact, a custom module by name alone; a result that is not a record is refused.
 */
import test from 'ava';
import { messages, type FitRecord } from '../../src/core/index.js';
import { readResult } from '../../src/distributed/coordinator.js';
import { decodeResults, decodeUnit, encodeResults, encodeUnit } from '../../src/distributed/wire.js';
import type { FitTask } from '../../src/validation/index.js';

const task: FitTask = {
  candidateIndex: 3, foldIndex: 1,
  estimator: { className: 'NeuralNetClassifier', params: { lr: 0.1, seed: 7, module: { name: 'my-net', path: '/home/coordinator/nets.ts' }, callbacks: [] } },
  train: Int32Array.from([0, 2, 5, 2 ** 31 - 1]), test: Int32Array.from([1, 3]),
  scoring: { score: 'accuracy' }, returnTrainScore: false, errorScore: Number.NaN, nClasses: 2,
};

test('a unit crosses as data: indices exact, errorScore NaN kept, the module by name without the coordinator\'s path', (t) => {
  const text = encodeUnit([task], ['key-1']);
  t.false(text.includes('/home/coordinator'));
  const [{ key, task: back }] = decodeUnit(text);
  t.is(key, 'key-1');
  t.deepEqual(back.train, task.train);
  t.deepEqual(back.test, task.test);
  t.true(Number.isNaN(back.errorScore as number));
  t.deepEqual(back.estimator.params.module, { name: 'my-net' });
  t.is(back.estimator.params.lr, 0.1);
});

test('records cross bit for bit, NaN and -0 included', (t) => {
  const record: FitRecord = {
    candidateIndex: 3, foldIndex: 1, testScores: { score: Number.NaN, other: -0 }, fitTime: 0.1 + 0.2, scoreTime: 0, nTrain: 4, nTest: 2,
    history: [{ epoch: 1, train_loss: 1 / 3, dur: 0.5 }], worker: 'box:1',
  };
  const [back] = decodeResults(encodeResults([{ key: 'k', record }]));
  t.true(Number.isNaN(back.record.testScores.score));
  t.true(Object.is(back.record.testScores.other, -0));
  t.is(back.record.history[0].train_loss, 1 / 3);
  t.is(back.record.fitTime, 0.1 + 0.2);
});

test('a result in Redis that is not a fit record becomes the fit\'s error row, not a score', (t) => {
  const bad = JSON.stringify({ key: 'k', record: { candidateIndex: 3, foldIndex: 1, testScores: { score: 'high' } } });
  const record = readResult(task, bad);
  t.is(record.error?.name, 'TaskLostError');
  t.is(record.error?.message, messages.resultUnreadable(messages.fieldHolds('record.testScores.score', 'high', 'a number')));
  t.true(Number.isNaN(record.testScores.score));
  t.is(readResult(task, 'not json').error?.name, 'TaskLostError');
});
