/**
 * Checks for public parameters. Each throws `InvalidParameterError` with a message that
 * names the owner and parameter, shows the value received and says what is accepted.
 */
import { InvalidParameterError } from './errors.js';
import { describeRange, invalidValue, notOneOf, unknownOption } from './messages/common.js';

export interface RangeOptions {
  min?: number;
  max?: number;
  /** When true, `min` itself is refused. */
  minExclusive?: boolean;
  /** When true, `max` itself is refused (a dropout rate of 1 would drop everything). */
  maxExclusive?: boolean;
}

export function checkInteger(owner: string, name: string, value: unknown, range: RangeOptions = {}): number {
  const ok =
    typeof value === 'number' && Number.isInteger(value) && inRange(value, range);
  if (!ok) throw new InvalidParameterError(invalidValue(owner, name, value, describeRange('an integer', range.min, range.max, range.minExclusive, range.maxExclusive)));
  return value as number;
}

export function checkNumber(owner: string, name: string, value: unknown, range: RangeOptions = {}): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && inRange(value, range);
  if (!ok) throw new InvalidParameterError(invalidValue(owner, name, value, describeRange('a number', range.min, range.max, range.minExclusive, range.maxExclusive)));
  return value as number;
}

export function checkBoolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidParameterError(invalidValue(owner, name, value, 'true or false'));
  return value;
}

export function checkOneOf<T>(owner: string, name: string, value: unknown, options: readonly T[]): T {
  if (!options.includes(value as T)) throw new InvalidParameterError(notOneOf(owner, name, value, options));
  return value as T;
}

/** Refuses option keys the function does not know (a typo must not pass silently). */
export function checkKnownOptions(owner: string, options: object | undefined, valid: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidParameterError(invalidValue(owner, 'options', options, 'an object'));
  }
  for (const key of Object.keys(options)) {
    if (!valid.includes(key)) throw new InvalidParameterError(unknownOption(owner, key, valid));
  }
}

function inRange(value: number, { min, max, minExclusive, maxExclusive }: RangeOptions): boolean {
  if (min !== undefined && (minExclusive ? value <= min : value < min)) return false;
  if (max !== undefined && (maxExclusive ? value >= max : value > max)) return false;
  return true;
}
