import test from 'ava';
import { defineSearch, type SearchDefinition } from '../../src/cli/define-search.js';
import { SearchDefinitionError } from '../../src/core/errors.js';
import { SEARCH_FIELDS } from '../../src/cli/check-search.js';
import { createEstimator, createSearch, loadSearchData } from '../../src/cli/create-search.js';
import { messages } from '../../src/core/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { loguniform, uniform } from '../../src/params/index.js';
import { resolveScoring } from '../../src/scoring/index.js';
import { GridSearchCV, HalvingGridSearchCV, HalvingRandomSearchCV, RandomizedSearchCV } from '../../src/search/index.js';

const valid = {
  name: 'ok',
  data: { dataset: 'moons', nSamples: 60 },
  estimator: { kind: 'classifier', params: { maxEpochs: 3, lr: 0.1 } },
  paramGrid: { 'module.hiddenUnits': [[4], [8]] },
} as const satisfies SearchDefinition;

/** Checks `changes` applied to the valid definition throw exactly `message`. */
function refuses(t: import('ava').ExecutionContext, changes: Record<string, unknown>, message: string): void {
  t.throws(() => defineSearch({ ...valid, ...changes } as unknown as SearchDefinition), { instanceOf: SearchDefinitionError, message });
}

test('defineSearch returns the definition it was given', (t) => {
  const definition: SearchDefinition = { ...valid };
  t.is(defineSearch(definition), definition);
  const instance = new NeuralNetClassifier({ lr: 0.2 });
  t.notThrows(() => defineSearch({ ...valid, estimator: instance }));
});

test('top-level fields: unknown, name, data, search, and the space the search needs', (t) => {
  refuses(t, { nIters: 3 }, messages.searchFieldUnknown('nIters', SEARCH_FIELDS));
  refuses(t, { name: 'my search' }, messages.searchFieldExpected('name', "a name of letters, digits, '.', '_' or '-' (it names the report directory)", 'my search'));
  refuses(t, { data: { dataset: 'cifar' } }, messages.searchFieldExpected('data.dataset', 'one of mnist, moons, circles, blobs, classification, regression, csv', 'cifar'));
  refuses(t, { data: 'mnist' }, messages.searchFieldExpected('data', "a dataset spec such as { dataset: 'mnist' } (dataset one of mnist, moons, circles, blobs, classification, regression, csv) or a loader function", 'mnist'));
  refuses(t, { search: 'bayes' }, messages.searchFieldExpected('search', 'one of grid, random, halving-grid, halving-random', 'bayes'));
  refuses(t, { paramGrid: undefined }, messages.searchFieldMissing('paramGrid', 'grid'));
  refuses(t, { search: 'random' }, messages.searchFieldWrongSearch('paramGrid', 'random', ['grid', 'halving-grid']));
  refuses(t, { nIter: 4 }, messages.searchFieldWrongSearch('nIter', 'grid', ['random']));
  refuses(t, { halving: { factor: 2 } }, messages.searchFieldWrongSearch('halving', 'grid', ['halving-grid', 'halving-random']));
});

test('estimator fields: kind, unknown keys, and each parameter checked by the estimator itself', (t) => {
  refuses(t, { estimator: { kind: 'tree' } }, messages.searchFieldExpected('estimator.kind', 'one of classifier, regressor', 'tree'));
  refuses(t, { estimator: { kind: 'classifier', parms: {} } }, messages.searchFieldUnknown('estimator.parms', ['kind', 'params']));
  refuses(t, { estimator: { kind: 'classifier', params: { optimizer: 'adamw' } } },
    `estimator.params.optimizer: ${messages.notOneOf('NeuralNetClassifier', 'optimizer', 'adamw', ['sgd', 'adam', 'rmsprop', 'adagrad'])}`);
  refuses(t, { estimator: { kind: 'regressor', params: { lr: -1 } } }, `estimator.params.lr: ${messages.invalidValue('NeuralNetRegressor', 'lr', -1, 'a number > 0')}`);
  refuses(t, { estimator: { kind: 'classifier', params: { module: 'resnet' } } }, `estimator.params.module: ${messages.unknownModule('resnet', ['mlp', 'cnn'])}`);
});

