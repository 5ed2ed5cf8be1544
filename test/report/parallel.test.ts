import test from 'ava';
import * as vega from 'vega';
import { buildModel } from '../../src/report/model.js';
import {
  axisLayout, CATEGORY_SPREAD, categoryOrder, chooseNumericKind, linearTicks, logTicks, MISSING_GAP, MISSING_TEXT, tickText, type AxisColumn,
} from '../../src/report/plots/axes.js';
import { parallelData } from '../../src/report/plots/parallel-data.js';
import { PARALLEL_HEIGHT, parallelSpec } from '../../src/report/plots/parallel-spec.js';
import { fixtureRun } from './fixture.js';
import { tinyRun } from './tiny.js';

const column = (values: unknown[], extra: Partial<AxisColumn> = {}): AxisColumn => ({ title: 'x', role: 'param', values, scores: values.map(() => 0.5), ...extra });

test('axes of the tiny run: parameters, then mean, std and fit time, each with its scale and why', (t) => {
  const data = parallelData(buildModel(tinyRun()));
  t.deepEqual(data.axes.map((a) => [a.key, a.title, a.kind, a.kinds, a.why]), [
    ['a0', 'lr', 'log', ['log', 'linear', 'quantile', 'categorical'], 'its values span 100×'],
    ['a1', 'units', 'categorical', ['categorical'], 'its values are not all numbers'],
    ['a2', 'mean accuracy', 'linear', ['linear', 'log'], 'a score is read on a linear scale'],
    ['a3', 'std accuracy', 'linear', ['linear', 'log'], 'a score is read on a linear scale'],
    ['a4', 'fit time (s)', 'linear', ['linear', 'log', 'quantile', 'categorical'], 'its values span less than 10×'],
  ]);
  // Widths by size, not as they came (64-32 first in the grid).
  t.deepEqual(data.axes[1].categories, ['32-16', '64-32']);
  // c1 failed a fold: its score sits in the 'failed' slot at the bottom, the others above MISSING_GAP.
  t.is(data.axes[2].missing, 'failed');
  t.deepEqual(data.rows.map((r) => r.positions.a2), [{ linear: 1, log: 1 }, { linear: 0, log: 0 }, { linear: MISSING_GAP, log: MISSING_GAP }]);
  t.deepEqual(data.rows.map((r) => r.positions.a0.log), [0, 1, 0.5]);
  // Two candidates share 64-32: they fan out around the band's centre (0.75), the better (c0) higher.
  const spread = CATEGORY_SPREAD / 2 / 2;
  t.deepEqual(data.rows.map((r) => r.positions.a1.categorical), [0.75 + spread / 2, 0.25, 0.75 - spread / 2]);
  t.deepEqual(data.axes[0].scales.log!.ticks, [{ position: 0, text: '0.001' }, { position: 0.5, text: '0.01' }, { position: 1, text: '0.1' }]);
  t.deepEqual(data.rows.map((r) => r.values.a1), ['64-32', '32-16', '64-32']);
  t.deepEqual(Object.keys(data.rows[1].tooltip), ['candidate', 'rank', 'accuracy (mean ± std)', 'folds', 'fit time', 'lr', 'units', 'failed']);
  t.is(data.rows[1].tooltip.folds, '0.7000  NaN  0.7500');
  t.is(data.rows[1].tooltip['fit time'], '0.50s per fold');
});

