/**
 * TypeScript in worker threads. Under `node --import tsx` the workers inherit the flag,
 * but on Node 20 tsx installs its ESM hooks in the main thread only (its CommonJS hook
 * does load in workers), so a worker could not `import()` a .ts file — neither our own
 * worker.ts nor a user's module file. When a pool must load TypeScript, its workers get
 * the parent's loader flags plus one `--import` that registers tsx's ESM hooks there.
 */
import { fileURLToPath } from 'node:url';
import type { FitTask } from '../validation/index.js';

const TS_FILE = /\.(c|m)?tsx?$/;

/** Flags a worker accepts that make modules load as in the parent (value taken from the next argument). */
const LOADER_FLAGS_WITH_VALUE = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--conditions', '-C']);
const PLAIN_FLAGS = new Set(['--enable-source-maps', '--no-warnings', '--no-deprecation', '--trace-warnings', '--trace-uncaught']);

/** The worker task file beside this one: worker.ts under tsx, worker.js in dist/. */
export function workerFilename(): string {
  const here = fileURLToPath(import.meta.url);
  return here.replace(/typescript\.(ts|js)$/, (_, ext: string) => `worker.${ext}`);
}

export function isTypeScriptPath(path: string): boolean {
  return TS_FILE.test(path.startsWith('file:') ? fileURLToPath(path) : path);
}

/** True when the workers will import TypeScript: our worker.ts, or a user module file. */
export function needsTypeScript(tasks: readonly FitTask[]): boolean {
  if (isTypeScriptPath(workerFilename())) return true;
  return tasks.some((task) => {
    const module = task.estimator.params.module as { path?: unknown } | undefined;
    const callbacks = task.estimator.params.callbacks as Array<{ source?: unknown }>;
    const sources = [module?.path, ...callbacks.map((callback) => callback.source)];
    return sources.some((source) => typeof source === 'string' && isTypeScriptPath(source));
  });
}

/**
 * execArgv for the pool. Workers that import only JavaScript inherit the parent's flags,
 * minus tsx's (loading tsx doubles a worker's start-up, ~0.8 s here, for nothing).
 * Workers that import TypeScript get the parent's loader flags (workers refuse process-wide
 * flags such as --max-old-space-size) and a registration of tsx's ESM hooks.
 */
export function workerExecArgv(typescript: boolean, parent: readonly string[] = process.execArgv): string[] | undefined {
  const loaders = loaderFlags(parent);
  if (typescript) {
    const api = import.meta.resolve('tsx/esm/api');
    return [...loaders.flat(), '--import', `data:text/javascript,import{register}from${JSON.stringify(api)};register();`];
  }
  if (!loaders.some(isTsxFlag)) return undefined;
  return loaders.filter((flag) => !isTsxFlag(flag)).flat();
}

/** The parent's flags a worker accepts, each with its value: [['--import', 'tsx'], ['--enable-source-maps']]. */
function loaderFlags(parent: readonly string[]): string[][] {
  const kept: string[][] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i];
    const flag = arg.split('=')[0];
    if (PLAIN_FLAGS.has(arg)) kept.push([arg]);
    else if (LOADER_FLAGS_WITH_VALUE.has(flag) && arg.includes('=')) kept.push([arg]);
    else if (LOADER_FLAGS_WITH_VALUE.has(arg) && i + 1 < parent.length) kept.push([arg, parent[++i]]);
  }
  return kept;
}

/** `--import tsx`, `--import=tsx`, `--require tsx/cjs`, tsx's CLI `--import file:///…/tsx/dist/loader.mjs`. */
function isTsxFlag(flag: string[]): boolean {
  const value = (flag.length === 2 ? flag[1] : flag[0].split('=').slice(1).join('=')).replace(/\\/g, '/');
  return value === 'tsx' || value.startsWith('tsx/') || value.includes('/node_modules/tsx/');
}
