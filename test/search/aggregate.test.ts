import test from 'ava';
import { aggregate, rankMin, populationStd } from '../../src/search/aggregate.js';
import type { FitRecord } from '../../src/core/index.js';

const record = (candidateIndex: number, foldIndex: number, score: number, fitTime = 1): FitRecord => ({
  candidateIndex, foldIndex, testScores: { score }, fitTime, scoreTime: 0.5, nTrain: 8, nTest: 4, history: [], nParameters: 10 + candidateIndex,
});

test('ranks: ties share the lowest rank, NaN ranks last, all-NaN ranks 1', (t) => {
  t.deepEqual(rankMin([0.9, 0.8, 0.9, 0.7]), [1, 3, 1, 4]);
  t.deepEqual(rankMin([0.5, Number.NaN, 0.6]), [2, 3, 1]);
  t.deepEqual(rankMin([Number.NaN, Number.NaN]), [1, 1]);
});

test('std is the population std (numpy ddof=0)', (t) => {
  t.is(populationStd([1, 2, 3, 4]), Math.sqrt(1.25));
  t.is(populationStd([5]), 0);
});

test('cvResults has scikit-learn columns in its order, with param_ masks', (t) => {
  const candidates = [{ lr: 0.1 }, { lr: 0.01, 'module.init': 'zeros' }];
  const records = [record(1, 0, 0.5), record(0, 1, 0.75, 3), record(0, 0, 0.25), record(1, 1, Number.NaN)];
  const results = aggregate(records, { candidates, nSplits: 2, scoreNames: ['score'], returnTrainScore: false });
  t.deepEqual(Object.keys(results), [
    'mean_fit_time', 'std_fit_time', 'mean_score_time', 'std_score_time', 'n_parameters', 'param_lr', 'param_module.init', 'params',
    'split0_test_score', 'split1_test_score', 'mean_test_score', 'std_test_score', 'rank_test_score',
  ]);
  t.deepEqual(results.params, candidates);
  t.deepEqual(results['param_module.init'], [undefined, 'zeros']);
  t.deepEqual(results.split0_test_score, [0.25, 0.5]);
  t.deepEqual(results.split1_test_score, [0.75, Number.NaN]);
  t.deepEqual(results.mean_test_score, [0.5, Number.NaN]);
  t.deepEqual(results.std_test_score, [0.25, Number.NaN]);
  t.deepEqual(results.rank_test_score, [1, 2]);
  t.deepEqual(results.mean_fit_time, [2, 1]);
  t.deepEqual(results.std_fit_time, [1, 0]);
  t.deepEqual(results.n_parameters, [10, 11]);
});

test('records without a parameter count (an older journal) give no n_parameters column, not one of NaN', (t) => {
  const records = [record(0, 0, 0.5), record(0, 1, 0.75)].map(({ nParameters: _, ...rest }) => rest);
  const results = aggregate(records, { candidates: [{ lr: 0.1 }], nSplits: 2, scoreNames: ['score'], returnTrainScore: false });
  t.false('n_parameters' in results);
});
