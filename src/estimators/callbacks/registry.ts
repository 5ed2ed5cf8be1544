/**
 * Callbacks by type name, as modules are by name: what rebuilds a callback from its
 * `toJSON()` — for `clone()`, for a saved model, and on a worker thread. A user's Callback
 * subclass is registered with `registerCallback(type, Class)`; the registry remembers the
 * file that did it, the serialized callback carries that file along, and a worker imports
 * it (which registers the class there too) before it rebuilds the estimator.
 */
import { InvalidParameterError, messages } from '../../core/index.js';
import { callerFile } from '../caller-file.js';
import type { Callback, SerializedCallback } from './callback.js';

/** A Callback class, built from its `toJSON().options`. */
export type CallbackClass = new (options: never) => Callback;

interface Registered {
  Class: CallbackClass;
  /** The file:// URL of the file that registered it (undefined for built-ins). */
  source?: string;
}

const registry = new Map<string, Registered>();

export function registerBuiltinCallback(type: string, Class: CallbackClass): void {
  registry.set(type, { Class });
}

/**
 * Makes a Callback subclass rebuildable from its `toJSON()`, whose `type` must be `type`:
 * so that estimators holding one can be cloned, saved and loaded, and fitted on worker
 * threads (nJobs > 1). Call it at the top level of the file that defines the class.
 */
export function registerCallback(type: string, Class: CallbackClass): void {
  if (typeof type !== 'string' || type === '' || typeof Class !== 'function') throw new InvalidParameterError(messages.registerCallbackBadArgs(type, Class));
  if (registry.has(type) && registry.get(type)!.source === undefined) throw new InvalidParameterError(messages.registerCallbackBuiltin(type));
  registry.set(type, { Class, source: callerFile(import.meta.url) });
}

/** The callback's `toJSON()`, with the file that registered its type (so another thread can import it). */
export function serializeCallback(callback: Callback): SerializedCallback {
  const json = callback.toJSON();
  const source = registry.get(json.type)?.source;
  return source === undefined ? json : { ...json, source };
}

/** Rebuilds a fresh callback from its serialized form; its type must be registered in this thread. */
export function callbackFromJSON(serialized: SerializedCallback): Callback {
  const registered = registry.get(serialized?.type);
  if (!registered) throw new InvalidParameterError(messages.unknownCallbackType(serialized?.type, [...registry.keys()]));
  return new registered.Class(serialized.options as never);
}

/** Imports the files that registered these callbacks' types, where this thread has not registered them yet. */
export async function importCallbackSources(serialized: readonly SerializedCallback[]): Promise<void> {
  for (const { type, source } of serialized) {
    if (source !== undefined && !registry.has(type)) await import(source);
  }
}
