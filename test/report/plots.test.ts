import test from 'ava';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { buildModel } from '../../src/report/model.js';
import { costData, costSpec } from '../../src/report/plots/cost.js';
import { CURVES_FIRST, curvesData, curvesSpec, DASHES } from '../../src/report/plots/curves.js';
import { foldsData, foldsSpec } from '../../src/report/plots/folds.js';
import { ttestData } from '../../src/report/plots/ttest.js';
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

test('folds data: every split, best candidate first, failed folds as null, and the zoom on the best', (t) => {
  const data = foldsData(buildModel(tinyRun()));
  const means = tinyRun().cvResults.mean_test_accuracy as number[];
  t.deepEqual(data.points.map((p) => [p.id, p.fold, p.score, p.mean, p.zoom]), [
    [0, 'fold 0', 0.8, means[0], true], [0, 'fold 1', 0.9, means[0], true], [0, 'fold 2', 0.85, means[0], true],
    [2, 'fold 0', 0.82, means[2], true], [2, 'fold 1', 0.86, means[2], true], [2, 'fold 2', 0.84, means[2], true],
    [1, 'fold 0', 0.7, null, false], [1, 'fold 1', null, null, false], [1, 'fold 2', 0.75, null, false],
  ]);
  // Median std of the two finished candidates, 4 of them below the best's mean.
  const stds = (tinyRun().cvResults.std_test_accuracy as number[]).filter(Number.isFinite);
  t.true(close(data.threshold, means[0] - 4 * ((stds[0] + stds[1]) / 2)));
  t.deepEqual([data.zoomed, data.total], [2, 3]);
});

test('folds zoom: the seed grid shows its four best, then all on request', async (t) => {
  const model = buildModel(fixtureRun());
  const data = foldsData(model);
  const top = [...model.candidates].sort((a, b) => a.rank - b.rank).slice(0, data.zoomed).map((c) => c.id);
  t.deepEqual(data.zoomed, 4);
  t.deepEqual([...new Set(data.points.filter((p) => p.zoom).map((p) => p.id))], top);
  const view = new vega.View(vega.parse(compile(foldsSpec(data, model)).spec), { renderer: 'none' });
  await view.runAsync();
  const shown = () => new Set((view.data('data_0') as Array<{ id: number }>).map((d) => d.id)).size;
  t.is(shown(), 4);
  view.signal('zoom', false);
  await view.runAsync();
  t.is(shown(), 8);
});

test('curves data: mean over folds with the min–max band, log scales for losses, colours and dashes', (t) => {
  const data = curvesData(buildModel(tinyRun()));
  const c0 = data.points.filter((p) => p.id === 0 && p.metric === 'train_loss');
  t.deepEqual(c0.map((p) => [p.epoch, p.low, p.high, p.n]), [[1, 1.0, 1.2, 3], [2, 0.5, 0.7, 3]]);
  t.true(close(c0[0].mean, 1.1));
  t.true(close(c0[1].mean, 0.6));
  // Fold 1 of c1 diverged at epoch 1 (NaN): epoch 1 averages the two other folds.
  const c1 = data.points.filter((p) => p.id === 1 && p.metric === 'train_loss');
  t.deepEqual(c1.map((p) => [p.epoch, p.low, p.high, p.n]), [[1, 1.5, 1.6, 2], [2, 1.0, 1.1, 2]]);
  t.deepEqual(data.metrics, ['train_loss', 'valid_loss', 'valid_acc']);
  t.deepEqual(data.scales, { train_loss: 'log', valid_loss: 'log', valid_acc: 'linear' });
  t.deepEqual(data.candidates.map((c) => [c.id, c.rank]), [[0, 1], [2, 2], [1, 3]]);
  t.deepEqual(data.picked, [0, 2, 1]);
  t.deepEqual(data.styleOptions.map((o) => [o.name, o.values.map((v) => v.text)]), [['lr', ['0.001', '0.01', '0.1']], ['units', ['32-16', '64-32']]]);
  t.deepEqual(data.candidates.map((c) => c.dashes.units), [DASHES[1], DASHES[1], DASHES[0]]);
});

