/**
 * Numbers as the page prints them: a column of scores with the same number of decimals in
 * every row, counts with thousands separators (times: results/format's formatDuration).
 */

/** Decimals that give the largest magnitude of a column 4 significant digits (0.9102, 12.34, 1234), at most 6. */
export function decimalsFor(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  if (finite.length === 0) return 4;
  return Math.min(6, Math.max(0, 3 - Math.floor(Math.log10(Math.max(...finite)))));
}

/** A number at fixed decimals; NaN (a failed fit) as `NaN`. */
export function fixed(value: number, decimals: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}


/** `101,770`. */
export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : String(value);
}

/** The median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
