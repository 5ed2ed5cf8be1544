import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../src/backend/index.js';
import {
  GridSearchCV, HalvingGridSearchCV, NeuralNetClassifier, RandomizedSearchCV, choice, loguniform, readResults, writeResults,
} from '../../src/index.js';
import { FitFailedError, InvalidParameterError, collectWarnings, messages } from '../../src/core/index.js';
import { validNames, rulesFor, CNN_RULES, MLP_RULES } from '../../src/estimators/params.js';
import { comparableResults, withoutTimesAndThread } from '../parallel/helpers.js';
import { tinyImages } from '../estimators/helpers.js';

// Read when the backend is first initialised, in this process and, inherited, in the workers.
process.env.GRIDFOLD_BACKEND = 'wasm';
test.before(async () => {
  await initBackend();
});

const small = [{ filters: 2, kernel: 3, pool: 2 }];
const deeper = [{ filters: 2, kernel: 3, padding: 'same', pool: 2, poolPadding: 1 }, { filters: 3, kernel: 3 }];
const grid = [
  { module: ['mlp'], 'module.hiddenUnits': [[6], [4, 4]] },
  { module: ['cnn'], 'module.convs': [small, deeper] },
];
const net = (params: Record<string, unknown> = {}) =>
  new NeuralNetClassifier({ optimizer: 'adam', lr: 0.02, batchSize: 8, maxEpochs: 1, seed: 0, ...params });

async function mixedSearch(nJobs: number, foldBatching: boolean | 'auto' = 'auto') {
  const { X, y } = tinyImages(36, 8);
  const search = new GridSearchCV(net(), grid, { cv: 3, nJobs, refit: false, foldBatching });
  await search.fit(X, y);
  return search;
}

/** The default search, run once for the tests that only read it. */
let plain: Promise<GridSearchCV> | undefined;
const plainSearch = () => (plain ??= mixedSearch(1));

test('a list of grids compares mlps and cnns in one search; a param_ column is masked where it does not apply', async (t) => {
  const search = await plainSearch();
  const results = search.cvResults!;
  t.deepEqual(results.param_module, ['mlp', 'mlp', 'cnn', 'cnn']);
  t.deepEqual(results['param_module.hiddenUnits'], [[6], [4, 4], undefined, undefined]);
  t.deepEqual(results['param_module.convs'], [undefined, undefined, small, deeper]);
  t.deepEqual(results.params[2], { module: 'cnn', 'module.convs': small });
  t.true(search.fits.every((fit) => fit.error === undefined));
  // 8×8 images: the mlp flattens 64 pixels; the cnns keep them as images.
  t.deepEqual(results.n_parameters, [
    64 * 6 + 6 + 6 * 4 + 4,
    64 * 4 + 4 + 4 * 4 + 4 + 4 * 4 + 4,
    9 * 2 + 2 + 3 * 3 * 2 * 4 + 4,
    // same conv → 8×8, pool 2 padding 1 → 5×5 (PyTorch's floor), valid 3×3 conv → 3×3×3 = 27 features.
    9 * 2 + 2 + 9 * 2 * 3 + 3 + 27 * 4 + 4,
  ]);
  t.true((results.mean_test_score as number[]).every((score) => score >= 0 && score <= 1));
});

test('the mixed grid gives the same bits at nJobs 1 and 2, with fold-batching stacking each candidate\'s folds, mlp and cnn', async (t) => {
  const one = await mixedSearch(1, true);
  const two = await mixedSearch(2, true);
  t.deepEqual(comparableResults(two.cvResults!), comparableResults(one.cvResults!));
  t.deepEqual(two.fits.map(withoutTimesAndThread), one.fits.map(withoutTimesAndThread));
  // A stacked candidate's folds share one fit time.
  const times = (c: number) => new Set(one.fits.filter((f) => f.candidateIndex === c).map((f) => f.fitTime)).size;
  t.deepEqual([0, 1, 2, 3].map(times), [1, 1, 1, 1]);
  t.true(one.fits.every((f) => f.notBatched === undefined));
  // Apart, every fold's scores agree with its stacked training within float tolerance.
  const apart = await mixedSearch(1, false);
  t.deepEqual([0, 1, 2, 3].map((c) => new Set(apart.fits.filter((f) => f.candidateIndex === c).map((f) => f.fitTime)).size), [3, 3, 3, 3]);
  apart.fits.forEach((fit, i) => {
    const stacked = one.fits[i].history[0].train_loss;
    t.true(Math.abs(fit.history[0].train_loss - stacked) <= 1e-5, `fit ${i}: apart ${fit.history[0].train_loss}, stacked ${stacked}`);
  });
});