test('scale choice: a log distribution or a ≥ 10× span gives a log axis; scores and non-positive values stay linear', (t) => {
  t.deepEqual(chooseNumericKind({ role: 'param', distribution: 'loguniform(0.001, 0.003)' }, 0.001, 0.003), { kind: 'log', why: 'drawn from loguniform(0.001, 0.003)' });
  t.deepEqual(chooseNumericKind({ role: 'param' }, 0.001, 0.01), { kind: 'log', why: 'its values span 10×' });
  t.deepEqual(chooseNumericKind({ role: 'param' }, 16, 256), { kind: 'log', why: 'its values span 16×' });
  t.deepEqual(chooseNumericKind({ role: 'param' }, 0.001, 0.0099), { kind: 'linear', why: 'its values span less than 10×' });
  t.deepEqual(chooseNumericKind({ role: 'param', distribution: 'uniform(0, 1)' }, 0, 1), { kind: 'linear', why: 'its values are not all positive' });
  t.deepEqual(chooseNumericKind({ role: 'score' }, 0.01, 0.9), { kind: 'linear', why: 'a score is read on a linear scale' });
  // A log-uniform learning rate from the search's recorded space, though it spans only 3×.
  const run = tinyRun();
  run.cvResults.params = run.cvResults.params.map((p, i) => ({ ...p, lr: [0.001, 0.003, 0.002][i] }));
  run.meta.distributions = { lr: 'loguniform(0.001, 0.01)' };
  const lr = parallelData(buildModel(run)).axes[0];
  t.deepEqual([lr.kind, lr.why], ['log', 'drawn from loguniform(0.001, 0.01)']);
  t.is(axisLayout(column([3, 3])).kind, 'categorical');
  t.deepEqual(axisLayout(column([-1, 1000])).kinds, ['linear', 'categorical']);
  t.deepEqual(axisLayout(column([-1, 0, 1000])).kinds, ['linear', 'quantile', 'categorical']);
});

test('categories in natural order: the missing slot, numbers by value, widths by size, booleans, then strings as they came', (t) => {
  t.deepEqual(categoryOrder([16, 8, 4, 256, 32]), ['4', '8', '16', '32', '256']);
  t.deepEqual(categoryOrder([[16, 8], [4], [16], [8, 4], [16, 8]]), ['4', '8-4', '16', '16-8']);
  t.deepEqual(categoryOrder([[512], [32, 32, 32], [512, 512], [32, 64, 128, 64]]), ['32-32-32', '32-64-128-64', '512', '512-512']);
  t.deepEqual(categoryOrder([[64, 32], [32, 64]]), ['32-64', '64-32']);
  t.deepEqual(categoryOrder([true, false]), ['false', 'true']);
  t.deepEqual(categoryOrder(['relu', 'tanh', 'relu', 'sigmoid']), ['relu', 'tanh', 'sigmoid']);
  t.deepEqual(categoryOrder(['auto', 3, undefined, [4, 2], 1], MISSING_TEXT), [MISSING_TEXT, '1', '3', '4-2', 'auto']);
  t.deepEqual(categoryOrder([0.0031622776601683794, 0.1]), ['0.003162', '0.1']);
});

test('a parameter that applies to some candidates only (a list of grids): — below the axis', (t) => {
  const cnnOnly = axisLayout(column([3, undefined, 5, undefined], { title: 'module.kernelSize' }));
  t.is(cnnOnly.missing, MISSING_TEXT);
  t.deepEqual(cnnOnly.scales.linear!.positions, [MISSING_GAP, 0, 1, 0]);
  t.deepEqual(cnnOnly.scales.linear!.ticks[0], { position: 0, text: MISSING_TEXT });
  t.deepEqual(cnnOnly.scales.categorical!.ticks.map((tick) => tick.text), [MISSING_TEXT, '3', '5']);
  const module = axisLayout(column(['mlp', 'cnn', 'mlp']));
  t.deepEqual(module.categories, ['mlp', 'cnn']);
});

test('a quantile scale spreads close scores evenly (TensorBoard\'s quantile): the best few no longer meet in one point', (t) => {
  const scores = [0.9102, 0.9062, 0.9038, 0.8977, 0.8357, 0.7648, 0.41, 0.3873];
  const axis = axisLayout(column(scores, { role: 'score' }));
  t.deepEqual(axis.kinds, ['linear', 'log', 'quantile']);
  t.deepEqual(axis.scales.quantile!.positions, [7, 6, 5, 4, 3, 2, 1, 0].map((rank) => rank / 7));
  t.deepEqual(axis.scales.quantile!.ticks.map((tick) => tick.text), ['0.3873', '0.41', '0.7648', '0.8357', '0.8977', '0.9038', '0.9062', '0.9102']);
  // On the linear scale the four best sit within 3 % of the axis.
  const linear = axis.scales.linear!.positions;
  t.true(linear[0] - linear[3] < 0.03);
  const many = axisLayout(column(Array.from({ length: 21 }, (_, i) => i * i), { role: 'score' }));
  t.deepEqual(many.scales.quantile!.ticks.map((tick) => tick.text), ['0', '25', '100', '225', '400']);
});

