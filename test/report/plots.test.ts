import test from 'ava';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { buildModel } from '../../src/report/model.js';
import { costData, costSpec } from '../../src/report/plots/cost.js';
import { curvesData, curvesSpec } from '../../src/report/plots/curves.js';
import { foldsData, foldsSpec } from '../../src/report/plots/folds.js';
import { ttestData, ttestSpec } from '../../src/report/plots/ttest.js';
import { reportSpecs } from '../../src/report/specs.js';
import { fixtureRun } from './fixture.js';
import { tinyRun } from './tiny.js';

const close = (actual: number, expected: number, tolerance = 1e-12) => Math.abs(actual - expected) <= tolerance;

test('the model ranks, labels and sizes the candidates', (t) => {
  const model = buildModel(tinyRun());
  t.is(model.metric, 'accuracy');
  t.deepEqual(model.varying, ['lr', 'units']);
  t.is(model.bestId, 0);
  t.deepEqual(model.candidates.map((c) => [c.rank, c.label, c.failedFolds, c.nTrain, c.nTest]), [
    [1, '0.001 · 64-32', 0, 20, 10], [3, '0.1 · 32-16', 1, 20, 10], [2, '0.01 · 64-32', 0, 20, 10],
  ]);
  t.deepEqual(model.candidates[1].splits.map(String), ['0.7', 'NaN', '0.75']);
});

test('folds data: every split, best candidate first, failed folds as null', (t) => {
  const points = foldsData(buildModel(tinyRun()));
  const cv = tinyRun().cvResults;
  const means = cv.mean_test_accuracy as number[];
  t.deepEqual(points.map((p) => [p.id, p.fold, p.score, p.mean]), [
    [0, 'fold 0', 0.8, means[0]], [0, 'fold 1', 0.9, means[0]], [0, 'fold 2', 0.85, means[0]],
    [2, 'fold 0', 0.82, means[2]], [2, 'fold 1', 0.86, means[2]], [2, 'fold 2', 0.84, means[2]],
    [1, 'fold 0', 0.7, null], [1, 'fold 1', null, null], [1, 'fold 2', 0.75, null],
  ]);
});

test('curves data: mean over folds with the min–max band, non-finite values left out', (t) => {
  const points = curvesData(buildModel(tinyRun()));
  const c0 = points.filter((p) => p.id === 0 && p.metric === 'train_loss');
  t.deepEqual(c0.map((p) => [p.epoch, p.low, p.high, p.n]), [[1, 1.0, 1.2, 3], [2, 0.5, 0.7, 3]]);
  t.true(close(c0[0].mean, 1.1));
  t.true(close(c0[1].mean, 0.6));
  const c1 = points.filter((p) => p.id === 1 && p.metric === 'train_loss');
  // Fold 1 of c1 diverged at epoch 1 (NaN): epoch 1 averages the two other folds.
  t.deepEqual(c1.map((p) => [p.epoch, p.low, p.high, p.n]), [[1, 1.5, 1.6, 2], [2, 1.0, 1.1, 2]]);
  t.deepEqual([...new Set(points.map((p) => p.metric))], ['train_loss', 'valid_loss', 'valid_acc']);
  t.true(points.every((p) => p.top));
});

test('cost data: the Pareto front and the best', (t) => {
  const points = costData(buildModel(tinyRun()));
  t.deepEqual(points.map((p) => [p.id, p.fitTime, p.pareto, p.best]), [[0, 2, true, true], [2, 4, false, false]]);
  t.true(close(points[0].high - points[0].low, 2 * points[0].std));
});

const vegaLiteSpecs = (model = buildModel(tinyRun())): Record<string, TopLevelSpec> => ({
  folds: foldsSpec(foldsData(model), model.metric),
  curves: curvesSpec(curvesData(model), model),
  cost: costSpec(costData(model), model),
  ttest: ttestSpec(ttestData(model), model.metric),
});

test('every vega-lite spec compiles without warnings and renders', async (t) => {
  for (const model of [buildModel(tinyRun()), buildModel(fixtureRun()), buildModel([tinyRun('a'), tinyRun('b')])]) {
    for (const [name, spec] of Object.entries(vegaLiteSpecs(model))) {
      const warnings: string[] = [];
      const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(`error ${m.join(' ')}`), warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
      const { spec: compiled } = compile(spec, { logger: logger as never });
      t.deepEqual(warnings, [], name);
      const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
      const svg = await view.toSVG();
      t.true(svg.startsWith('<svg'), name);
    }
  }
});

test('the curves selector picks one candidate', async (t) => {
  const model = buildModel(tinyRun());
  const view = new vega.View(vega.parse(compile(curvesSpec(curvesData(model), model)).spec), { renderer: 'none' });
  await view.runAsync();
  const lines = (svg: string) => (svg.match(/<path[^>]*stroke-width="1.6"/g) ?? []).length;
  t.is(lines(await view.toSVG()), 9); // 3 candidates × 3 metrics
  view.signal('pick', 2);
  await view.runAsync();
  t.is(lines(await view.toSVG()), 3);
});

test('reportSpecs leaves out the curves when no history was kept', (t) => {
  const run = tinyRun();
  run.fits.forEach((fit) => (fit.history = []));
  t.deepEqual(Object.keys(reportSpecs(buildModel(run))), ['parallel', 'folds', 'cost', 'ttest']);
  t.deepEqual(Object.keys(reportSpecs(buildModel(tinyRun()))), ['parallel', 'folds', 'curves', 'cost', 'ttest']);
});
