/**
 * One axis of a parallel-coordinates plot as plain data: which scale it starts on and why,
 * which scales a click may switch it to, its categories in natural order, where every value
 * sits on it (0 at the bottom, 1 at the top) and its ticks. The spec only draws these.
 */
import { formatParamShort } from '../../results/format.js';

/** `quantile`: the values evenly spaced in their order (TensorBoard's quantile scale), so close scores spread out. */
export type AxisKind = 'linear' | 'log' | 'quantile' | 'categorical';
/** What a column is: shapes the scale choice (a score never starts on a log scale). */
export type AxisRole = 'search' | 'param' | 'round' | 'size' | 'score' | 'spread' | 'time';

export interface AxisTick {
  position: number;
  text: string;
}

export interface AxisScale {
  kind: AxisKind;
  /** Position of each candidate's value, by row (null never: a missing value has its own slot). */
  positions: number[];
  ticks: AxisTick[];
}

export interface AxisColumn {
  title: string;
  role: AxisRole;
  values: readonly unknown[];
  /** The search space's description of the parameter (`loguniform(0.001, 0.1)`), when known. */
  distribution?: string;
  /** Scores of the rows: lines within one category are spread in score order, the best on top. */
  scores: readonly number[];
}

export interface AxisLayout {
  title: string;
  role: AxisRole;
  /** The scale drawn first, and every scale the axis may switch to (the first is `kind`). */
  kind: AxisKind;
  kinds: AxisKind[];
  /** Why `kind` was chosen, in words (shown on the scale switch). */
  why: string;
  /** [min, max] of the numbers (empty when none). */
  extent: number[];
  /** The categories bottom to top, when the axis may show categories (else empty). */
  categories: string[];
  /** Text of the slot below the axis for rows without a value, when some lack one. */
  missing?: string;
  scales: Partial<Record<AxisKind, AxisScale>>;
}

/** A positive numeric parameter spanning at least this ratio starts on a log scale. */
export const LOG_AXIS_MIN_RATIO = 10;
/** What a candidate without the parameter shows (scikit-learn masks the cell). */
export const MISSING_TEXT = '—';
export const FAILED_TEXT = 'failed';
/** On an axis with a missing slot, the values take [MISSING_GAP, 1] and the slot sits at 0. */
export const MISSING_GAP = 0.1;
/** Share of a category's band over which its lines fan out, so they do not all meet in one point. */
export const CATEGORY_SPREAD = 0.5;
/** Parameter axes with at most this many distinct values tick at each of them. */
export const MAX_VALUE_TICKS = 8;
/** A numeric axis with at most this many distinct values may also be shown as categories. */
export const MAX_CATEGORY_VALUES = 12;

export function axisLayout(column: AxisColumn): AxisLayout {
  const { values, role } = column;
  const present = values.filter(isPresent);
  const numbers = present.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (present as number[]) : undefined;
  const distinct = new Set(present.map((v) => categoryText(v)));
  const missing = present.length < values.length ? (role === 'score' || role === 'spread' ? FAILED_TEXT : MISSING_TEXT) : undefined;
  const categorical = numbers === undefined || numbers.length === 0 || distinct.size < 2 || (distinct.size <= MAX_CATEGORY_VALUES && role !== 'score' && role !== 'spread');
  const base = { title: column.title, role, categories: categorical ? categoryOrder(values, missing) : [], ...(missing ? { missing } : {}) };
  if (numbers === undefined || numbers.length === 0 || distinct.size < 2) {
    const why = numbers === undefined ? 'its values are not all numbers' : 'it takes one value';
    const layout: AxisLayout = { ...base, kind: 'categorical', kinds: ['categorical'], why, extent: numbers?.length ? extentOf(numbers) : [], scales: {} };
    layout.scales.categorical = categoricalScale(column, layout);
    return layout;
  }
  const [min, max] = extentOf(numbers);
  const { kind, why } = chooseNumericKind(column, min, max);
  const kinds: AxisKind[] = [kind, ...(['linear', 'log'] as const).filter((k) => k !== kind && (k === 'linear' || min > 0))];
  if (distinct.size >= 3) kinds.push('quantile');
  if (distinct.size <= MAX_CATEGORY_VALUES && role !== 'score' && role !== 'spread') kinds.push('categorical');
  const layout: AxisLayout = { ...base, kind, kinds, why, extent: [min, max], scales: {} };
  for (const k of kinds) {
    layout.scales[k] = k === 'categorical' ? categoricalScale(column, layout) : k === 'quantile' ? quantileScale(column, layout) : numericScale(column, layout, k);
  }
  return layout;
}