test('grid and distributions: the path of a bad name or value', (t) => {
  refuses(t, { paramGrid: { lr: [0.1, 0] } }, `paramGrid.lr[1]: ${messages.invalidValue('NeuralNetClassifier', 'lr', 0, 'a number > 0')}`);
  refuses(t, { paramGrid: [{ lr: [0.1] }, { 'module.activation': ['relu', 'swish'] }] },
    `paramGrid[1].module.activation[1]: ${messages.notOneOf('NeuralNetClassifier', 'module.activation', 'swish', ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'leakyRelu', 'linear'])}`);
  const unknown = t.throws(() => defineSearch({ ...valid, paramGrid: { learningRate: [0.1] } } as never));
  t.true(unknown!.message.startsWith("paramGrid.learningRate: Invalid parameter 'learningRate' for NeuralNetClassifier. Valid parameters are: "));
  refuses(t, { paramGrid: { lr: 0.1 } }, messages.searchFieldExpected('paramGrid.lr', 'a list of values (wrap a single value: [x])', 0.1));
  refuses(t, { paramGrid: { lr: [] } }, messages.searchFieldExpected('paramGrid.lr', 'a non-empty list of values', []));
  const random = { search: 'random', paramGrid: undefined };
  refuses(t, { ...random, paramDistributions: { lr: uniform(-1, 1) } }, `paramDistributions.lr: ${messages.invalidValue('NeuralNetClassifier', 'lr', -1, 'a number > 0')}`);
  refuses(t, { ...random, paramDistributions: { lr: 0.1 } }, messages.searchFieldExpected('paramDistributions.lr', 'a distribution (uniform, loguniform, randint, choice) or a list of values', 0.1));
  t.notThrows(() => defineSearch({ ...valid, search: 'random', paramGrid: undefined, paramDistributions: { lr: loguniform(1e-3, 1) }, nIter: 2 } as never));
});

test('cv, scoring, refit, nJobs, seed, nIter and halving settings by their paths', (t) => {
  refuses(t, { cv: 1 }, `cv: ${messages.cvInvalid(1)}`);
  const wrongTask = t.throws(() => resolveScoring('r2', { task: 'classification' }))!.message;
  refuses(t, { scoring: 'r2' }, `scoring: ${wrongTask}`);
  refuses(t, { scoring: ['accuracy', 'f1_macro'], refit: 'auc' }, `scoring: ${messages.refitInvalid('auc', ['accuracy', 'f1_macro'])}`);
  refuses(t, { refit: 1 }, messages.searchFieldExpected('refit', 'true or false', 1));
  refuses(t, { nJobs: 0 }, `nJobs: ${messages.nJobsInvalid(0, 256)}`);
  refuses(t, { foldBatching: 'always' }, `foldBatching: ${messages.invalidValue('defineSearch', 'foldBatching', 'always', "true, false or 'auto'")}`);
  refuses(t, { seed: -1 }, messages.searchFieldExpected('seed', 'an integer in [0, 4294967295]', -1));
  refuses(t, { fitTimeout: 0 }, `fitTimeout: ${messages.invalidValue('defineSearch', 'fitTimeout', 0, 'a number in (0, 2147483]')}`);
  refuses(t, { scoring: 'accuracy', refit: 'f1_macro' }, `scoring: ${messages.refitInvalidOneMetric('f1_macro', 'score', 'accuracy')}`);
  t.notThrows(() => defineSearch({ ...valid, scoring: 'accuracy', refit: 'accuracy', fitTimeout: 30 } as never), "one metric named by its scorer, and a fitTimeout");
  const random = { search: 'random', paramGrid: undefined, paramDistributions: { lr: [0.1] } };
  refuses(t, { ...random, nIter: 0 }, messages.searchFieldExpected('nIter', 'an integer >= 1', 0));
  const halving = { search: 'halving-grid' };
  refuses(t, { ...halving, halving: { factor: 1 } }, `halving.factor: ${messages.invalidValue('HalvingGridSearchCV', 'factor', 1, 'a number > 1')}`);
  refuses(t, { ...halving, halving: { nCandidates: 4 } }, messages.searchFieldUnknown('halving.nCandidates', ['resource', 'factor', 'minResources', 'maxResources', 'aggressiveElimination']));
  refuses(t, { ...halving, paramGrid: { maxEpochs: [1, 2] } }, `paramGrid: ${messages.halvingResourceInSpace('HalvingGridSearchCV', 'maxEpochs')}`);
  refuses(t, { ...random, search: 'halving-random', halving: { nCandidates: 'exhaust', minResources: 'exhaust' } }, `halving: ${messages.halvingBothExhaust('HalvingRandomSearchCV')}`);
});

