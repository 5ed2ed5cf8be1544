import test from 'ava';
import type { DataFrame } from 'danfojs-node';
import { GridSearchCV } from '../../src/search/index.js';
import { NeuralNetClassifier, NeuralNetRegressor } from '../../src/estimators/index.js';
import { crossValidate } from '../../src/validation/index.js';
import { KFold } from '../../src/splitters/index.js';
import { makeMoons, makeRegression } from '../../src/data/index.js';
import { FitFailedError, InvalidParameterError, collectWarnings, messages } from '../../src/core/index.js';
import { initBackend } from '../../src/backend/index.js';
import { failingModule } from './fixtures.js';

test.before(async () => {
  await initBackend('wasm');
});

const moons = makeMoons({ nSamples: 60, noise: 0.1, seed: 0 });
const training = { maxEpochs: 2, batchSize: 16, lr: 0.1, trainSplit: 0 };
const base = { ...training, 'module.hiddenUnits': [8] };

test('GridSearchCV fills cvResults, the best candidate and a refitted estimator', async (t) => {
  const search = new GridSearchCV(new NeuralNetClassifier(base), { lr: [0.3, 0.001], 'module.hiddenUnits': [[4], [16]] }, { cv: 3 });
  await search.fit(moons.X, moons.y);
  const results = search.cvResults!;
  t.deepEqual(results.params, [
    { lr: 0.3, 'module.hiddenUnits': [4] }, { lr: 0.3, 'module.hiddenUnits': [16] },
    { lr: 0.001, 'module.hiddenUnits': [4] }, { lr: 0.001, 'module.hiddenUnits': [16] },
  ]);
  t.is(search.nSplits, 3);
  t.is(search.fits.length, 12);
  t.true((results.mean_test_score as number[]).every((s) => s >= 0 && s <= 1));
  t.is(search.bestScore, Math.max(...(results.mean_test_score as number[])));
  t.deepEqual(search.bestParams, results.params[search.bestIndex]);
  t.true(search.bestEstimator!.isFitted);
  t.deepEqual(search.bestEstimator!.getParams().lr, search.bestParams.lr);
  t.true(search.refitTime! > 0);
  t.is(search.fits[0].history.length, 2);
  t.deepEqual(search.meta!.scorers, { score: 'accuracy' });
  t.is(search.meta!.nFits, 12);
  const frame = search.resultsFrame<DataFrame>();
  t.deepEqual(frame.shape, [4, Object.keys(results).length]);
  t.deepEqual(frame.column('rank_test_score').values, results.rank_test_score);
  search.bestEstimator!.dispose();
});

test('identical seeds give identical cvResults (apart from times)', async (t) => {
  const run = async () => {
    const search = new GridSearchCV(new NeuralNetClassifier({ ...base, 'module.dropout': 0.2 }), { lr: [0.1, 0.2] }, { cv: 3, refit: false });
    await search.fit(moons.X, moons.y);
    return [search.cvResults!.split0_test_score, search.cvResults!.split1_test_score, search.cvResults!.split2_test_score, search.fits.map((f) => f.history.map((h) => h.train_loss))];
  };
  t.deepEqual(await run(), await run());
});

test('multi-metric scoring with refit naming the metric; returnTrainScore', async (t) => {
  const search = new GridSearchCV(new NeuralNetClassifier(base), { lr: [0.1] }, {
    cv: 2, scoring: ['accuracy', 'neg_log_loss'], refit: 'neg_log_loss', returnTrainScore: true,
  });
  await search.fit(moons.X, moons.y);
  const keys = Object.keys(search.cvResults!);
  for (const key of ['split0_test_accuracy', 'mean_test_neg_log_loss', 'rank_test_accuracy', 'split1_train_neg_log_loss', 'mean_train_accuracy']) {
    t.true(keys.includes(key), key);
  }
  t.is(search.bestScore, (search.cvResults!.mean_test_neg_log_loss as number[])[0]);
  t.deepEqual(search.meta!.scorers, { accuracy: 'accuracy', neg_log_loss: 'neg_log_loss' });
  search.bestEstimator!.dispose();
});

test('refit must name a metric when scoring has several (refused by the constructor)', (t) => {
  t.throws(() => new GridSearchCV(new NeuralNetClassifier(base), { lr: [0.1] }, { scoring: ['accuracy', 'f1_macro'], refit: true }), { message: messages.refitInvalid(true, ['accuracy', 'f1_macro']) });
});

test('a failing fit becomes data: errorScore in its split, a summary warning, the search goes on', async (t) => {
  const estimator = new NeuralNetClassifier({ ...training, module: failingModule, 'module.failOnFold': 1 });
  const search = new GridSearchCV(estimator, { lr: [0.1, 0.2] }, { cv: 3, errorScore: -1, refit: false });
  const { warnings } = await collectWarnings(() => search.fit(moons.X, moons.y));
  t.deepEqual(search.cvResults!.split1_test_score, [-1, -1]);
  t.true((search.cvResults!.split0_test_score as number[]).every((s) => s >= 0));
  t.is(search.fits.filter((f) => f.error).length, 2);
  t.is(search.fits[1].error!.message, messages.moduleBuilderFailed('failing', 'this module fails on purpose'));
  t.deepEqual(warnings.map((w) => w.kind), ['FitFailedWarning']);
  t.true(warnings[0].message.startsWith('2 fits failed out of a total of 6.'));
});

