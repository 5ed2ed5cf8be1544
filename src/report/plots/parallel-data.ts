/**
 * The parallel-coordinates plot as plain data (Optuna's `_get_parallel_coordinate_info`
 * style): one axis per varying parameter (the search in compare mode, the halving round,
 * the parameter count when known), then mean and std of the refit metric and the mean fit
 * time; each candidate's position on every scale an axis may switch to; the colourings.
 * Positions are what the lines are drawn from and what brushes test, so a brush means the
 * same on a linear, a log and a categorical axis.
 */
import type { ReportModel } from '../model.js';
import { median } from '../numbers.js';
import { axisLayout, categoryText, type AxisColumn, type AxisKind, type AxisLayout, type AxisRole } from './axes.js';
import { tooltipOf } from './tooltip.js';

export type { AxisKind } from './axes.js';

export interface ParallelAxis extends AxisLayout {
  /** Field name in the spec (`a0`, `a1`, …): parameter names hold dots, which vega reads as paths. */
  key: string;
}

export interface ParallelRow {
  id: number;
  label: string;
  rank: number;
  /** Mean test score of the refit metric; NaN when a fold failed. */
  score: number;
  /** The value on each axis as shown (a category or a number), by axis key; null when missing. */
  values: Record<string, number | string | null>;
  /** Position in [0, 1] (bottom to top) on each axis, for every scale the axis offers. */
  positions: Record<string, Partial<Record<AxisKind, number>>>;
  /** Every parameter and score as text, in reading order (the hover tooltip). */
  tooltip: Record<string, string>;
}

/** How the lines may be coloured: by an axis' values, or by rank. */
export interface Colouring {
  /** An axis key, or `rank`. */
  key: string;
  title: string;
  type: 'sequential' | 'categorical';
  /** Sequential: [low, high] (clamped beyond) on a linear or log scale; categorical: the categories. */
  domain: number[] | string[];
  scale: 'linear' | 'log' | 'ordinal';
  /** Said under the legend: what the colour range covers. */
  note: string;
}

export interface ParallelData {
  metric: string;
  axes: ParallelAxis[];
  rows: ParallelRow[];
  colourings: Colouring[];
  /** The colouring drawn first: the refit metric's mean. */
  colourBy: string;
}

export function parallelData(model: ReportModel): ParallelData {
  const { candidates, metric } = model;
  const scores = candidates.map((c) => c.mean);
  const column = (title: string, role: AxisRole, values: unknown[], distribution?: string): AxisColumn => ({ title, role, values, scores, ...(distribution ? { distribution } : {}) });
  const columns: AxisColumn[] = [];
  if (model.compare) columns.push(column('search', 'search', candidates.map((c) => model.runLabels[c.run])));
  for (const name of model.varying) columns.push(column(name, 'param', candidates.map((c) => c.params[name]), distributionOf(model, name)));
  // Successive halving: the round a candidate reached, so a brush on it keeps the finalists.
  const cvOf = (key: string) => candidates.map((c) => model.runs[c.run].cvResults[key]?.[c.index]);
  const rounds = cvOf('iter');
  if (rounds.some((round) => round !== undefined)) columns.push(column('round (iter)', 'round', rounds));
  const sizes = cvOf('n_parameters');
  if (sizes.some((size) => typeof size === 'number')) columns.push(column('parameters', 'size', sizes));
  columns.push(
    column(`mean ${model.metricLabel}`, 'score', scores),
    column(`std ${model.metricLabel}`, 'spread', candidates.map((c) => c.std)),
    column('fit time (s)', 'time', candidates.map((c) => c.meanFitTime)),
  );
  const axes: ParallelAxis[] = columns.map((col, i) => ({ key: `a${i}`, ...axisLayout(col) }));
  const rows = candidates.map((c, row): ParallelRow => {
    const values: ParallelRow['values'] = {};
    const positions: ParallelRow['positions'] = {};
    axes.forEach((axis, i) => {
      values[axis.key] = shownValue(columns[i].values[row]);
      positions[axis.key] = Object.fromEntries(Object.entries(axis.scales).map(([kind, scale]) => [kind, scale!.positions[row]]));
    });
    return { id: c.id, label: c.label, rank: c.rank, score: c.mean, values, positions, tooltip: tooltipOf(model, c) };
  });
  const colourings = [...axes.map((axis, i) => colouringOf(axis, columns[i])), rankColouring(model)];
  return { metric, axes, rows, colourings, colourBy: axes.find((a) => a.role === 'score')!.key };
}

/** The search space's description of a parameter in the first run that searched it (random searches record it). */
function distributionOf(model: ReportModel, name: string): string | undefined {
  return model.runs.map((run) => run.meta.distributions?.[name]).find((d) => d !== undefined);
}

function shownValue(value: unknown): number | string | null {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) return null;
  return typeof value === 'number' ? value : categoryText(value);
}

/**
 * Colour by an axis. On the score axis the range covers the better half of the candidates
 * (from the median score to the best), so the top few differ in colour; the rest share the
 * darkest end. Elsewhere it covers every value, on the axis' own scale.
 */
export function colouringOf(axis: ParallelAxis, column: AxisColumn): Colouring {
  const base = { key: axis.key, title: axis.title };
  if (axis.kind === 'categorical') {
    const present = new Set(column.values.map((v) => shownValue(v)).filter((v) => v !== null).map(String));
    const categories = axis.categories.filter((c) => present.has(c) || c === axis.missing);
    return { ...base, type: 'categorical', domain: categories, scale: 'ordinal', note: `one colour per ${axis.title}` };
  }
  const [min, max] = axis.extent;
  if (axis.role === 'score') {
    const finite = (column.values as number[]).filter(Number.isFinite);
    const middle = median(finite);
    const low = finite.length >= 4 && middle < max ? middle : min;
    const note = low > min ? `the better half (${categoryText(low)}–${categoryText(max)}); lower scores share the darkest colour` : `every score (${categoryText(min)}–${categoryText(max)})`;
    return { ...base, type: 'sequential', domain: [low, max], scale: 'linear', note };
  }
  return { ...base, type: 'sequential', domain: [min, max], scale: axis.kind === 'log' ? 'log' : 'linear', note: `${categoryText(min)}–${categoryText(max)}` };
}

function rankColouring(model: ReportModel): Colouring {
  const ranks = model.candidates.map((c) => c.rank);
  const worst = Math.max(1, ...ranks);
  return { key: 'rank', title: 'rank', type: 'sequential', domain: [worst, 1], scale: 'linear', note: `rank 1 (best) to ${worst}, evenly spread` };
}

