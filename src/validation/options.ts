import { InvalidParameterError, messages } from '../core/index.js';

export function checkErrorScore(value: unknown): number | 'raise' {
  if (value === undefined) return Number.NaN;
  if (value === 'raise' || typeof value === 'number') return value;
  throw new InvalidParameterError(messages.errorScoreInvalid(value));
}

/** Classes of the whole dataset (its encoded labels), so that every fold's model has k outputs. */
export function nClassesOf(data: { classes?: readonly unknown[] }): number | undefined {
  return data.classes?.length;
}

export type FoldBatching = boolean | 'auto';

/** The `foldBatching` option: true, false or 'auto' (the default). */
export function checkFoldBatching(owner: string, value: unknown): FoldBatching {
  if (value === undefined) return 'auto';
  if (value === true || value === false || value === 'auto') return value;
  throw new InvalidParameterError(messages.invalidValue(owner, 'foldBatching', value, "true, false or 'auto'"));
}

