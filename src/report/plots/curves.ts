/**
 * Learning curves: train loss, valid loss and valid accuracy per epoch, each candidate's
 * mean over its folds with a min–max band. Losses on a log scale (a bad candidate's loss
 * of 150 would flatten every good curve to 0 on a linear one). The page picks the candidates
 * shown (`picked`, the best five at first) and a categorical parameter for the line style
 * (`styleBy`); each candidate keeps one colour, shown beside its checkbox.
 */
import type { TopLevelSpec } from 'vega-lite';
import { categoryOrder, categoryText, MISSING_TEXT } from './axes.js';
import type { ReportModel } from '../model.js';

export const CURVE_METRICS = ['train_loss', 'valid_loss', 'valid_acc'] as const;
/** How many candidates the curves show at first. */
export const CURVES_FIRST = 5;
/** Colours by rank (tableau 10, then its light tints), repeating past twenty. */
export const CURVE_COLOURS = [
  '#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac',
  '#9ecae9', '#ffbf79', '#ff9d98', '#88d27a', '#83bcb6', '#f2cf5b', '#d6a5c9', '#fcbfd2', '#d8b5a5', '#79706e',
];
/** The line styles a categorical parameter's values take, in order. */
export const DASHES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4]];

export interface CurvePoint {
  id: number;
  metric: string;
  epoch: number;
  mean: number;
  low: number;
  high: number;
  /** Folds that reached this epoch with a finite value. */
  n: number;
}

export interface CurveCandidate {
  id: number;
  /** The candidate's index in cv_results: its # in the table and the header. */
  index: number;
  label: string;
  rank: number;
  colour: string;
  /** The candidate's line dash under each styling parameter (`styleOptions`). */
  dashes: Record<string, number[]>;
}

export interface CurvesData {
  points: CurvePoint[];
  /** Candidates with a history, best first. */
  candidates: CurveCandidate[];
  metrics: string[];
  /** Per metric: a log y scale (every value positive and a loss) or linear. */
  scales: Record<string, 'log' | 'linear'>;
  /** Shown at first: the best CURVES_FIRST (and the search's best). */
  picked: number[];
  /** Parameters that can set the line style (2 to DASHES.length values), with each value's dash. */
  styleOptions: Array<{ name: string; values: Array<{ text: string; dash: number[] }> }>;
}

export function curvesData(model: ReportModel): CurvesData {
  const order = [...model.candidates].sort((a, b) => Number(b.id === model.bestId) - Number(a.id === model.bestId) || a.rank - b.rank || a.id - b.id);
  const points: CurvePoint[] = [];
  for (const c of order) {
    for (const metric of CURVE_METRICS) {
      const byEpoch = new Map<number, number[]>();
      for (const fit of c.fits) {
        for (const row of fit.history) {
          const value = row[metric];
          if (typeof value !== 'number' || !Number.isFinite(value)) continue;
          byEpoch.set(row.epoch, [...(byEpoch.get(row.epoch) ?? []), value]);
        }
      }
      for (const [epoch, values] of [...byEpoch].sort((a, b) => a[0] - b[0])) {
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        points.push({ id: c.id, metric, epoch, mean, low: Math.min(...values), high: Math.max(...values), n: values.length });
      }
    }
  }
  const withHistory = order.filter((c) => points.some((p) => p.id === c.id));
  // Values in their natural order, strings as the grid lists them (not by rank).
  const inGridOrder = model.candidates.filter((c) => withHistory.includes(c));
  const styleOptions = model.varying
    .map((name) => ({ name, texts: categoryOrder(inGridOrder.map((c) => c.params[name]), inGridOrder.some((c) => !(name in c.params)) ? MISSING_TEXT : undefined) }))
    .filter((option) => option.texts.length >= 2 && option.texts.length <= DASHES.length)
    .map(({ name, texts }) => ({ name, values: texts.map((text, i) => ({ text, dash: DASHES[i] })) }));
  const candidates = withHistory.map((c, i) => ({
    id: c.id, index: c.index, label: c.label, rank: c.rank, colour: CURVE_COLOURS[i % CURVE_COLOURS.length],
    dashes: Object.fromEntries(styleOptions.map((o) => [o.name, o.values.find((v) => v.text === styleText(c.params[o.name]))!.dash])),
  }));
  const metrics = CURVE_METRICS.filter((m) => points.some((p) => p.metric === m));
  const scales = Object.fromEntries(metrics.map((m) => [m, m.endsWith('_loss') && points.every((p) => p.metric !== m || p.low > 0) ? 'log' : 'linear'])) as CurvesData['scales'];
  return { points, candidates, metrics, scales, picked: candidates.slice(0, CURVES_FIRST).map((c) => c.id), styleOptions };
}

function styleText(value: unknown): string {
  return value === undefined ? MISSING_TEXT : categoryText(value);
}

export function curvesSpec(data: CurvesData): TopLevelSpec {
  const byId = new Map(data.candidates.map((c) => [c.id, c]));
  const values = data.points.map((p) => ({ ...p, label: byId.get(p.id)!.label, dashes: byId.get(p.id)!.dashes }));
  const colour = { field: 'id', type: 'nominal', scale: { domain: data.candidates.map((c) => c.id), range: data.candidates.map((c) => c.colour) }, legend: null } as const;
  // The dash itself is the value (no scale): the page's picker shows which dash is which value.
  const dash = { field: 'dash', type: 'nominal', scale: null, legend: null } as const;
  const chart = (metric: string) => {
    const log = data.scales[metric] === 'log';
    const title = `${metric.replace('_', ' ')}${log ? ' (log scale)' : ''}`;
    const x = { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } } as const;
    return {
      title: { text: title, fontSize: 12 },
      height: 220,
      transform: [{ filter: `datum.metric === '${metric}'` }],
      layer: [
        { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { field: 'low', type: 'quantitative', scale: log ? { type: 'log', nice: false } : { zero: false }, title: null }, y2: { field: 'high' }, color: colour } },
        {
          mark: { type: 'line', point: true, strokeWidth: 1.8 },
          encoding: {
            x, y: { field: 'mean', type: 'quantitative' }, color: colour, strokeDash: dash,
            tooltip: [
              { field: 'label', type: 'nominal', title: 'candidate' }, { field: 'epoch', type: 'quantitative' },
              { field: 'mean', type: 'quantitative', format: '.4f', title: `mean ${metric}` }, { field: 'low', type: 'quantitative', format: '.4f', title: 'lowest fold' },
              { field: 'high', type: 'quantitative', format: '.4f', title: 'highest fold' }, { field: 'n', type: 'quantitative', title: 'folds' },
            ],
          },
        },
      ],
    };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Learning curves: mean over folds with a min–max band.',
    // The page sets the columns and each chart's width from its container.
    usermeta: { fit: { minCell: 220, gap: 64, reserve: 0, maxColumns: data.metrics.length } },
    data: { values },
    params: [
      { name: 'picked', value: data.picked },
      { name: 'styleBy', value: '' },
    ],
    transform: [
      { filter: 'indexof(picked, datum.id) >= 0' },
      { calculate: "styleBy === '' ? [1, 0] : datum.dashes[styleBy]", as: 'dash' },
    ],
    concat: data.metrics.map(chart),
    columns: data.metrics.length,
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