/** Log where the parameter was drawn log-uniformly or spans ≥ LOG_AXIS_MIN_RATIO; scores stay linear. */
export function chooseNumericKind(column: Pick<AxisColumn, 'role' | 'distribution'>, min: number, max: number): { kind: 'linear' | 'log'; why: string } {
  if (column.role === 'score' || column.role === 'spread') return { kind: 'linear', why: 'a score is read on a linear scale' };
  if (min > 0 && column.distribution?.startsWith('loguniform')) return { kind: 'log', why: `drawn from ${column.distribution}` };
  if (min > 0 && max / min >= LOG_AXIS_MIN_RATIO) return { kind: 'log', why: `its values span ${formatRatio(max / min)}` };
  if (min <= 0) return { kind: 'linear', why: 'its values are not all positive' };
  return { kind: 'linear', why: `its values span less than ${LOG_AXIS_MIN_RATIO}×` };
}

function formatRatio(ratio: number): string {
  return ratio >= 100 ? `${Math.round(ratio).toLocaleString('en-US')}×` : `${Number(ratio.toPrecision(2))}×`;
}

/**
 * Categories bottom to top in their natural order: the missing slot first, then numbers by
 * value, arrays of numbers (layer widths) by size — total, then depth, then element by
 * element — booleans false before true, and other values in the order they first appear.
 */
export function categoryOrder(values: readonly unknown[], missing?: string): string[] {
  const seen = new Map<string, { value: unknown; first: number }>();
  values.forEach((value, i) => {
    if (!isPresent(value)) return;
    const text = categoryText(value);
    if (!seen.has(text)) seen.set(text, { value, first: i });
  });
  const group = (v: unknown) => (typeof v === 'number' ? 0 : isNumberArray(v) ? 1 : typeof v === 'boolean' ? 2 : 3);
  const ordered = [...seen.entries()].sort(([, a], [, b]) => {
    const ga = group(a.value);
    const gb = group(b.value);
    if (ga !== gb) return ga - gb;
    if (ga === 0) return (a.value as number) - (b.value as number);
    if (ga === 1) return compareSizes(a.value as number[], b.value as number[]) || a.first - b.first;
    if (ga === 2) return Number(a.value) - Number(b.value);
    return a.first - b.first;
  });
  return [...(missing ? [missing] : []), ...ordered.map(([text]) => text)];
}