test('ticks: round linear steps, powers of ten (or 1-2-5) on log axes, short labels', (t) => {
  t.deepEqual(linearTicks(0.27, 0.77), [0.3, 0.4, 0.5, 0.6, 0.7]);
  t.deepEqual(linearTicks(0, 10), [0, 2, 4, 6, 8, 10]);
  t.deepEqual(logTicks(0.001, 0.1), [0.001, 0.01, 0.1]);
  t.deepEqual(logTicks(3, 40), [5, 10, 20]);
  t.deepEqual(logTicks(0.016, 0.041), [0.016, 0.02, 0.041]);
  t.deepEqual([1e-4, 0.00025, 0.5, 12345, 101770, 2.5e6].map(tickText), ['1e−4', '2.5e−4', '0.5', '12.3k', '102k', '2.5M']);
  // A grid's few values tick at each value; a score axis gets round ticks.
  t.deepEqual(axisLayout(column([16, 32, 64, 128, 256])).scales.log!.ticks.map((tick) => tick.text), ['16', '32', '64', '128', '256']);
  t.deepEqual(axisLayout(column([0.31, 0.52, 0.77], { role: 'score' })).scales.linear!.ticks.map((tick) => tick.text), ['0.4', '0.5', '0.6', '0.7']);
  // Grid values too close to be read apart keep the lower one (and always the top); drawn values get round ticks.
  t.deepEqual(axisLayout(column([1, 1.05, 2, 90, 100])).scales.log!.ticks.map((tick) => tick.text), ['1', '2', '100']);
  const drawn = [0.001018, 0.002422, 0.00297, 0.003436, 0.003793, 0.01233, 0.03775, 0.09672];
  t.deepEqual(axisLayout(column(drawn, { distribution: 'loguniform(0.001, 0.1)' })).scales.log!.ticks.map((tick) => tick.text), ['0.002', '0.005', '0.01', '0.02', '0.05']);
});

test('colourings: the score over the better half, every axis, and the rank', (t) => {
  const data = parallelData(buildModel(fixtureRun()));
  const score = data.colourings.find((c) => c.key === data.colourBy)!;
  const means = buildModel(fixtureRun()).candidates.map((c) => c.mean).filter(Number.isFinite).sort((a, b) => a - b);
  t.is(score.title, 'mean accuracy');
  t.is(means.length, 7); // one candidate failed a fold
  t.deepEqual(score.domain, [means[3], means[6]]);
  t.is(data.colourings.find((c) => c.key === 'a1')!.type, 'categorical');
  t.deepEqual(data.colourings.find((c) => c.key === 'a1')!.domain, ['default', 'normal']);
  t.deepEqual(data.colourings.at(-1), { key: 'rank', title: 'rank', type: 'sequential', domain: [8, 1], scale: 'linear', note: 'rank 1 (best) to 8, evenly spread' });
});

async function runView(spec: vega.Spec): Promise<vega.View> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  await view.runAsync();
  return view;
}

test('the view draws every line through its positions, on whichever scale each axis shows', async (t) => {
  const run = fixtureRun({ grid: { 'module.hiddenUnits': [[32, 16], [64, 32], [128, 64], [256, 128]], lr: [0.001, 0.01, 0.1] } });
  const data = parallelData(buildModel(run));
  const view = await runView(parallelSpec(data));
  const y = (id: number, key: string) => (view.data('points') as Array<{ id: number; axis: string; y: number }>).find((p) => p.id === id && p.axis === key)!.y;
  for (const row of data.rows) for (const axis of data.axes) t.is(y(row.id, axis.key), row.positions[axis.key][axis.kind], `${axis.title} of ${row.label}`);
  t.deepEqual((view.data('ticks') as Array<{ key: string; text: string }>).filter((tick) => tick.key === 'a0').map((tick) => tick.text), ['0.001', '0.01', '0.1']);
  view.signal('axisScale', { ...view.signal('axisScale'), a0: 'linear' });
  await view.runAsync();
  for (const row of data.rows) t.is(y(row.id, 'a0'), row.positions.a0.linear);
  t.deepEqual((view.data('ticks') as Array<{ key: string; text: string }>).filter((tick) => tick.key === 'a0').map((tick) => tick.text), ['0.001', '0.01', '0.1']);
  t.is(view.scale('ord')('a0'), 0);
  view.signal('axisOrder', ['a1', 'a2', 'a3', 'a4', 'a0']);
  await view.runAsync();
  t.is(view.scale('ord')('a0'), view.signal('width'));
});

