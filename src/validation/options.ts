import { InvalidParameterError, checkBoolean, checkNumber, messages } from '../core/index.js';
import { resolveNJobs } from './executor.js';

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


/** The options every search and crossValidate take, as a caller gives them. */
export interface FitSettingsInput {
  returnTrainScore?: boolean;
  /** The score a failed fit gets (default NaN), or 'raise' to stop at the first failure. */
  errorScore?: number | 'raise';
  /** Parallel fits: a positive integer, or -1 for every core. Default 1. */
  nJobs?: number;
  foldBatching?: FoldBatching;
  /**
   * Seconds one fit may train (each fit of a stack as much); past it the fit is stopped and
   * fails with FitTimeoutError, and the search goes on. On a worker thread even a fit that
   * never returns to its loop is stopped (its thread is terminated and replaced), so with a
   * fitTimeout nJobs 1 runs its fits on one worker thread; fits that must stay in the calling
   * thread (a function scorer, returnEstimator, a native backend) are stopped at an epoch's end.
   */
  fitTimeout?: number;
}

/** The same options checked, with their defaults. */
export interface FitSettings {
  returnTrainScore: boolean;
  errorScore: number | 'raise';
  nJobs: number;
  foldBatching: FoldBatching;
  fitTimeout: number | undefined;
}

/** The longest fitTimeout: a timer's limit (2^31 - 1 ms), about 24.8 days. */
export const MAX_FIT_TIMEOUT = 2147483;

/** Checks the shared options at once (a constructor's, or crossValidate's, first lines), naming `owner`. */
export function checkFitSettings(owner: string, options: FitSettingsInput): FitSettings {
  return {
    returnTrainScore: checkBoolean(owner, 'returnTrainScore', options.returnTrainScore ?? false),
    errorScore: checkErrorScore(options.errorScore),
    nJobs: resolveNJobs(options.nJobs ?? 1),
    foldBatching: checkFoldBatching(owner, options.foldBatching),
    fitTimeout: options.fitTimeout === undefined ? undefined : checkNumber(owner, 'fitTimeout', options.fitTimeout, { min: 0, minExclusive: true, max: MAX_FIT_TIMEOUT }),
  };
}