test('results.json and results.csv keep the mask: absent, not a value', async (t) => {
  const search = await plainSearch();
  const dir = await mkdtemp(join(tmpdir(), 'gridfold-mixed-'));
  try {
    await writeResults(dir, search.runResult());
    const back = await readResults(dir);
    t.deepEqual(back.cvResults['param_module.convs'], [undefined, undefined, small, deeper]);
    t.deepEqual(back.cvResults.n_parameters, search.cvResults!.n_parameters);
    const [header, firstRow] = (await readFile(join(dir, 'results.csv'), 'utf8')).split('\n');
    const column = header.split(',').indexOf('param_module.convs');
    t.true(column > 0);
    t.is(firstRow.split(',')[column], '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('flat rows (tabular data): each cnn fit fails with the shape it got and the one it needs, the mlps score; a cnn alone stops the search', async (t) => {
  const n = 24;
  const X = { data: Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i)), shape: [n, 4] };
  const y = Int32Array.from({ length: n }, (_, i) => i % 2);
  const mixed = new GridSearchCV(net(), [{ module: ['mlp'], 'module.hiddenUnits': [[3]] }, { module: ['cnn'], 'module.convs': [small] }], { cv: 2, nJobs: 1, refit: false });
  const { warnings } = await collectWarnings(() => mixed.fit(X, y));
  const cnnFits = mixed.fits.filter((fit) => fit.candidateIndex === 1);
  t.deepEqual(cnnFits.map((fit) => [fit.error?.name, fit.error?.message]), new Array(2).fill(['DataError', messages.cnnNeedsImages([4])]));
  t.true(mixed.fits.filter((fit) => fit.candidateIndex === 0).every((fit) => fit.error === undefined));
  t.is(warnings.length, 1);
  t.true(warnings[0].message.includes(messages.fitsFailedWith(2, `DataError: ${messages.cnnNeedsImages([4])}`)));
  const cnnOnly = new GridSearchCV(net({ module: 'cnn', 'module.convs': small }), { lr: [0.01] }, { cv: 2, nJobs: 1, refit: false });
  await t.throwsAsync(cnnOnly.fit(X, y), {
    instanceOf: FitFailedError,
    message: messages.allFitsFailed(2, messages.fitsFailedWith(2, `DataError: ${messages.cnnNeedsImages([4])}`)),
  });
});

test("a sub-grid's module decides which module.* names it may use", (t) => {
  // A cnn's parameter in a sub-grid without module 'cnn' (the estimator is an mlp) is refused …
  t.throws(() => new GridSearchCV(net(), [{ 'module.convs': [small] }]), {
    instanceOf: InvalidParameterError,
    message: messages.unknownParameter('NeuralNetClassifier', 'module.convs', validNames(rulesFor('classification'), MLP_RULES)),
  });
  // … as is an mlp's in a sub-grid that is all cnns, or partly.
  t.throws(() => new GridSearchCV(net(), [{ module: ['mlp', 'cnn'], 'module.hiddenUnits': [[4]] }]), {
    message: messages.unknownParameter('NeuralNetClassifier', 'module.hiddenUnits', validNames(rulesFor('classification'), CNN_RULES)),
  });
  // A bad block is named wherever it is.
  t.throws(() => new GridSearchCV(net(), [{ module: ['cnn'], 'module.convs': [[{ filters: 2 }]] }]), {
    message: 'NeuralNetClassifier: module.convs[0].kernel must be a positive integer; got undefined.',
  });
});

test("the estimator's own module parameters carry over where the other module accepts them", (t) => {
  const base = net({ module: 'cnn', 'module.activation': 'none', 'module.init': 'heNormal', 'module.convs': small });
  const search = new GridSearchCV(base, [{ module: ['mlp'], 'module.hiddenUnits': [[4]] }, { 'module.dense': [[], [4]] }]);
  const candidates = search.paramGrid.toArray().map((candidate) => base.clone().setParams(candidate).getParams());
  // The mlp keeps the shared init; 'none' is the cnn's alone, so the mlp gets its default.
  t.is(candidates[0]['module.init'], 'heNormal');
  t.is(candidates[0]['module.activation'], 'relu');
  t.false('module.convs' in candidates[0]);
  t.deepEqual([candidates[1]['module.activation'], candidates[2]['module.dense']], ['none', [4]]);
});

test('RandomizedSearchCV and the halving search take a list of distributions over modules', async (t) => {
  const { X, y } = tinyImages(24, 8);
  const space = [
    { module: ['mlp'], 'module.hiddenUnits': choice([[4], [8]]), lr: loguniform(1e-3, 1e-1) },
    { module: ['cnn'], 'module.convs': [small], lr: loguniform(1e-3, 1e-1) },
  ];
  const random = new RandomizedSearchCV(net(), space, { nIter: 6, cv: 2, refit: false, seed: 1 });
  await random.fit(X, y);
  const modules = random.cvResults!.param_module as string[];
  t.deepEqual([...new Set(modules)].sort(), ['cnn', 'mlp']);
  modules.forEach((module, i) => {
    t.is(random.cvResults!['param_module.convs'][i] === undefined, module === 'mlp');
    t.is(random.cvResults!['param_module.hiddenUnits'][i] === undefined, module === 'cnn');
  });
  t.throws(() => new RandomizedSearchCV(net(), [{ module: choice(['cnn']), 'module.hiddenUnits': [[4]] }]), {
    message: /^Invalid parameter 'module.hiddenUnits' for NeuralNetClassifier/,
  });
  const halving = new HalvingGridSearchCV(net({ maxEpochs: 2 }), grid, { cv: 2, factor: 2, minResources: 1, refit: false });
  await halving.fit(X, y);
  t.deepEqual((halving.cvResults!.param_module as string[]).slice(0, 4), ['mlp', 'mlp', 'cnn', 'cnn']);
  t.true(halving.fits.every((fit) => fit.error === undefined));
});
