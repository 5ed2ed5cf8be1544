/**
 * The search options checked by the constructor that are neither fit settings (validation/options.ts's
 * checkFitSettings) nor scoring, cv and refit (which need the resolved metrics): the run's own hooks.
 */
import { InvalidParameterError, messages } from '../core/index.js';
import type { Scorer } from '../scoring/index.js';
import type { Executor } from '../validation/index.js';

/** Score name → the scorer's own name: what `refit` may name. */
export function scorerLabels(scorers: Record<string, Scorer>): Record<string, string> {
  return Object.fromEntries(Object.entries(scorers).map(([output, scorer]) => [output, scorer.name]));
}

/** The options of the run itself (progress, journal, stop signal, executor), each checked for what it must be. */
export function checkRunOptions(owner: string, options: { onProgress?: unknown; onRefit?: unknown; journal?: unknown; signal?: unknown; executor?: unknown }): void {
  const refuse = (name: string, value: unknown, accepted: string) => {
    throw new InvalidParameterError(messages.invalidValue(owner, name, value, accepted));
  };
  const { onProgress, onRefit, journal, signal } = options;
  const executor = options.executor as Partial<Executor> | undefined;
  if (executor !== undefined && (typeof executor?.run !== 'function' || typeof executor?.close !== 'function')) refuse('executor', executor, 'an Executor (an object with run and close methods)');
  if (onProgress !== undefined && typeof onProgress !== 'function') refuse('onProgress', onProgress, 'a function');
  if (onRefit !== undefined && typeof onRefit !== 'function') refuse('onRefit', onRefit, 'a function');
  const isJournal = (value: unknown) => typeof value === 'function' || (typeof value === 'object' && value !== null && ['keyOf', 'lookup', 'append'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function'));
  if (journal !== undefined && !isJournal(journal)) refuse('journal', journal, 'a journal (keyOf, lookup, append) or a factory such as runJournal(path)');
  if (signal !== undefined && !(signal instanceof AbortSignal)) refuse('signal', signal, 'an AbortSignal');
}
