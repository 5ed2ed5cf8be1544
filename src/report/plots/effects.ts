/**
 * "Which knob matters?" — what Optuna's importance and slice plots answer, as plain data.
 * For each varying parameter: the mean score of the candidates at each of its values (its
 * marginal mean), how that mean moves from fold to fold, and an importance: the share of
 * the variance of the candidates' mean scores that the parameter's marginal means explain
 * (η² = between-value sum of squares / total sum of squares, a one-way ANOVA main effect).
 * On a full grid the shares of all parameters add up to at most 1; the rest is interaction
 * between parameters. Numeric parameters with many values are cut into EFFECT_BINS bins of
 * equal count, and so is a parameter drawn from a distribution (random searches) whose values
 * are mostly unique, into bins of at least two candidates: with one candidate per value its
 * η² would be 100 % whatever the parameter does.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Candidate, ReportModel } from '../model.js';
import { decimalsFor, fixed } from '../numbers.js';
import { categoryOrder, categoryText, MISSING_TEXT, tickText } from './axes.js';

/** Parameters with more distinct numeric values than this are binned. */
export const MAX_EFFECT_LEVELS = 8;
export const EFFECT_BINS = 5;

export interface EffectLevel {
  /** The value, or the bin `0.001–0.0032`, as shown. */
  text: string;
  /** Position on the x axis (natural order). */
  order: number;
  /** Candidates at this value and the mean of their mean scores. */
  n: number;
  mean: number;
  /** The same mean computed fold by fold (each fold's scores of these candidates), and its range. */
  folds: number[];
  low: number;
  high: number;
}

export interface ParameterEffect {
  name: string;
  levels: EffectLevel[];
  /** η²: the share of the variance of the candidates' mean scores explained by this parameter. */
  share: number;
  binned: boolean;
}

export interface EffectsData {
  metric: string;
  /** Most important first. */
  effects: ParameterEffect[];
  /** Candidates with a finite mean score: the ones the effects are computed from. */
  n: number;
  /** Each candidate's mean at its value of each parameter (the faint dots). */
  points: Array<{ name: string; text: string; id: number; label: string; mean: number }>;
  /** One y range for every parameter's chart, so their effects compare at a glance. */
  yDomain: [number, number];
}

export function effectsData(model: ReportModel): EffectsData {
  const scored = model.candidates.filter((c) => Number.isFinite(c.mean));
  const grand = average(scored.map((c) => c.mean));
  const total = scored.reduce((sum, c) => sum + (c.mean - grand) ** 2, 0);
  const points: EffectsData['points'] = [];
  const effects = model.varying.map((name): ParameterEffect => {
    const drawn = model.runs.some((run) => run.meta.distributions?.[name] !== undefined);
    const { textOf, order, binned } = levelsOf(scored, name, drawn);
    const levels = order.map((text, i): EffectLevel => {
      const members = scored.filter((c) => textOf(c) === text);
      const k = Math.max(0, ...members.map((c) => c.splits.length));
      const folds = Array.from({ length: k }, (_, f) => average(members.map((c) => c.splits[f]).filter(Number.isFinite)));
      const finiteFolds = folds.filter(Number.isFinite);
      return { text, order: i, n: members.length, mean: average(members.map((c) => c.mean)), folds, low: Math.min(...finiteFolds), high: Math.max(...finiteFolds) };
    }).filter((level) => level.n > 0);
    for (const c of scored) points.push({ name, text: textOf(c), id: c.id, label: c.label, mean: c.mean });
    const between = levels.reduce((sum, level) => sum + level.n * (level.mean - grand) ** 2, 0);
    return { name, levels, share: total > 0 ? between / total : 0, binned };
  });
  effects.sort((a, b) => b.share - a.share || model.varying.indexOf(a.name) - model.varying.indexOf(b.name));
  const ys = [...points.map((p) => p.mean), ...effects.flatMap((e) => e.levels.flatMap((l) => [l.low, l.high]))].filter(Number.isFinite);
  const yDomain: [number, number] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  return { metric: model.metricLabel, effects, n: scored.length, points, yDomain };
}

