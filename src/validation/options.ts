import { InvalidParameterError, maxLabel, messages, type Targets } from '../core/index.js';

export function checkErrorScore(value: unknown): number | 'raise' {
  if (value === undefined) return Number.NaN;
  if (value === 'raise' || typeof value === 'number') return value;
  throw new InvalidParameterError(messages.errorScoreInvalid(value));
}

/** Classes of the whole dataset (ids 0..k-1), so that every fold's model has k outputs. */
export function nClassesOf(y: Targets): number | undefined {
  if (!(y instanceof Int32Array)) return undefined;
  return maxLabel(y) + 1;
}

export type FoldBatching = boolean | 'auto';

/** The `foldBatching` option: true, false or 'auto' (the default). */
export function checkFoldBatching(owner: string, value: unknown): FoldBatching {
  if (value === undefined) return 'auto';
  if (value === true || value === false || value === 'auto') return value;
  throw new InvalidParameterError(messages.invalidValue(owner, 'foldBatching', value, "true, false or 'auto'"));
}

