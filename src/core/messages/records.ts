import { describeValue } from '../describe.js';

/** Messages of the content checks of fit records (journal lines, results.json) and cv_results columns. */

/** One field of a record or a results file that holds what it must not: its path, its value, what it must be. */
export function fieldHolds(path: string, value: unknown, expected: string): string {
  return value === undefined ? `${path} is missing (it must be ${expected})` : `${path} is ${describeValue(value, 40)}, not ${expected}`;
}

export function columnLength(column: string, length: number | undefined, expected: number): string {
  return `column ${column} has ${length === undefined ? 'no' : length} entries where params has ${expected}`;
}

export function fitOutOfRange(path: string, field: string, value: number, limit: number, of: string): string {
  return `${path}.${field} is ${value}, but the run has ${limit} ${of}`;
}

export function notAnObject(): string {
  return 'it is not an object';
}