function compareSizes(a: number[], b: number[]): number {
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  if (sum(a) !== sum(b)) return sum(a) - sum(b);
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** How a value shows as a category and a tick: `[64, 32]` → `64-32`, numbers to 4 significant digits. */
export function categoryText(value: unknown): string {
  return formatParamShort(value);
}

function categoricalScale(column: AxisColumn, layout: AxisLayout): AxisScale {
  const n = layout.categories.length;
  const textOf = (v: unknown) => (isPresent(v) ? categoryText(v) : layout.missing!);
  const byCategory = new Map<string, number[]>();
  column.values.forEach((v, row) => byCategory.set(textOf(v), [...(byCategory.get(textOf(v)) ?? []), row]));
  const positions = new Array<number>(column.values.length);
  layout.categories.forEach((text, i) => {
    // Worst at the bottom of the band, best at the top; failed scores (NaN) lowest.
    const rows = (byCategory.get(text) ?? []).sort((a, b) => scoreKey(column.scores[a]) - scoreKey(column.scores[b]) || a - b);
    rows.forEach((row, j) => {
      const offset = rows.length === 1 ? 0 : ((j + 0.5) / rows.length - 0.5) * CATEGORY_SPREAD;
      positions[row] = (i + 0.5 + offset) / n;
    });
  });
  return { kind: 'categorical', positions, ticks: layout.categories.map((text, i) => ({ position: (i + 0.5) / n, text })) };
}

function numericScale(column: AxisColumn, layout: AxisLayout, kind: 'linear' | 'log'): AxisScale {
  const [min, max] = layout.extent;
  const unit = kind === 'log' ? (v: number) => (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v: number) => (v - min) / (max - min);
  const place = layout.missing ? (v: number) => MISSING_GAP + (1 - MISSING_GAP) * unit(v) : unit;
  const positions = column.values.map((v) => (isPresent(v) ? place(v as number) : 0));
  const distinct = [...new Set(column.values.filter(isPresent) as number[])].sort((a, b) => a - b);
  // A grid's few values are what a reader looks for (labelled where they do not overlap);
  // scores, times and values drawn from a distribution get round ticks.
  const gridValues = (column.role === 'param' || column.role === 'round' || column.role === 'size') && column.distribution === undefined && distinct.length <= MAX_VALUE_TICKS;
  const at = gridValues ? apart(distinct, place) : kind === 'log' ? logTicks(min, max) : linearTicks(min, max);
  const ticks = at.map((v) => ({ position: place(v), text: tickText(v) }));
  return { kind, positions, ticks: layout.missing ? [{ position: 0, text: layout.missing }, ...ticks] : ticks };
}

/** Labels closer than this share of the axis (about 14 px of a 320 px axis) would print over each other. */
export const MIN_TICK_GAP = 0.045;

/** The sorted values whose places keep MIN_TICK_GAP from the one below; the top value is always kept. */
function apart(sorted: readonly number[], place: (v: number) => number): number[] {
  const kept: number[] = [];
  for (const v of sorted) {
    while (v === sorted[sorted.length - 1] && kept.length > 0 && place(v) - place(kept[kept.length - 1]) < MIN_TICK_GAP) kept.pop();
    if (kept.length === 0 || place(v) - place(kept[kept.length - 1]) >= MIN_TICK_GAP || v === sorted[sorted.length - 1]) kept.push(v);
  }
  return kept;
}

/** Each distinct value at its rank among them, evenly from 0 to 1; ticks at every value or at five of them. */
function quantileScale(column: AxisColumn, layout: AxisLayout): AxisScale {
  const distinct = [...new Set(column.values.filter(isPresent) as number[])].sort((a, b) => a - b);
  const unit = (v: number) => distinct.indexOf(v) / (distinct.length - 1);
  const place = layout.missing ? (v: number) => MISSING_GAP + (1 - MISSING_GAP) * unit(v) : unit;
  const positions = column.values.map((v) => (isPresent(v) ? place(v as number) : 0));
  const shown = distinct.length <= MAX_VALUE_TICKS ? distinct : [0, 1, 2, 3, 4].map((k) => distinct[Math.round((k * (distinct.length - 1)) / 4)]);
  const ticks = shown.map((v) => ({ position: place(v), text: tickText(v) }));
  return { kind: 'quantile', positions, ticks: layout.missing ? [{ position: 0, text: layout.missing }, ...ticks] : ticks };
}

/** About five round ticks inside [min, max] (1, 2 or 5 times a power of ten apart). */
export function linearTicks(min: number, max: number, count = 5): number[] {
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Powers of ten inside [min, max]; with fewer than two, 1-2-5 steps; with fewer still, the ends. */
export function logTicks(min: number, max: number): number[] {
  const inside = (multipliers: number[]) => {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      for (const m of multipliers) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v);
      }
    }
    return ticks;
  };
  const powers = inside([1]);
  if (powers.length >= 2) return powers;
  const steps = inside([1, 2, 5]);
  return steps.length >= 2 ? steps : [...new Set([min, ...steps, max])];
}

/** A tick label: 4 significant digits, thousands as k and millions as M, tiny values in e-notation. */
export function tickText(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (magnitude >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  if (magnitude !== 0 && magnitude < 1e-3) return value.toExponential().replace(/\.?0+e/, 'e').replace('e-', 'e−');
  return String(Number(value.toPrecision(4)));
}

function extentOf(numbers: number[]): [number, number] {
  return [Math.min(...numbers), Math.max(...numbers)];
}

function scoreKey(score: number | undefined): number {
  return score === undefined || Number.isNaN(score) ? -Infinity : score;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'number' && Number.isNaN(value));
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number');
}
