/**
 * The parallel-coordinates plot as plain data (Optuna's `_get_parallel_coordinate_info`
 * style): one axis per varying parameter, then mean and std of the refit metric and the
 * mean fit time; each candidate's value on each axis and its position in [0, 1] on it.
 * Positions are what the lines are drawn from and what brushes test, so a brush means
 * the same on a linear, a log and a categorical axis.
 */
import { formatNumber, formatParamText } from '../../results/format.js';
import type { ReportModel } from '../model.js';

export type AxisKind = 'linear' | 'log' | 'categorical';

export interface ParallelAxis {
  /** Field name in the rows (`a0`, `a1`, …): parameter names hold dots, which vega reads as paths. */
  key: string;
  title: string;
  kind: AxisKind;
  /** [min, max] of a linear or log axis; the categories, bottom to top, of a categorical one. */
  domain: number[] | string[];
}

export interface ParallelRow {
  id: number;
  label: string;
  /** Mean test score of the refit metric (colours the line); NaN when a fold failed. */
  score: number;
  /** Value on each axis, by axis key: a number, a category, or null when missing. */
  values: Record<string, number | string | null>;
  /** Position on each axis in [0, 1] (bottom to top), null when missing. */
  positions: Record<string, number | null>;
  /** Every parameter and score, shown in the tooltip. */
  tooltip: Record<string, string>;
}

export interface ParallelData {
  metric: string;
  axes: ParallelAxis[];
  rows: ParallelRow[];
  /** Colour scale domain: [min, max] of the finite scores. */
  scoreDomain: [number, number];
}

/** Ratio of max to min from which a positive numeric axis is drawn on a log scale. */
export const LOG_AXIS_MIN_RATIO = 100;
/** The category a candidate without the parameter falls in. */
export const MISSING_CATEGORY = '–';

export function parallelData(model: ReportModel): ParallelData {
  const { candidates, metric } = model;
  const columns: Array<{ title: string; values: unknown[] }> = [];
  if (model.compare) columns.push({ title: 'search', values: candidates.map((c) => c.search) });
  for (const name of model.varying) columns.push({ title: name, values: candidates.map((c) => c.params[name]) });
  // Successive halving: the round a candidate reached, so a brush on it keeps the finalists.
  const rounds = candidates.map((c) => model.runs[c.run].cvResults.iter?.[c.index]);
  if (rounds.some((round) => round !== undefined)) columns.push({ title: 'iter', values: rounds });
  columns.push(
    { title: `mean_test_${metric}`, values: candidates.map((c) => c.mean) },
    { title: `std_test_${metric}`, values: candidates.map((c) => c.std) },
    { title: 'mean_fit_time', values: candidates.map((c) => c.meanFitTime) },
  );
  const axes = columns.map((column, i) => axisOf(`a${i}`, column.title, column.values));
  const rows = candidates.map((c, row): ParallelRow => {
    const values: ParallelRow['values'] = {};
    const positions: ParallelRow['positions'] = {};
    axes.forEach((axis, i) => {
      values[axis.key] = shownValue(axis, columns[i].values[row]);
      positions[axis.key] = positionOn(axis, values[axis.key]);
    });
    return { id: c.id, label: c.label, score: c.mean, values, positions, tooltip: tooltipOf(model, row) };
  });
  const finite = candidates.map((c) => c.mean).filter(Number.isFinite);
  const scoreDomain: [number, number] = finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
  return { metric, axes, rows, scoreDomain };
}

/** Numeric axes for finite numbers with a spread; everything else (and a constant) is categorical. */
export function axisOf(key: string, title: string, values: readonly unknown[]): ParallelAxis {
  const present = values.filter((v) => v !== undefined && v !== null && !(typeof v === 'number' && Number.isNaN(v)));
  const numeric = present.length > 0 && present.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (numeric) {
    const numbers = present as number[];
    const min = Math.min(...numbers);
    const max = Math.max(...numbers);
    if (max > min) return { key, title, kind: min > 0 && max / min >= LOG_AXIS_MIN_RATIO ? 'log' : 'linear', domain: [min, max] };
  }
  const categories: string[] = [];
  for (const value of values) {
    const text = categoryOf(value);
    if (!categories.includes(text)) categories.push(text);
  }
  return { key, title, kind: 'categorical', domain: categories };
}

function categoryOf(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? MISSING_CATEGORY : formatNumber(value);
  const text = formatParamText(value);
  return text === '' && (value === undefined || value === null) ? MISSING_CATEGORY : text;
}

function shownValue(axis: ParallelAxis, value: unknown): number | string | null {
  if (axis.kind === 'categorical') return categoryOf(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Where a value sits on its axis, 0 at the bottom and 1 at the top, as the vega scales put it. */
export function positionOn(axis: ParallelAxis, value: number | string | null): number | null {
  if (value === null) return null;
  if (axis.kind === 'categorical') {
    const index = (axis.domain as string[]).indexOf(String(value));
    // A point scale with padding 0.5 puts category i of n at (i + 0.5) / n of the range.
    return index < 0 ? null : (index + 0.5) / axis.domain.length;
  }
  const [min, max] = axis.domain as number[];
  const v = value as number;
  if (axis.kind === 'log') return (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min));
  return (v - min) / (max - min);
}

function tooltipOf(model: ReportModel, row: number): Record<string, string> {
  const c = model.candidates[row];
  const tip: Record<string, string> = { candidate: `#${c.index}${model.compare ? ` of ${c.search}` : ''}`, rank: String(c.rank) };
  tip[`mean_test_${model.metric}`] = formatNumber(c.mean);
  tip[`std_test_${model.metric}`] = formatNumber(c.std);
  c.splits.forEach((score, k) => (tip[`split${k}_test_${model.metric}`] = formatNumber(score)));
  tip.mean_fit_time = `${formatNumber(c.meanFitTime)} s`;
  for (const [name, value] of Object.entries(c.params)) tip[name] = formatParamText(value);
  if (c.failedFolds > 0) tip.failed = `${c.failedFolds} of ${c.splits.length} folds`;
  return tip;
}