test('curves: the best five are picked first; the picked ones and the line style follow the page', async (t) => {
  const model = buildModel(fixtureRun());
  const data = curvesData(model);
  t.is(data.picked.length, CURVES_FIRST);
  t.is(data.candidates.length, 8);
  const view = new vega.View(vega.parse(compile(curvesSpec(data)).spec), { renderer: 'none' });
  await view.runAsync();
  const lines = async () => ((await view.toSVG()).match(/<path[^>]*stroke-width="1.8"[^>]*>/g) ?? []);
  t.is((await lines()).length, CURVES_FIRST * 3);
  view.signal('picked', [data.candidates[7].id]);
  await view.runAsync();
  t.is((await lines()).length, 3);
  view.signal('picked', data.candidates.map((c) => c.id)).signal('styleBy', 'module.init');
  await view.runAsync();
  const dashed = (await lines()).filter((path) => path.includes('stroke-dasharray="6,3"'));
  t.is(dashed.length, 4 * 3, 'the four normal-init candidates, on three charts');
});

test('cost data: the Pareto front and the best', (t) => {
  const points = costData(buildModel(tinyRun()));
  t.deepEqual(points.map((p) => [p.id, p.fitTime, p.pareto, p.best]), [[0, 2, true, true], [2, 4, false, false]]);
  t.true(close(points[0].high - points[0].low, 2 * points[0].std));
});

test('t-test data: k, degrees of freedom, the |t| needed, and only the verdicts that occur', (t) => {
  const data = ttestData(buildModel(tinyRun()));
  t.deepEqual([data.k, data.dof], [3, 2]);
  t.true(close(data.tCritical, 4.302652729749525, 1e-9));
  t.deepEqual(data.rows.map((r) => [r.id, r.verdict]), [[0, 'best'], [2, 'indistinguishable'], [1, 'worse']]);
  t.deepEqual(data.verdicts, ['best', 'indistinguishable', 'worse']);
  const halfWidths = data.rows.filter((r) => r.verdict !== 'best').map((r) => (r.high - r.low) / 2).sort((a, b) => a - b);
  t.true(close(data.detectable, (halfWidths[0] + halfWidths[1]) / 2));
});

function compiles(t: import('ava').ExecutionContext, name: string, spec: TopLevelSpec): vega.Spec {
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(`error ${m.join(' ')}`), warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
  const { spec: compiled } = compile(spec, { logger: logger as never });
  t.deepEqual(warnings, [], name);
  return compiled;
}

test('every spec compiles without warnings and renders', async (t) => {
  for (const model of [buildModel(tinyRun()), buildModel(fixtureRun()), buildModel([tinyRun('a'), tinyRun('b')])]) {
    for (const [name, spec] of Object.entries(reportSpecs(model))) {
      const compiled = name === 'parallel' ? (spec as vega.Spec) : compiles(t, name, spec as TopLevelSpec);
      const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
      const svg = await view.toSVG();
      t.true(svg.startsWith('<svg'), name);
    }
  }
});

test('reportSpecs leaves out the curves when no history was kept', (t) => {
  const run = tinyRun();
  run.fits.forEach((fit) => (fit.history = []));
  t.deepEqual(Object.keys(reportSpecs(buildModel(run))), ['parallel', 'effects', 'folds', 'cost', 'ttest']);
  t.deepEqual(Object.keys(reportSpecs(buildModel(tinyRun()))), ['parallel', 'effects', 'folds', 'curves', 'cost', 'ttest']);
});

test('legends list only what occurs: the cost chart\'s Pareto shapes', (t) => {
  const model = buildModel(tinyRun());
  const shape = (spec: unknown) => JSON.stringify(spec).match(/"shape":\{"field":"pareto"[^}]*"scale":\{"domain":(\[[^\]]*\])/)![1];
  t.is(shape(costSpec(costData(model), model)), '[true,false]');
  const front = costData(model).filter((p) => p.pareto);
  t.is(shape(costSpec(front, model)), '[true]');
});