/** Each candidate's level of one parameter, and the levels in natural order. */
function levelsOf(candidates: readonly Candidate[], name: string, drawn: boolean): { textOf: (c: Candidate) => string; order: string[]; binned: boolean } {
  const values = candidates.map((c) => c.params[name]);
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const distinct = [...new Set(numbers)].sort((a, b) => a - b);
  const missing = values.some((v) => v === undefined) ? MISSING_TEXT : undefined;
  const mostlyUnique = drawn && distinct.length > 2 && distinct.length > numbers.length / 2;
  if (numbers.length === values.filter((v) => v !== undefined).length && (distinct.length > MAX_EFFECT_LEVELS || mostlyUnique)) {
    const bins = equalCountBins(numbers, Math.min(EFFECT_BINS, Math.max(2, Math.floor(numbers.length / 2))));
    const binOf = (v: number) => bins.find((b) => v <= b.hi) ?? bins[bins.length - 1];
    const textOf = (c: Candidate) => (typeof c.params[name] === 'number' ? binOf(c.params[name] as number).text : MISSING_TEXT);
    return { textOf, order: [...(missing ? [missing] : []), ...bins.map((b) => b.text)], binned: true };
  }
  return { textOf: (c) => (c.params[name] === undefined ? MISSING_TEXT : categoryText(c.params[name])), order: categoryOrder(values, missing), binned: false };
}

/** `count` bins of (nearly) equal count over sorted values; equal values never straddle two bins. */
export function equalCountBins(values: readonly number[], count = EFFECT_BINS): Array<{ lo: number; hi: number; text: string }> {
  const sorted = [...values].sort((a, b) => a - b);
  const bins: Array<{ lo: number; hi: number; text: string }> = [];
  let start = 0;
  for (let b = 0; b < count && start < sorted.length; b++) {
    let end = Math.max(start + 1, Math.round(((b + 1) * sorted.length) / count));
    while (end < sorted.length && sorted[end] === sorted[end - 1]) end++;
    const lo = sorted[start];
    const hi = sorted[end - 1];
    bins.push({ lo, hi, text: lo === hi ? tickText(lo) : `${tickText(lo)}–${tickText(hi)}` });
    start = end;
  }
  return bins;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export function effectsSpec(data: EffectsData): TopLevelSpec {
  const decimals = decimalsFor(data.points.map((p) => p.mean));
  const importance = {
    title: { text: 'share of the variance of the mean score', fontSize: 12 },
    height: { step: 22 },
    data: { values: data.effects.map((e) => ({ name: e.name, share: e.share, percent: `${(100 * e.share).toFixed(1)} %` })) },
    layer: [
      { mark: { type: 'bar', color: '#4c78a8' }, encoding: { y: { field: 'name', type: 'nominal', sort: null, title: null, axis: { labelLimit: 160 } }, x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: null }, tooltip: [{ field: 'name', title: 'parameter' }, { field: 'percent', title: 'share' }] } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { y: { field: 'name', type: 'nominal', sort: null }, x: { field: 'share', type: 'quantitative' }, text: { field: 'percent' } } },
    ],
  };
  const y = { type: 'quantitative', scale: { domain: data.yDomain, zero: false }, title: `mean ${data.metric}` } as const;
  const charts = data.effects.map((effect) => {
    // Bins are ranges (`0.001018–0.002422`), too long to sit side by side: slanted.
    const axis = effect.binned ? { labelAngle: -30, labelAlign: 'right', labelLimit: 120 } : { labelAngle: 0, labelLimit: 90 };
    const x = { field: 'text', type: 'nominal', sort: effect.levels.map((l) => l.text), title: null, axis } as const;
    return {
      title: { text: `${effect.name} — ${(100 * effect.share).toFixed(1)} %${effect.binned ? ` (${effect.levels.filter((l) => l.text !== MISSING_TEXT).length} bins)` : ''}`, fontSize: 12 },
      height: 180,
      layer: [
        { data: { values: data.points.filter((p) => p.name === effect.name) }, mark: { type: 'point', opacity: 0.35, size: 28, color: '#888' }, encoding: { x, y: { ...y, field: 'mean' }, tooltip: [{ field: 'label', title: 'candidate' }, { field: 'mean', format: `.${decimals}f`, title: `mean ${data.metric}` }] } },
        {
          data: { values: effect.levels.map((l) => ({ ...l, name: effect.name, meanText: fixed(l.mean, decimals), range: `${fixed(l.low, decimals)} – ${fixed(l.high, decimals)}` })) },
          layer: [
            { mark: { type: 'rule', strokeWidth: 2.5, color: '#e45756' }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
            { mark: { type: 'line', color: '#e45756', strokeWidth: 1, opacity: 0.6 }, encoding: { x, y: { ...y, field: 'mean' } } },
            {
              mark: { type: 'point', filled: true, size: 80, color: '#e45756' },
              encoding: { x, y: { ...y, field: 'mean' }, tooltip: [{ field: 'text', title: effect.name }, { field: 'n', title: 'candidates' }, { field: 'meanText', title: `mean ${data.metric}` }, { field: 'range', title: 'fold to fold' }] },
            },
          ],
        },
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Parameter importance and the mean score at each value of each parameter.',
    usermeta: { fit: { minCell: 200, gap: 90, reserve: 0, maxColumns: 1 + charts.length } },
    concat: [importance, ...charts],
    columns: 1 + charts.length,
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}
