import test from 'ava';
import { FitTimeoutError, messages, withFitDeadline } from '../../src/core/index.js';
import { initBackend } from '../../src/backend/index.js';
import { NeuralNetClassifier, makeMoons } from '../../src/index.js';
import { fitFoldBatched } from '../../src/estimators/index.js';

process.env.GRIDFOLD_BACKEND = 'wasm';
test.before(async () => {
  await initBackend();
});

const { X, y } = makeMoons({ nSamples: 60, noise: 0.2, seed: 1 });
const net = () => new NeuralNetClassifier({ 'module.hiddenUnits': [4], maxEpochs: 5, batchSize: 16, seed: 0, trainSplit: 0 });

test('past its deadline a fit stops at the end of an epoch with FitTimeoutError; within it, it trains to the end', async (t) => {
  const late = net();
  const error = await t.throwsAsync(withFitDeadline(1e-6, 1, () => late.fit(X, y)), { instanceOf: FitTimeoutError });
  t.is(error!.message, messages.fitTimedOut(1e-6, 1, 'stopped at the end of an epoch'));
  t.is(late.history.length, 0, 'no history is kept from a fit that failed');
  const inTime = net();
  await withFitDeadline(600, 1, () => inTime.fit(X, y));
  t.is(inTime.history.length, 5);
  t.is(messages.fitTimedOut(2, 3, 'stopped at the end of an epoch'), 'the fit ran past fitTimeout (2 s × the 3 fits trained with it) and was stopped at the end of an epoch');
});

test('a stack past its deadline (fitTimeout × its fits) fails every fit still training with FitTimeoutError', async (t) => {
  const estimators = [net(), net().setParams({ seed: 1 })];
  const half = Math.floor(X.length / 4) * 2;
  const fits = estimators.map((estimator) => ({ estimator, X: { data: X.subarray(0, half), shape: [half / 2, 2] }, y: y.subarray(0, half / 2), options: { nClasses: 2 } }));
  const result = await withFitDeadline(1e-6, 2, () => fitFoldBatched(fits));
  t.false('notBatched' in result, 'the two folds trained stacked');
  const outcomes = (result as { outcomes: Array<Error | undefined> }).outcomes;
  t.is(outcomes.length, 2);
  for (const outcome of outcomes) {
    t.true(outcome instanceof FitTimeoutError);
    t.is(outcome!.message, messages.fitTimedOut(1e-6, 2, 'stopped at the end of an epoch'));
  }
  estimators.forEach((e) => e.dispose());
});
