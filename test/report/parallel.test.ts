import test from 'ava';
import * as vega from 'vega';
import { buildModel } from '../../src/report/model.js';
import { axisOf, parallelData, positionOn } from '../../src/report/plots/parallel-data.js';
import { PARALLEL_HEIGHT, parallelSpec, powersOfTen } from '../../src/report/plots/parallel-spec.js';
import { fixtureRun } from './fixture.js';
import { tinyRun } from './tiny.js';

const close = (actual: number | null, expected: number, tolerance = 1e-12) => actual !== null && Math.abs(actual - expected) <= tolerance;

test('axes: varying parameters, then mean, std and fit time; log, categorical and linear kinds', (t) => {
  const data = parallelData(buildModel(tinyRun()));
  const cv = tinyRun().cvResults;
  const std = cv.std_test_accuracy as number[];
  t.deepEqual(data.axes, [
    { key: 'a0', title: 'lr', kind: 'log', domain: [0.001, 0.1] },
    { key: 'a1', title: 'units', kind: 'categorical', domain: ['64-32', '32-16'] },
    { key: 'a2', title: 'mean_test_accuracy', kind: 'linear', domain: [(cv.mean_test_accuracy as number[])[2], (cv.mean_test_accuracy as number[])[0]] },
    { key: 'a3', title: 'std_test_accuracy', kind: 'linear', domain: [std[2], std[0]] },
    { key: 'a4', title: 'mean_fit_time', kind: 'linear', domain: [0.5, 4] },
  ]);
  t.deepEqual(data.rows.map((r) => r.values), [
    { a0: 0.001, a1: '64-32', a2: (cv.mean_test_accuracy as number[])[0], a3: std[0], a4: 2 },
    { a0: 0.1, a1: '32-16', a2: null, a3: null, a4: 0.5 },
    { a0: 0.01, a1: '64-32', a2: (cv.mean_test_accuracy as number[])[2], a3: std[2], a4: 4 },
  ]);
  t.deepEqual(data.rows[0].positions, { a0: 0, a1: 0.25, a2: 1, a3: 1, a4: 1.5 / 3.5 });
  t.deepEqual(data.rows[1].positions, { a0: 1, a1: 0.75, a2: null, a3: null, a4: 0 });
  t.true(close(data.rows[2].positions.a0, 0.5));
  t.deepEqual(data.rows.map((r) => r.label), ['0.001 · 64-32', '0.1 · 32-16', '0.01 · 64-32']);
  t.deepEqual(data.scoreDomain, [(cv.mean_test_accuracy as number[])[2], (cv.mean_test_accuracy as number[])[0]]);
  t.deepEqual(Object.keys(data.rows[1].tooltip), [
    'candidate', 'rank', 'mean_test_accuracy', 'std_test_accuracy', 'split0_test_accuracy', 'split1_test_accuracy', 'split2_test_accuracy',
    'mean_fit_time', 'lr', 'units', 'failed',
  ]);
  t.is(data.rows[1].tooltip.failed, '1 of 3 folds');
  t.is(data.rows[1].tooltip.split1_test_accuracy, 'NaN');
});

test('axisOf: log from two decades, constants and mixed values are categorical, missing values', (t) => {
  t.is(axisOf('a', 'lr', [0.001, 0.0999]).kind, 'linear');
  t.is(axisOf('a', 'lr', [0.001, 0.1]).kind, 'log');
  t.is(axisOf('a', 'lr', [-1, 1000]).kind, 'linear');
  t.deepEqual(axisOf('a', 'x', [3, 3]), { key: 'a', title: 'x', kind: 'categorical', domain: ['3'] });
  t.deepEqual(axisOf('a', 'x', [1, 'auto', undefined, [4, 2]]), { key: 'a', title: 'x', kind: 'categorical', domain: ['1', 'auto', '–', '4-2'] });
  const withGap = axisOf('a', 'x', [1, undefined, 3]);
  t.deepEqual(withGap, { key: 'a', title: 'x', kind: 'linear', domain: [1, 3] });
  t.is(positionOn(withGap, null), null);
  t.is(positionOn(withGap, 2), 0.5);
  t.deepEqual(powersOfTen([0.001, 0.1]), [0.001, 0.01, 0.1]);
  t.deepEqual(powersOfTen([0.002, 0.05]), [0.002, 0.01, 0.05]);
});

test('the seed grid: one categorical axis per parameter', (t) => {
  const data = parallelData(buildModel(fixtureRun()));
  t.deepEqual(data.axes.slice(0, 2), [
    { key: 'a0', title: 'module.hiddenUnits', kind: 'categorical', domain: ['32-16', '64-32', '128-64', '256-128'] },
    { key: 'a1', title: 'module.init', kind: 'categorical', domain: ['default', 'normal'] },
  ]);
  t.is(data.rows.length, 8);
});

async function runView(spec: vega.Spec): Promise<vega.View> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  await view.runAsync();
  return view;
}

test('the vega scales put every value where its position says, on every axis', async (t) => {
  const run = fixtureRun({ grid: { 'module.hiddenUnits': [[32, 16], [64, 32], [128, 64], [256, 128]], lr: [0.001, 0.01, 0.1] } });
  const data = parallelData(buildModel(run));
  const view = await runView(parallelSpec(data));
  t.deepEqual(data.axes.map((a) => a.kind), ['log', 'categorical', 'linear', 'linear', 'linear']);
  for (const axis of data.axes) {
    const scale = view.scale(axis.key) as (v: unknown) => number;
    for (const row of data.rows) {
      const position = row.positions[axis.key];
      if (position === null) continue;
      t.true(close(scale(row.values[axis.key]), (1 - position) * PARALLEL_HEIGHT, 1e-6), `${axis.title} of ${row.label}`);
    }
  }
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
  // Brush the 64-32 category too (bottom half) — still c2; then the 32-16 one: nobody.
  view.signal('brush_a1', [0.5 * PARALLEL_HEIGHT, PARALLEL_HEIGHT]);
  await view.runAsync();
  t.deepEqual(view.data('selected').map((d: { id: number }) => d.id), [2]);
  view.signal('brush_a1', [0, 0.5 * PARALLEL_HEIGHT]);
  await view.runAsync();
  t.deepEqual(view.data('selected'), []);
  // A failed candidate has no score: a brush on the score axis leaves it out.
  view.signal('brush_a1', null).signal('brush_a4', null).signal('brush_a2', [0, PARALLEL_HEIGHT]);
  await view.runAsync();
  t.deepEqual(view.data('selected').map((d: { id: number }) => d.id), [0, 2]);
  // Brush ends within a few pixels of an axis end snap to it.
  view.signal('brush_a2', [2, PARALLEL_HEIGHT - 3]);
  await view.runAsync();
  t.deepEqual(view.signal('range_a2'), [0, 1]);
  view.signal('brush_a2', [30, 60]);
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

test('a halving run gets an iter axis after the parameters, so a brush can keep the finalists', (t) => {
  const run = tinyRun();
  run.cvResults.iter = [0, 0, 1];
  run.cvResults.n_resources = [3, 3, 9];
  const data = parallelData(buildModel(run));
  t.deepEqual(data.axes.map((a) => a.title), ['lr', 'units', 'iter', 'mean_test_accuracy', 'std_test_accuracy', 'mean_fit_time']);
  t.deepEqual(data.axes[2], { key: 'a2', title: 'iter', kind: 'linear', domain: [0, 1] });
  t.deepEqual(data.rows.map((r) => r.values.a2), [0, 0, 1]);
});
