/**
 * User-defined modules. `defineModule(name, builder)` registers a builder and remembers
 * the file that defined it, so a worker thread can rebuild the same module by importing
 * that file: an estimator's `module` crosses the thread boundary as `{ name, path }`.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { InvalidParameterError, messages, type TaskKind } from '../../core/index.js';
import type { LayersModel } from '../../backend/index.js';
import { callerFile } from '../caller-file.js';

export interface ModuleContext {
  /** The module's own parameters, without the `module.` prefix. */
  params: Record<string, unknown>;
  /** Shape of one sample, e.g. `[784]` or `[28, 28, 1]`. */
  inputShape: number[];
  /** Classes for a classifier, targets for a regressor. */
  outputUnits: number;
  task: TaskKind;
  /** A non-zero seed for the module's initialisers (tfjs ignores a seed of 0). */
  seed: number;
  /** What the loss wants from the last layer: logits, or probabilities (a softmax on top). */
  lossExpects: 'logits' | 'probabilities';
}

export type ModuleBuilder = (context: ModuleContext) => LayersModel;

export interface ModuleDefinition {
  readonly kind: 'gridfold.module';
  readonly name: string;
  readonly build: ModuleBuilder;
  /** Default values of the module's parameters; when given, other `module.*` keys are refused. */
  readonly defaults?: Record<string, unknown>;
  /** The file:// URL of the file that called defineModule (undefined for built-ins). */
  readonly source?: string;
}

/** How a module is named in serialised estimator params. */
export interface ModuleRef {
  name: string;
  path: string;
  exportName?: string;
}

const registry = new Map<string, ModuleDefinition>();

export function defineModule(
  name: string,
  build: ModuleBuilder,
  options: { defaults?: Record<string, unknown> } = {},
): ModuleDefinition {
  if (typeof name !== 'string' || name === '' || typeof build !== 'function') {
    throw new InvalidParameterError(messages.defineModuleBadArgs(name, build));
  }
  const definition: ModuleDefinition = {
    kind: 'gridfold.module',
    name,
    build,
    defaults: options.defaults,
    source: callerFile(import.meta.url),
  };
  registry.set(name, definition);
  return definition;
}

/** Registers a built-in module (no source file needed: every thread has it). */
export function registerBuiltin(definition: ModuleDefinition): void {
  registry.set(definition.name, definition);
}

export function isModuleDefinition(value: unknown): value is ModuleDefinition {
  return typeof value === 'object' && value !== null && (value as ModuleDefinition).kind === 'gridfold.module';
}

export function isModuleRef(value: unknown): value is ModuleRef {
  return (
    typeof value === 'object' && value !== null && !isModuleDefinition(value) &&
    typeof (value as ModuleRef).path === 'string'
  );
}

export function knownModuleNames(): string[] {
  return [...registry.keys()];
}

/** Finds a module given as a name, a definition or a `{ path, exportName | name }` reference. */
export async function resolveModule(value: unknown): Promise<ModuleDefinition> {
  if (isModuleDefinition(value)) return value;
  if (typeof value === 'string' && registry.has(value)) return registry.get(value)!;
  if (isModuleRef(value)) return importModule(value);
  throw new InvalidParameterError(messages.unknownModule(value, knownModuleNames()));
}

/** The serialisable form of a module parameter (for worker threads and journals). */
export function moduleToRef(value: unknown): unknown {
  if (!isModuleDefinition(value)) return value;
  if (!value.source) return value.name;
  return { name: value.name, path: value.source };
}

/** True when `value` names something resolveModule can find without importing a file. */
export function isKnownModuleSync(value: unknown): boolean {
  return isModuleDefinition(value) || isModuleRef(value) || (typeof value === 'string' && registry.has(value));
}

export function moduleDefaultsSync(value: unknown): Record<string, unknown> | undefined {
  if (isModuleDefinition(value)) return value.defaults;
  if (typeof value === 'string') return registry.get(value)?.defaults;
  return undefined;
}

async function importModule(ref: ModuleRef): Promise<ModuleDefinition> {
  const url = ref.path.startsWith('file:') ? ref.path : pathToFileURL(isAbsolute(ref.path) ? ref.path : resolve(ref.path)).href;
  const exports = (await import(url)) as Record<string, unknown>;
  const definitions = Object.entries(exports).filter(([, v]) => isModuleDefinition(v)) as Array<[string, ModuleDefinition]>;
  if (ref.exportName !== undefined) {
    const found = definitions.find(([key]) => key === ref.exportName);
    if (!found) throw new InvalidParameterError(messages.moduleNotExported(ref.path, ref.exportName, definitions.map(([k]) => k)));
    return found[1];
  }
  // Importing the file ran its defineModule calls, which registered the modules by name.
  const byName = registry.get(ref.name) ?? definitions.find(([, d]) => d.name === ref.name)?.[1];
  if (!byName) throw new InvalidParameterError(messages.moduleNotExported(ref.path, ref.name, definitions.map(([, d]) => d.name)));
  return byName;
}
