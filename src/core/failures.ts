/**
 * Why a fit failed decides what a resume does with it. A fit that failed for its own reason
 * (a NaN loss, an exception in its module or scorer) would fail the same way again: its
 * record is kept. A fit stopped by something outside it — its worker died, it ran past
 * fitTimeout, a distributed task was lost — says nothing about the candidate: a resume runs
 * it again. This list is the one place that decides; executors that invent a new way for a
 * fit to be lost add its error name here.
 */
import type { SerializedError } from './types.js';

export const INFRASTRUCTURE_FAILURES: readonly string[] = ['WorkerDiedError', 'FitTimeoutError', 'TaskLostError'];

/** True for a failure from outside the fit (rerun on resume); false for the fit's own failure or no failure. */
export function isInfrastructureFailure(error: SerializedError | undefined): boolean {
  return error !== undefined && INFRASTRUCTURE_FAILURES.includes(error.name);
}
