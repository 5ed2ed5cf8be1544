/**
 * Ctrl-C during a search. The first SIGINT / SIGTERM stops dispatching: no new fit
 * starts, the running ones finish and are journaled, then the process prints how to
 * resume and exits 130. A second signal exits at once — the journal stays readable,
 * because every line is fsynced whole and a half-written last line is ignored on resume.
 */
import { SearchInterruptedError, messages } from '../core/index.js';

export const EXIT_INTERRUPTED = 130;

export interface StopSignalsOptions {
  /** Where the notices go. Default: process.stderr. */
  stream?: { write(text: string): unknown };
  /** The command that resumes this search, printed after the stop. */
  resumeCommand?: string;
  signals?: readonly NodeJS.Signals[];
  /** Default: process.exit (tests pass a spy). */
  exit?: (code: number) => void;
}

export interface StopSignals {
  /** Give this to the search (`signal` option). */
  readonly signal: AbortSignal;
  /** The signal that stopped the search, if any. */
  readonly stoppedBy: string | undefined;
  /** Call with what the search threw: an interruption prints the resume hint and exits 130; anything else is rethrown. */
  handle(error: unknown): never;
  /** Removes the listeners (the default handlers come back). */
  dispose(): void;
}

export function installStopSignals(options: StopSignalsOptions = {}): StopSignals {
  const stream = options.stream ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const controller = new AbortController();
  let stoppedBy: string | undefined;

  const onSignal = (name: NodeJS.Signals) => {
    if (stoppedBy !== undefined) {
      // Second signal: the user does not want to wait for the running fits.
      stream.write(`${messages.resumeHint(options.resumeCommand)}\n`);
      exit(EXIT_INTERRUPTED);
      return;
    }
    stoppedBy = name;
    stream.write(`${messages.stopRequested(name)}\n`);
    controller.abort(new SearchInterruptedError(name));
  };
  for (const name of signals) process.on(name, onSignal);

  return {
    signal: controller.signal,
    get stoppedBy() {
      return stoppedBy;
    },
    handle(error: unknown): never {
      if (error instanceof SearchInterruptedError || (stoppedBy !== undefined && controller.signal.reason === error)) {
        stream.write(`${messages.resumeHint(options.resumeCommand)}\n`);
        exit(EXIT_INTERRUPTED);
      }
      throw error;
    },
    dispose(): void {
      for (const name of signals) process.off(name, onSignal);
    },
  };
}

/**
 * Runs a search with stop signals installed: resolves with its result, or — when stopped
 * by a signal — prints how to resume and exits 130.
 */
export async function runUntilStopped<T>(work: (signal: AbortSignal) => Promise<T>, options: StopSignalsOptions = {}): Promise<T> {
  const stop = installStopSignals(options);
  try {
    return await work(stop.signal);
  } catch (error) {
    return stop.handle(error);
  } finally {
    stop.dispose();
  }
}

/**
 * Before a search installs its stop signals (while the data and backend load): a signal exits
 * at once with 130 — through process.exit, so the 'exit' handlers run and release the run
 * folder's lock, which the signal's default action would leave behind. Returns the remover.
 */
export function exitOnStopSignal(options: Pick<StopSignalsOptions, 'stream' | 'exit' | 'signals'> = {}): () => void {
  const stream = options.stream ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const onSignal = (name: NodeJS.Signals) => {
    stream.write(`${messages.stoppedBeforeFits(name)}\n`);
    exit(EXIT_INTERRUPTED);
  };
  for (const name of signals) process.on(name, onSignal);
  return () => {
    for (const name of signals) process.off(name, onSignal);
  };
}
