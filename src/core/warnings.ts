/**
 * The one way gridfold warns: something went wrong, but not badly enough to stop (some
 * fits failed, a grid smaller than nIter, a journal moved aside, a backend that cannot run
 * threads). By default a warning is a Node process warning, printed on stderr as Python's
 * `warnings.warn` would; code that wants to see the warnings itself (the CLI, a test) runs
 * its work inside `withWarningSink` / `collectWarnings`. The sink follows the async
 * context, not a global, so two searches running at once in one process (concurrent
 * tests) each see their own warnings only.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** scikit-learn's warning classes, by the names Node prints before the message. */
export type WarningKind = 'FitFailedWarning' | 'UserWarning' | 'GridfoldWarning';

export interface GridfoldWarning {
  kind: WarningKind;
  message: string;
}

export type WarningSink = (warning: GridfoldWarning) => void;

const sinks = new AsyncLocalStorage<WarningSink>();

export function warn(kind: WarningKind, message: string): void {
  const sink = sinks.getStore();
  if (sink) sink({ kind, message });
  else process.emitWarning(message, kind);
}

/** Runs `work` with every warning raised inside it (and in what it awaits) handed to `sink`. */
export function withWarningSink<T>(sink: WarningSink, work: () => T): T {
  return sinks.run(sink, work);
}

/** `work`'s result and the warnings it raised, in order. */
export async function collectWarnings<T>(work: () => T | Promise<T>): Promise<{ result: T; warnings: GridfoldWarning[] }> {
  const warnings: GridfoldWarning[] = [];
  const result = await withWarningSink((warning) => void warnings.push(warning), work);
  return { result, warnings };
}