test('createSearch builds the search the definition names, with the overrides on top', (t) => {
  const grid = createSearch(valid, createEstimator(valid));
  t.true(grid instanceof GridSearchCV);
  const random = { ...valid, search: 'random', paramGrid: undefined, paramDistributions: { lr: loguniform(1e-3, 1) }, nIter: 3 } as unknown as SearchDefinition;
  const sampled = createSearch(random, createEstimator(random), { seed: 5 }) as RandomizedSearchCV;
  t.true(sampled instanceof RandomizedSearchCV);
  t.is(sampled.nIter, 3);
  t.is(sampled.seed, 5);
  // --epochs sets maxEpochs and wins over a grid entry for it.
  const epochs = { ...valid, paramGrid: { maxEpochs: [5, 10], lr: [0.1] } } as SearchDefinition;
  const estimator = createEstimator(epochs, { epochs: 2, seed: 9 });
  t.is(estimator.getParams().maxEpochs, 2);
  t.is(estimator.getParams().seed, 9);
  t.deepEqual((createSearch(epochs, estimator, { epochs: 2 }) as GridSearchCV).paramGrid.toArray(), [{ lr: 0.1 }]);
  // Halving on epochs: --epochs is the largest round.
  const halving = { ...valid, search: 'halving-grid', halving: { minResources: 4 } } as SearchDefinition;
  const capped = createSearch(halving, createEstimator(halving, { epochs: 3 }), { epochs: 3 }) as HalvingGridSearchCV;
  t.is(capped.maxResources, 3);
  t.is(capped.minResources, 3);
  const halvingRandom = { ...random, search: 'halving-random', nIter: undefined, halving: { nCandidates: 2 } } as unknown as SearchDefinition;
  t.true(createSearch(halvingRandom, createEstimator(halvingRandom)) instanceof HalvingRandomSearchCV);
  t.is(createSearch(valid, createEstimator(valid), { nJobs: 1 }).estimator.getParams().lr, 0.1);
});

test('loadSearchData: --limit keeps a seeded subset in order; a loader function is called', async (t) => {
  const full = await loadSearchData(valid);
  t.is(full.shape[0], 60);
  const a = await loadSearchData(valid, { limit: 10 });
  const b = await loadSearchData(valid, { limit: 10 });
  t.deepEqual(a.shape, [10, 2]);
  t.deepEqual(a.X, b.X);
  t.deepEqual(a.y, b.y);
  const other = await loadSearchData(valid, { limit: 10, seed: 1 });
  t.notDeepEqual(other.X, a.X);
  const loader = { ...valid, data: async () => ({ ...full, name: 'mine' }) } as SearchDefinition;
  t.is((await loadSearchData(loader)).name, 'mine');
  t.is((await loadSearchData(loader, { limit: 1000 })).shape[0], 60);
});
