/**
 * The errors gridfold throws. Every message comes from `./messages/`; the classes only
 * tell callers *what kind* of thing went wrong so they can catch one kind (by `instanceof`).
 */
import * as messages from './messages/index.js';

export class GridfoldError extends Error {
  override name = 'GridfoldError';
}

/** Bad input to a public function: a parameter with a value we do not accept. */
export class InvalidParameterError extends GridfoldError {
  override name = 'InvalidParameterError';
}

/** Bad data: shapes, NaN/Infinity, labels, sizes. */
export class DataError extends GridfoldError {
  override name = 'DataError';
}

/** A model that has not been fitted was asked to predict, score or save. */
export class NotFittedError extends GridfoldError {
  override name = 'NotFittedError';
}

/** Training produced a non-finite loss; inside a search this becomes a failed fit. */
export class NonFiniteLossError extends GridfoldError {
  override name = 'NonFiniteLossError';
}

/** Every fit of a search failed, or `errorScore: 'raise'` stopped the search. */
export class FitFailedError extends GridfoldError {
  override name = 'FitFailedError';
}

/** A backend that was asked for cannot be loaded. */
export class BackendError extends GridfoldError {
  override name = 'BackendError';
}

/** Bad usage of the command line (an unknown flag, a bad value, a missing argument): exit code 2. */
export class UsageError extends GridfoldError {
  override name = 'UsageError';
}

/** A search definition with a wrong field; the message starts with the field's path. */
export class SearchDefinitionError extends InvalidParameterError {
  override name = 'SearchDefinitionError';
}

/** A search file that is missing, does not load or defines a wrong search: exit code 2. */
export class SearchFileError extends GridfoldError {
  override name = 'SearchFileError';
}

/**
 * A search started inside one of gridfold's own worker threads: the workers import the file
 * that defined a custom module, and that file starts the search again. Stops the search.
 */
export class SearchInWorkerError extends GridfoldError {
  override name = 'SearchInWorkerError';
}

/** A run journal that cannot be resumed: not a journal, another search's, or corrupt. */
export class JournalError extends GridfoldError {
  override name = 'JournalError';
}

/**
 * A polite stop. Aborting a search's signal with this as the reason means "start no new
 * fit, let the running ones finish and be journaled"; any other abort reason (errorScore
 * 'raise', a user's AbortController) cancels the running fits too.
 */
export class SearchInterruptedError extends GridfoldError {
  override name = 'SearchInterruptedError';
  /** 'SIGINT', 'SIGTERM', or whatever asked for the stop. */
  readonly signal: string;

  constructor(signal: string) {
    super(messages.searchInterrupted(signal));
    this.signal = signal;
  }
}

/** A path that cannot be read or written (a file where a directory must be, no permission, a full disk). */
export class FileSystemError extends GridfoldError {
  override name = 'FileSystemError';
  /** The path asked for, the system's error code (EACCES, ENOTDIR...) and the reason in words. */
  readonly path: string;
  readonly code: string | undefined;
  readonly reason: string;

  constructor(message: string, failure: { path: string; code: string | undefined; reason: string }) {
    super(message);
    this.path = failure.path;
    this.code = failure.code;
    this.reason = failure.reason;
  }
}

/** A run folder that another run holds (its lock file names the holder). */
export class RunLockedError extends GridfoldError {
  override name = 'RunLockedError';
}

/** An error gridfold did not foresee, wrapped by the command line with where its details were written. */
export class UnexpectedError extends GridfoldError {
  override name = 'UnexpectedError';
  readonly logFile: string | undefined;

  constructor(cause: unknown, logFile: string | undefined) {
    super((cause as Error)?.message ?? String(cause), { cause });
    this.logFile = logFile;
  }
}

/** Redis cannot be reached, refuses the login or the TLS handshake (a distributed run). */
export class RedisConnectionError extends GridfoldError {
  override name = 'RedisConnectionError';
}

/** A `gridfold worker` that cannot take part in a run: its version, search file or data differ from the coordinator's. */
export class RunMismatchError extends GridfoldError {
  override name = 'RunMismatchError';
}

/** A distributed task that failed on the workers for reasons outside its fits (stalled too often, a pool that would not start). */
export class TaskLostError extends GridfoldError {
  override name = 'TaskLostError';
}

/** A fit that ran past the search's fitTimeout; inside a search it becomes a failed fit, and a resume runs it again. */
export class FitTimeoutError extends GridfoldError {
  override name = 'FitTimeoutError';
}

/** The worker thread running a fit died (process.exit, a memory limit, a crash); a resume runs the fit again. */
export class WorkerDiedError extends GridfoldError {
  override name = 'WorkerDiedError';
}
