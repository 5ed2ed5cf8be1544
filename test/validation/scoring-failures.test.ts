import test from 'ava';
import { GridSearchCV } from '../../src/search/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { makeMoons } from '../../src/data/index.js';
import { FitFailedError, collectWarnings, messages } from '../../src/core/index.js';
import { initBackend } from '../../src/backend/index.js';
import { failingModule } from '../search/fixtures.js';

test.before(async () => {
  await initBackend('wasm');
});

const moons = makeMoons({ nSamples: 60, noise: 0.1, seed: 0 });
const net = (params: Record<string, unknown> = {}) => new NeuralNetClassifier({ maxEpochs: 1, batchSize: 16, lr: 0.1, trainSplit: 0, 'module.hiddenUnits': [4], ...params });
const grid = { lr: [0.1, 0.3] };

/** A custom scorer that returns `bad()` on the test rows of fold 1 of the first candidate (its 2nd call) and the accuracy elsewhere. */
function scorerBreakingOnce(bad: () => unknown, onCall = 2) {
  let calls = 0;
  return async (estimator: NeuralNetClassifier, X: { data: Float32Array; shape: number[] }, y: Int32Array) => {
    calls++;
    if (calls === onCall) return bad();
    return estimator.score(X, y);
  };
}

test('several metrics: one that throws sets only its own score to errorScore; the other metrics and the ranks are untouched', async (t) => {
  const plain = new GridSearchCV(net(), grid, { cv: 3, scoring: { accuracy: 'accuracy' }, refit: false });
  await plain.fit(moons.X, moons.y);
  const flaky = scorerBreakingOnce(() => {
    throw new RangeError('the flaky scorer breaks');
  });
  const search = new GridSearchCV(net(), grid, { cv: 3, scoring: { accuracy: 'accuracy', flaky }, refit: 'accuracy', errorScore: -1 });
  const { warnings } = await collectWarnings(() => search.fit(moons.X, moons.y));
  const fit = search.fits[1];
  t.is(fit.error, undefined, 'the fit itself did not fail');
  t.is(fit.testScores.flaky, -1);
  t.is(fit.testScores.accuracy, plain.fits[1].testScores.accuracy);
  t.deepEqual(fit.scoreErrors, { test_flaky: { name: 'RangeError', message: 'the flaky scorer breaks', stack: fit.scoreErrors!.test_flaky.stack } });
  const results = search.cvResults!;
  for (const column of ['split1_test_accuracy', 'mean_test_accuracy', 'rank_test_accuracy']) t.deepEqual(results[column], plain.cvResults![column], column);
  t.deepEqual(results.split1_test_flaky, [-1, (results.split1_test_accuracy as number[])[1]]);
  t.deepEqual(warnings.map((w) => w.message), [
    messages.scoringFailed('test_flaky', 'lr: 0.1', 1, 'RangeError: the flaky scorer breaks', -1),
    [
      messages.someScoresFailed(1, messages.scoresFailedWith(1, 'test_flaky: RangeError: the flaky scorer breaks')),
      messages.failuresPerMetric([{ metric: 'flaky', failedFits: 0, failedScores: 1 }], 6),
    ].join('\n\n'),
  ]);
  t.is(
    messages.failuresPerMetric([{ metric: 'accuracy', failedFits: 2, failedScores: 0 }, { metric: 'flaky', failedFits: 2, failedScores: 1 }], 12),
    'Test scores set to errorScore, per metric: accuracy 2 of 12 (2 failed fits); flaky 3 of 12 (2 failed fits, 1 failed scoring).',
  );
});

test('returnTrainScore: a train score that fails leaves the fit and its test scores intact ("All the fits failed" does not end the search)', async (t) => {
  // Every train score fails: the scorer throws on the training rows (40 of 60), scores the test rows.
  const trainFails = async (estimator: NeuralNetClassifier, X: { data: Float32Array; shape: number[] }, y: Int32Array) => {
    if (X.shape[0] === 40) throw new Error('no train score');
    return estimator.score(X, y);
  };
  const search = new GridSearchCV(net(), grid, { cv: 3, scoring: trainFails, returnTrainScore: true, refit: false });
  const { warnings } = await collectWarnings(() => search.fit(moons.X, moons.y));
  t.true(search.fits.every((f) => f.error === undefined && Number.isNaN(f.trainScores!.score) && f.testScores.score >= 0));
  t.true(search.fits.every((f) => f.scoreErrors?.train_score?.message === 'no train score'));
  t.true((search.cvResults!.mean_test_score as number[]).every((s) => s >= 0 && s <= 1));
  t.is(warnings.length, 7, 'one per fit, and the summary');
  t.is(warnings[6].message, messages.someScoresFailed(6, messages.scoresFailedWith(6, 'train_score: Error: no train score')));
});

test('a custom scorer returning NaN or a non-number is a warning naming the scorer and the fit; with errorScore raise it stops the search', async (t) => {
  const nan = new GridSearchCV(net(), grid, { cv: 3, scoring: { odd: scorerBreakingOnce(() => Number.NaN) }, refit: false, errorScore: -1 });
  const nanRun = await collectWarnings(() => nan.fit(moons.X, moons.y));
  t.true(Number.isNaN(nan.fits[1].testScores.odd), 'NaN is kept as the score');
  t.is(nanRun.warnings[0].message, messages.scoringFailed('test_odd', 'lr: 0.1', 1, `ScoringError: ${messages.scorerReturnedNaN('odd')}`, Number.NaN));
  const text = new GridSearchCV(net(), grid, { cv: 3, scoring: { odd: scorerBreakingOnce(() => 'high') }, refit: false, errorScore: -1 });
  const textRun = await collectWarnings(() => text.fit(moons.X, moons.y));
  t.is(text.fits[1].testScores.odd, -1, 'a non-number is errorScore');
  t.is(textRun.warnings[0].message, messages.scoringFailed('test_odd', 'lr: 0.1', 1, `ScoringError: ${messages.scorerNotANumber('odd', 'high')}`, -1));
  t.is(messages.scorerNotANumber('odd', 'high'), `custom scorer 'odd' returned "high"; a scorer must return a number`);
  const raise = new GridSearchCV(net(), grid, { cv: 3, scoring: { odd: scorerBreakingOnce(() => 'high') }, refit: false, errorScore: 'raise' });
  await t.throwsAsync(raise.fit(moons.X, moons.y), {
    instanceOf: FitFailedError,
    message: messages.scoringRaised('test_odd', 'lr: 0.1', 1, `ScoringError: ${messages.scorerNotANumber('odd', 'high')}`),
  });
});

test('the failures summary counts failed fits by error and, with several metrics, the errorScore test scores per metric', async (t) => {
  const search = new GridSearchCV(new NeuralNetClassifier({ maxEpochs: 1, batchSize: 16, lr: 0.1, trainSplit: 0, module: failingModule }), { 'module.failOnFold': [1, -3] }, { cv: 3, scoring: ['accuracy', 'f1_macro'], refit: 'accuracy' });
  const { warnings } = await collectWarnings(() => search.fit(moons.X, moons.y));
  const cause = messages.moduleBuilderFailed('failing', 'this module fails on purpose');
  t.deepEqual(warnings.map((w) => w.message), [[
    messages.someFitsFailed(1, 6, messages.fitsFailedWith(1, `GridfoldError: ${cause}`)),
    messages.failuresPerMetric([{ metric: 'accuracy', failedFits: 1, failedScores: 0 }, { metric: 'f1_macro', failedFits: 1, failedScores: 0 }], 6),
  ].join('\n\n')]);
});
