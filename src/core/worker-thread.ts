/**
 * Whether this thread is one of gridfold's fit workers (src/parallel/worker.ts marks it
 * before it imports any user file). A process-wide symbol, not a module variable: a user's
 * module file may load another copy of gridfold (dist/ beside src/) in the same thread.
 */
import { SearchInWorkerError } from './errors.js';
import * as messages from './messages/index.js';

const WORKER_THREAD = Symbol.for('gridfold.fitWorkerThread');
const SEARCH_STARTED = Symbol.for('gridfold.searchStartedInFitWorker');

type Marks = Record<symbol, unknown>;

export function markFitWorkerThread(): void {
  (globalThis as Marks)[WORKER_THREAD] = true;
}

/** Refuses a search (or crossValidate) started inside a fit worker, before anything runs. */
export function refuseInsideFitWorker(): void {
  if ((globalThis as Marks)[WORKER_THREAD] !== true) return;
  // Remembered as well as thrown: the user's file may catch the error and go on.
  (globalThis as Marks)[SEARCH_STARTED] = true;
  throw new SearchInWorkerError(messages.searchInsideWorker());
}

/** True once a search was refused in this fit worker (the worker then fails its tasks with it). */
export function searchStartedInFitWorker(): boolean {
  return (globalThis as Marks)[SEARCH_STARTED] === true;
}
