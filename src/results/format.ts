/**
 * How parameter values and numbers are shown: for people (`[64, 32]` as `64-32`) and the
 * way pandas prints scikit-learn's cv_results_ (Python reprs: `{'lr': 0.01}`, `True`, `None`).
 */
import type { Params } from '../core/index.js';

/** A parameter value for tables and axes: `[64, 32]` → `64-32`, `undefined` → `null`. */
export function formatParamValue(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value.every((item) => typeof item === 'number' || typeof item === 'string')
      ? value.join('-')
      : JSON.stringify(value);
  }
  if (typeof value === 'function') return value.name || 'function';
  return JSON.stringify(value) ?? String(value);
}

/** The same as text: `null` shows as an empty string. */
export function formatParamText(value: unknown): string {
  const shown = formatParamValue(value);
  return shown === null ? '' : String(shown);
}

/**
 * A parameter value short enough for a table cell, an axis tick or a terminal column:
 * numbers to 4 significant digits (`0.0031622776601683794` → `0.003162`), number lists
 * joined by `-`, `null` as an empty string. Two values that print alike differ past the
 * 4th digit; the exact value stays in results.json and the CSV.
 */
export function formatParamShort(value: unknown): string {
  if (typeof value === 'number') return shortNumber(value);
  const convs = convBlocksText(value);
  if (convs !== undefined) return convs;
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number')) return value.map(shortNumber).join('-');
  return formatParamText(value);
}

/**
 * A cnn's `module.convs` as the seed writes DemoNetwork, one block per arrow: filters@kernel,
 * `/s` for a stride, `same` padding, `↓pool` with `/s` and `pad p` when not the defaults —
 * `16@3×3 same ↓2 → 32@3×3 ↓2 pad 1 → 8@1×1 → 4@5×5` instead of a line of JSON. Undefined
 * for anything that is not a list of blocks { filters, kernel, … }.
 */
export function convBlocksText(value: unknown): string | undefined {
  const isBlock = (b: unknown): b is Record<string, unknown> =>
    typeof b === 'object' && b !== null && typeof (b as { filters?: unknown }).filters === 'number' && typeof (b as { kernel?: unknown }).kernel === 'number';
  if (!Array.isArray(value) || value.length === 0 || !value.every(isBlock)) return undefined;
  return value.map((b) => {
    const parts = [`${b.filters}@${b.kernel}×${b.kernel}`];
    if (b.stride !== undefined && b.stride !== 1) parts[0] += `/${b.stride}`;
    if (b.padding === 'same') parts.push('same');
    if (b.pool !== undefined) {
      let pool = `↓${b.pool}`;
      if (b.poolStride !== undefined && b.poolStride !== b.pool) pool += `/${b.poolStride}`;
      if (b.poolPadding !== undefined && b.poolPadding !== 0) pool += ` pad ${b.poolPadding}`;
      parts.push(pool);
    }
    return parts.join(' ');
  }).join(' → ');
}

function shortNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return formatNumber(value);
  return String(Number(value.toPrecision(4)));
}

/** One candidate's parameters on one line: `{module.hiddenUnits: 64-32, lr: 0.01}`. */
export function formatParams(params: Params, format: (value: unknown) => string = formatParamText): string {
  return `{${Object.entries(params).map(([name, value]) => `${name}: ${format(value)}`).join(', ')}}`;
}

/** Python's `repr()` of a JSON-like value, as pandas shows a `params` dict. */
export function pythonRepr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pythonString(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return pythonString(String(value));
}

/** Python's `str()`: strings bare, everything else as `repr()` (what `to_csv` writes for a param_ cell). */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/**
 * A float as Python prints it: the shortest round-trip digits (JavaScript's too), in
 * exponent form below 1e-4 or from 1e16 on, with a two-digit exponent (`1e-05`).
 */
export function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Object.is(value, -0)) return '-0.0';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    const [digits, exponent] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${digits}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(value);
}

/** Python's string repr: single quotes unless the text holds one and no double quote. */
function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .split(quote)
    .join(`\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** A number for a person: integers whole, others with 4 significant digits, NaN as `NaN`. */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 10 ** digits) return value.toFixed(1);
  return String(Number(value.toPrecision(digits)));
}

/** Seconds as `0.52s`, `12.3s`, `4m 05s`, `1h 02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return formatNumber(seconds);
  if (seconds < 10) return `${seconds.toFixed(2)}s`;
  if (seconds < 59.95) return `${seconds.toFixed(1)}s`;
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m ${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Seconds on a clock, as progress bars show elapsed and remaining time: `00:18`, `1:02:05`. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const mmss = `${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