test("errorScore 'raise' rethrows with the candidate and fold", async (t) => {
  const estimator = new NeuralNetClassifier({ ...training, module: failingModule, 'module.failOnFold': 0 });
  const search = new GridSearchCV(estimator, { lr: [0.1] }, { cv: 2, errorScore: 'raise' });
  await t.throwsAsync(search.fit(moons.X, moons.y), {
    instanceOf: FitFailedError,
    message: messages.fitRaised('lr: 0.1', 0, messages.moduleBuilderFailed('failing', 'this module fails on purpose')),
  });
});

test('all fits failing is an error', async (t) => {
  const estimator = new NeuralNetClassifier({ ...training, module: failingModule, 'module.failOnFold': -1 });
  const search = new GridSearchCV(estimator, { lr: [0.1] }, { cv: 2 });
  const error = await t.throwsAsync(search.fit(moons.X, moons.y), { instanceOf: FitFailedError });
  t.true(error.message.startsWith('All the 2 fits failed.'));
});

test('bad options are refused at once', (t) => {
  const net = new NeuralNetClassifier(base);
  t.throws(() => new GridSearchCV(net, { lr: [0.1] }, { nJobs: 0 }), { instanceOf: InvalidParameterError, message: messages.nJobsInvalid(0, 256) });
  t.throws(() => new GridSearchCV(net, { lr: [0.1] }, { nJobs: 1.5 }), { message: messages.nJobsInvalid(1.5, 256) });
  t.throws(() => new GridSearchCV(net, { lr: [0.1] }, { errorScore: 'ignore' as never }), { message: messages.errorScoreInvalid('ignore') });
  t.throws(() => new GridSearchCV(net, { lr: [0.1] }, { folds: 3 } as never), { message: /GridSearchCV: unknown option 'folds'/ });
  t.throws(() => new GridSearchCV({} as never, { lr: [0.1] }), { message: messages.notAnEstimator('GridSearchCV', {}) });
  t.throws(() => new GridSearchCV(net, { learningRate: [0.1] }), { message: /Invalid parameter 'learningRate' for NeuralNetClassifier/ });
  t.throws(() => new GridSearchCV(net, { lr: [-0.1] }), { message: messages.invalidValue('NeuralNetClassifier', 'lr', -0.1, 'a number > 0') });
});

test('crossValidate returns scikit-learn keys and fitted estimators when asked', async (t) => {
  const result = await crossValidate(new NeuralNetClassifier(base), moons.X, moons.y, { cv: 3, returnTrainScore: true, returnEstimator: true });
  t.deepEqual(Object.keys(result).sort(), ['estimator', 'fit_time', 'score_time', 'test_score', 'train_score']);
  t.is(result.test_score.length, 3);
  t.is(result.estimator!.length, 3);
  t.true(result.estimator!.every((e) => e.isFitted));
  for (const e of result.estimator!) e.dispose();
});

test("crossValidate with returnEstimator goes through the engine: errorScore 'raise' stops it, a number keeps a failed fold's place", async (t) => {
  const failing = new NeuralNetClassifier({ ...training, module: failingModule, 'module.failOnFold': 1 });
  await t.throwsAsync(crossValidate(failing, moons.X, moons.y, { cv: 3, returnEstimator: true, errorScore: 'raise' }), {
    instanceOf: FitFailedError,
    message: messages.fitRaised('', 1, messages.moduleBuilderFailed('failing', 'this module fails on purpose')),
  });
  const { result, warnings } = await collectWarnings(() => crossValidate(failing, moons.X, moons.y, { cv: 3, returnEstimator: true, errorScore: -1 }));
  t.deepEqual(result.test_score.map((s) => s === -1), [false, true, false]);
  t.deepEqual(result.estimator!.map((e) => e.isFitted), [true, false, true]);
  t.deepEqual(warnings.map((w) => w.kind), ['FitFailedWarning']);
  for (const e of result.estimator!) e.dispose();
});

test('a regressor searches with r2 by default and a splitter object as cv', async (t) => {
  const data = makeRegression({ nSamples: 40, nFeatures: 3, nInformative: 3, noise: 0.1, seed: 0 });
  const run = async (scoring?: string) => {
    const search = new GridSearchCV(new NeuralNetRegressor({ ...base, 'module.hiddenUnits': [] }), { lr: [0.01, 0.05] }, {
      cv: new KFold({ nSplits: 2, shuffle: true, seed: 1 }), refit: false, ...(scoring ? { scoring } : {}),
    });
    await search.fit(data.X, data.y);
    return search;
  };
  const byDefault = await run();
  t.deepEqual(byDefault.meta!.scorers, { score: 'r2' });
  const scores = (s: Awaited<ReturnType<typeof run>>) => [0, 1].map((k) => s.cvResults![`split${k}_test_score`]);
  // The same fits scored as r2 when asked for by name, and not as the mean squared error.
  t.deepEqual(scores(byDefault), scores(await run('r2')));
  t.notDeepEqual(scores(byDefault), scores(await run('neg_mean_squared_error')));
});

test('verbose says the plan as scikit-learn does', async (t) => {
  const lines: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => lines.push(chunk)) as typeof process.stderr.write;
  try {
    await new GridSearchCV(new NeuralNetClassifier({ ...base, maxEpochs: 1 }), { lr: [0.1, 0.2] }, { cv: 2, verbose: 1, refit: false }).fit(moons.X, moons.y);
  } finally {
    process.stderr.write = write;
  }
  t.true(lines.includes(`${messages.fittingPlan(2, 2)}\n`));
  t.is(messages.fittingPlan(2, 2), 'Fitting 2 folds for each of 2 candidates, totalling 4 fits');
});
