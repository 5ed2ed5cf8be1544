/**
 * A fit's deadline (fitTimeout), carried by the async context of the fit so that the
 * training loops can check it at each epoch's end without passing it through every layer.
 * This is the cooperative half of fitTimeout: it stops a fit that keeps returning to its
 * loop. A fit that never returns (a synchronous spin in a module) is stopped by its worker
 * thread being terminated (src/parallel/dispatch.ts); in the calling thread it cannot be.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { FitTimeoutError } from './errors.js';
import { fitTimedOut } from './messages/parallel.js';

interface Deadline {
  /** performance.now() past which the fit must stop: fitTimeout × the fits trained together. */
  at: number;
  fitTimeout: number;
  fits: number;
}

const deadlines = new AsyncLocalStorage<Deadline>();

/** Runs `work` (the training of `fits` fits at once) with a budget of `fitTimeout` seconds per fit; none when undefined. */
export function withFitDeadline<T>(fitTimeout: number | undefined, fits: number, work: () => Promise<T>): Promise<T> {
  if (fitTimeout === undefined) return work();
  return deadlines.run({ at: performance.now() + fitTimeout * fits * 1000, fitTimeout, fits }, work);
}

/** The FitTimeoutError of the enclosing fit when it has run past its deadline; undefined otherwise. */
export function fitDeadlineError(): FitTimeoutError | undefined {
  const deadline = deadlines.getStore();
  if (deadline === undefined || performance.now() <= deadline.at) return undefined;
  return new FitTimeoutError(fitTimedOut(deadline.fitTimeout, deadline.fits, 'stopped at the end of an epoch'));
}

/** Throws the enclosing fit's FitTimeoutError once it has run past its deadline. */
export function checkFitDeadline(): void {
  const error = fitDeadlineError();
  if (error) throw error;
}
