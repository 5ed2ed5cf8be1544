import test from 'ava';
import type { Params, RunResult } from '../../src/core/index.js';
import { buildModel } from '../../src/report/model.js';
import { EFFECT_BINS, effectsData, effectsSpec, equalCountBins } from '../../src/report/plots/effects.js';
import { aggregate } from '../../src/search/aggregate.js';
import { tinyRun } from './tiny.js';

const close = (actual: number, expected: number, tolerance = 1e-12) => Math.abs(actual - expected) <= tolerance;

/** A run whose fold scores are `score(params) + offset[fold]`, so every mean is known exactly. */
function madeUpRun(candidates: Params[], score: (p: Params) => number, offsets = [-0.01, 0, 0.01]): RunResult {
  const run = tinyRun('made-up');
  const fits = candidates.flatMap((params, c) =>
    offsets.map((offset, k) => ({ candidateIndex: c, foldIndex: k, testScores: { accuracy: score(params) + offset }, fitTime: 1, scoreTime: 0.1, nTrain: 20, nTest: 10, history: [] })),
  );
  return { ...run, fits, cvResults: aggregate(fits, { candidates, nSplits: 3, scoreNames: ['accuracy'], returnTrainScore: false }), meta: { ...run.meta, nCandidates: candidates.length } };
}

const grid = (a: unknown[], b: unknown[]): Params[] => a.flatMap((x) => b.map((y) => ({ a: x, b: y })));

test('a parameter that does everything explains all the variance; one that does nothing, none', (t) => {
  const data = effectsData(buildModel(madeUpRun(grid([0, 1], ['x', 'y', 'z']), (p) => 0.8 + 0.1 * (p.a as number))));
  t.deepEqual(data.effects.map((e) => e.name), ['a', 'b']);
  t.true(close(data.effects[0].share, 1));
  t.true(close(data.effects[1].share, 0));
  t.deepEqual(data.effects[0].levels.map((l) => [l.text, l.n]), [['0', 3], ['1', 3]]);
  t.true(close(data.effects[0].levels[1].mean, 0.9));
  // Fold by fold the marginal mean moves with the folds' offsets.
  t.deepEqual(data.effects[0].levels[1].folds.map((v) => Number(v.toFixed(12))), [0.89, 0.9, 0.91]);
  t.true(close(data.effects[0].levels[1].low, 0.89) && close(data.effects[0].levels[1].high, 0.91));
});

test('two additive effects on a full grid split the variance as worked out by hand: 9/11 and 2/11', (t) => {
  // Scores 0.8, 0.8, 0.85 (a = 0) and 0.9, 0.9, 0.95 (a = 1): SS_a = 0.015, SS_b = 0.01/3, SS_total = 0.055/3.
  const data = effectsData(buildModel(madeUpRun(grid([0, 1], ['x', 'y', 'z']), (p) => 0.8 + 0.1 * (p.a as number) + (p.b === 'z' ? 0.05 : 0))));
  t.deepEqual(data.effects.map((e) => e.name), ['a', 'b']);
  t.true(close(data.effects[0].share, 9 / 11), String(data.effects[0].share));
  t.true(close(data.effects[1].share, 2 / 11), String(data.effects[1].share));
  t.deepEqual(data.effects[1].levels.map((l) => l.text), ['x', 'y', 'z']);
  t.true(close(data.effects[1].levels[2].mean, 0.9));
  t.is(data.n, 6);
});

test('failed candidates are left out; numeric parameters with many values are binned by count', (t) => {
  const data = effectsData(buildModel(tinyRun()));
  t.is(data.n, 2);
  t.deepEqual(data.effects.map((e) => [e.name, e.levels.map((l) => l.text)]), [['lr', ['0.001', '0.01']], ['units', ['64-32']]]);
  const lrs = Array.from({ length: 20 }, (_, i) => 0.001 * 1.3 ** i);
  const random = effectsData(buildModel(madeUpRun(lrs.map((lr) => ({ lr })), (p) => 0.9 - Math.abs(Math.log10(p.lr as number) + 2) / 10)));
  t.true(random.effects[0].binned);
  t.is(random.effects[0].levels.length, EFFECT_BINS);
  t.deepEqual(random.effects[0].levels.map((l) => l.n), [4, 4, 4, 4, 4]);
  t.deepEqual(equalCountBins([1, 1, 1, 1, 2, 3]).map((b) => b.text), ['1', '2', '3']);
});

test('a drawn parameter with one candidate per value is binned in twos: its η² is its effect, not 100 % by construction', (t) => {
  // 8 candidates of a random search: lr drawn log-uniformly (all different) does nothing, width does everything.
  const candidates = Array.from({ length: 8 }, (_, i) => ({ lr: 0.001 * 2 ** i, width: i % 2 ? 16 : 4 }));
  const run = madeUpRun(candidates, (p) => (p.width === 16 ? 0.9 : 0.7));
  const asGrid = effectsData(buildModel(run));
  t.deepEqual(asGrid.effects.map((e) => [e.name, e.share, e.binned]), [['lr', 1, false], ['width', 1, false]], 'one candidate per value: every value "explains" its own mean');
  run.meta.distributions = { lr: 'loguniform(0.001, 0.128)' };
  const drawn = effectsData(buildModel(run));
  const lr = drawn.effects.find((e) => e.name === 'lr')!;
  t.true(lr.binned);
  t.deepEqual(lr.levels.map((l) => [l.text, l.n]), [['0.001–0.002', 2], ['0.004–0.008', 2], ['0.016–0.032', 2], ['0.064–0.128', 2]]);
  t.true(close(lr.share, 0), `lr explains ${lr.share}`);
  t.deepEqual(drawn.effects.map((e) => e.name), ['width', 'lr']);
  t.true(close(drawn.effects[0].share, 1));
  // The bins' range labels are slanted, the width's values are not.
  const charts = (effectsSpec(drawn) as unknown as { concat: Array<{ layer: Array<{ encoding: { x: { axis: { labelAngle: number } } } }> }> }).concat.slice(1);
  t.deepEqual(charts.map((chart) => chart.layer[0].encoding.x.axis.labelAngle), [0, -30]);
});
