import test from 'ava';
import type { DataFrame } from 'danfojs-node';
import type { CvResults } from '../../src/core/index.js';
import { messages } from '../../src/core/index.js';
import { resultsColumns, resultsFrame } from '../../src/results/index.js';
import { tinyRun } from '../report/tiny.js';

test('resultsFrame holds the cv_results columns with display values', (t) => {
  const run = tinyRun();
  const frame = resultsFrame<DataFrame>(run.cvResults);
  t.deepEqual(frame.columns, Object.keys(run.cvResults));
  t.deepEqual(frame.shape, [3, Object.keys(run.cvResults).length]);
  t.deepEqual(frame.column('param_units').values, ['64-32', '32-16', '64-32']);
  t.deepEqual(frame.column('param_lr').values, [0.001, 0.1, 0.01]);
  t.deepEqual(frame.column('params').values, ['{lr: 0.001, units: 64-32}', '{lr: 0.1, units: 32-16}', '{lr: 0.01, units: 64-32}']);
  t.deepEqual(frame.column('rank_test_accuracy').values, [1, 3, 2]);
  const means = frame.column('mean_test_accuracy').values as number[];
  t.is(means[0], (run.cvResults.mean_test_accuracy as number[])[0]);
  t.true(Number.isNaN(means[1]));
});

test('missing parameters are null, and a column of mixed types becomes text', (t) => {
  const cv = {
    param_lr: [0.01, 'auto', undefined],
    param_units: [[8], undefined, [4, 2]],
    params: [{ lr: 0.01, units: [8] }, { lr: 'auto' }, { units: [4, 2] }],
    mean_test_score: [0.5, 0.6, 0.7],
  } as unknown as CvResults;
  const columns = resultsColumns(cv);
  t.deepEqual(columns.param_lr, ['0.01', 'auto', null]);
  t.deepEqual(columns.param_units, ['8', null, '4-2']);
  const frame = resultsFrame<DataFrame>(cv);
  t.deepEqual(frame.column('param_units').values, ['8', null, '4-2']);
});

test('resultsFrame refuses something that is not cv_results', (t) => {
  t.throws(() => resultsFrame([] as unknown as CvResults), { message: messages.cvResultsInvalid('resultsFrame', 'got a value that is not an object') });
  t.throws(() => resultsFrame({ mean_test_score: [1] } as unknown as CvResults), { message: messages.cvResultsInvalid('resultsFrame', 'the params column is missing') });
});