test('one line per candidate, and brushes select and combine', async (t) => {
  const data = parallelData(buildModel(tinyRun()));
  const view = await runView(parallelSpec(data));
  t.deepEqual(view.data('selected').map((d: { id: number }) => d.id), [0, 1, 2]);
  const svg = await view.toSVG();
  t.is(svg.match(/<g class="mark-line role-mark candidate-line"/g)?.length, 3);
  // Brush the top 40% of the fit-time axis (positions 0.6..1): only c2 (position 1).
  view.signal('brush_a4', [0, 0.4 * PARALLEL_HEIGHT]);
  await view.runAsync();
  t.deepEqual(view.signal('range_a4'), [0.6, 1]);
  t.deepEqual(view.data('selected').map((d: { id: number }) => d.id), [2]);
  // Brush the 64-32 band too (upper half) — still c2; then the 32-16 band: nobody.
  view.signal('brush_a1', [0, 0.5 * PARALLEL_HEIGHT]);
  await view.runAsync();
  t.deepEqual(view.data('selected').map((d: { id: number }) => d.id), [2]);
  view.signal('brush_a1', [0.5 * PARALLEL_HEIGHT, PARALLEL_HEIGHT]);
  await view.runAsync();
  t.deepEqual(view.data('selected'), []);
  // The failed candidate sits in the 'failed' slot: a brush above it leaves it out.
  view.signal('brush_a1', null).signal('brush_a4', null).signal('brush_a2', [0, (1 - MISSING_GAP / 2) * PARALLEL_HEIGHT]);
  await view.runAsync();
  t.deepEqual(view.data('selected').map((d: { id: number }) => d.id), [0, 2]);
  // Brush ends within a few pixels of an axis end snap to it.
  view.signal('brush_a2', [2, PARALLEL_HEIGHT - 3]);
  await view.runAsync();
  t.deepEqual(view.signal('range_a2'), [0, 1]);
  view.signal('brush_a2', [32, 64]);
  await view.runAsync();
  t.deepEqual(view.signal('range_a2'), [0.8, 0.9]);
  // A click (an empty brush) clears.
  view.signal('brush_a2', [100, 100]);
  await view.runAsync();
  t.is(view.signal('range_a2'), null);
  t.is(view.data('selected').length, 3);
});

test('hundreds of candidates render', async (t) => {
  const widths = Array.from({ length: 30 }, (_, i) => [16 + 8 * i, 8 + 4 * i]);
  const run = fixtureRun({ grid: { 'module.hiddenUnits': widths, lr: [0.0001, 0.001, 0.01, 0.1, 1], 'module.init': ['default', 'normal'] }, failures: [] });
  const data = parallelData(buildModel(run));
  t.is(data.rows.length, 300);
  const view = await runView(parallelSpec(data));
  const svg = await view.toSVG();
  t.is(svg.match(/<g class="mark-line role-mark candidate-line"/g)?.length, 300);
});

test('a halving run gets a round axis after the parameters, so a brush can keep the finalists', (t) => {
  const run = tinyRun();
  run.cvResults.iter = [0, 0, 1];
  run.cvResults.n_resources = [3, 3, 9];
  const data = parallelData(buildModel(run));
  t.deepEqual(data.axes.map((a) => a.title), ['lr', 'units', 'round (iter)', 'mean accuracy', 'std accuracy', 'fit time (s)']);
  t.deepEqual([data.axes[2].kind, data.axes[2].kinds, data.axes[2].categories], ['linear', ['linear', 'categorical'], ['0', '1']]);
  t.deepEqual(data.rows.map((r) => r.values.a2), [0, 0, 1]);
});

test('a parameter count column gets its own axis', (t) => {
  const run = tinyRun();
  run.cvResults.n_parameters = [52_650, 25_818, 52_650];
  const data = parallelData(buildModel(run));
  const axis = data.axes.find((a) => a.title === 'parameters')!;
  t.is(axis.role, 'size');
  t.deepEqual(axis.scales[axis.kind]!.ticks.map((tick) => tick.text), ['25.8k', '52.6k']);
  t.is(data.rows[0].tooltip.parameters, '52,650');
});
