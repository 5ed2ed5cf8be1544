import test from 'ava';
import { GridSearchCV, HalvingGridSearchCV, RandomizedSearchCV } from '../../src/search/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { crossValidate } from '../../src/validation/index.js';
import { SCORER_NAMES } from '../../src/scoring/index.js';
import { makeMoons } from '../../src/data/index.js';
import { FitFailedError, InvalidParameterError, messages } from '../../src/core/index.js';
import { initBackend } from '../../src/backend/index.js';

test.before(async () => {
  await initBackend('wasm');
});

const net = () => new NeuralNetClassifier({ maxEpochs: 1, batchSize: 16, lr: 0.1, trainSplit: 0, 'module.hiddenUnits': [4] });
const grid = { lr: [0.1] };

test('every option is checked in the constructor, before any data: scoring, refit, cv, fitTimeout and the run options', (t) => {
  const refused = (options: Record<string, unknown>, message: string) =>
    t.throws(() => new GridSearchCV(net(), grid, options), { instanceOf: InvalidParameterError, message }, JSON.stringify(options));
  refused({ scoring: 'nope' }, messages.scorerUnknown('nope', SCORER_NAMES));
  refused({ scoring: 'accuracy', refit: 'nope' }, messages.refitInvalidOneMetric('nope', 'score', 'accuracy'));
  refused({ scoring: ['accuracy', 'f1_macro'], refit: 'nope' }, messages.refitInvalid('nope', ['accuracy', 'f1_macro']));
  refused({ scoring: ['accuracy', 'f1_macro'] }, messages.refitInvalid(true, ['accuracy', 'f1_macro']));
  refused({ refit: 5 }, messages.refitInvalidOneMetric(5, 'score', 'accuracy'));
  refused({ scoring: ['accuracy', 'f1_macro'], refit: 5 }, messages.refitInvalid(5, ['accuracy', 'f1_macro']));
  refused({ cv: 1 }, messages.cvInvalid(1));
  refused({ cv: 'five' }, messages.cvInvalid('five'));
  refused({ fitTimeout: 0 }, messages.invalidValue('GridSearchCV', 'fitTimeout', 0, 'a number in (0, 2147483]'));
  refused({ fitTimeout: '10' }, messages.invalidValue('GridSearchCV', 'fitTimeout', '10', 'a number in (0, 2147483]'));
  refused({ onProgress: 'log' }, messages.invalidValue('GridSearchCV', 'onProgress', 'log', 'a function'));
  refused({ journal: 'journal.jsonl' }, messages.invalidValue('GridSearchCV', 'journal', 'journal.jsonl', 'a journal (keyOf, lookup, append) or a factory such as runJournal(path)'));
  refused({ signal: { aborted: false } }, messages.invalidValue('GridSearchCV', 'signal', { aborted: false }, 'an AbortSignal'));
  t.throws(() => new RandomizedSearchCV(net(), grid, { scoring: 'nope' }), { message: messages.scorerUnknown('nope', SCORER_NAMES) });
  t.throws(() => new HalvingGridSearchCV(net(), grid, { scoring: ['accuracy', 'f1_macro'], refit: false }), {
    message: messages.halvingNeedsOneMetric('HalvingGridSearchCV', ['accuracy', 'f1_macro']),
  });
  t.throws(() => new HalvingGridSearchCV(net(), grid, { minResources: 5, maxResources: 2 }), { message: messages.halvingMinAboveMax('HalvingGridSearchCV', 5, 2) });
  t.is(messages.refitInvalidOneMetric('nope', 'score', 'accuracy'), `refit must be true, false or the name of the one metric ('score' or 'accuracy'); got "nope".`);
});

test("refit may name the one metric by its scorer's name, as scikit-learn allows (scoring: 'accuracy', refit: 'accuracy')", async (t) => {
  const moons = makeMoons({ nSamples: 40, noise: 0.1, seed: 0 });
  const named = new GridSearchCV(net(), { lr: [0.1, 0.5] }, { cv: 2, scoring: 'accuracy', refit: 'accuracy' });
  await named.fit(moons.X, moons.y);
  const plain = new GridSearchCV(net(), { lr: [0.1, 0.5] }, { cv: 2, scoring: 'accuracy' });
  await plain.fit(moons.X, moons.y);
  t.is(named.bestIndex, plain.bestIndex);
  t.is(named.bestScore, plain.bestScore);
  t.true(named.bestEstimator!.isFitted);
  named.bestEstimator!.dispose();
  plain.bestEstimator!.dispose();
});

test('crossValidate checks its options before its data: a wrong scoring is named even when X is wrong too', async (t) => {
  await t.throwsAsync(crossValidate(net(), 'not data' as never, [0, 1], { scoring: 'nope' }), { message: messages.scorerUnknown('nope', SCORER_NAMES) });
  await t.throwsAsync(crossValidate(net(), 'not data' as never, [0, 1], { fitTimeout: -1 }), { message: messages.invalidValue('crossValidate', 'fitTimeout', -1, 'a number in (0, 2147483]') });
});

test('crossValidate with fitTimeout: a fit past it (here in this thread, kept with returnEstimator) stops at an epoch end as FitTimeoutError', async (t) => {
  const moons = makeMoons({ nSamples: 40, noise: 0.1, seed: 0 });
  // 100,000 epochs cannot finish in 0.05 s: every fold is stopped at the first epoch end past it.
  const long = new NeuralNetClassifier({ maxEpochs: 100_000, batchSize: 64, lr: 0.1, trainSplit: 0, 'module.hiddenUnits': [2] });
  const timedOut = `FitTimeoutError: ${messages.fitTimedOut(0.05, 1, 'stopped at the end of an epoch')}`;
  await t.throwsAsync(crossValidate(long, moons.X, moons.y, { cv: 2, fitTimeout: 0.05, returnEstimator: true }), {
    instanceOf: FitFailedError, message: messages.allFitsFailed(2, messages.fitsFailedWith(2, timedOut)),
  });
});
