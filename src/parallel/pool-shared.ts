/**
 * One warm pool per process, shared by every search it runs (a script's several searches,
 * compare, the rounds of halving), as joblib keeps one reusable executor: a fresh pool
 * costs each search its threads' start-up (a tfjs engine and wasm heap each) and the JIT
 * warm-up of their first fits, about half a second of a 5-second search on this class of
 * machine. `startWorkers(nJobs)` starts it ahead of the first search — the CLI calls it as
 * soon as it knows nJobs, so the threads start and warm up while the data loads.
 * Idle threads never keep the process alive (piscina unrefs them) and end IDLE_MS after
 * the last search that used them; `closeWorkers()` ends them at once.
 */
import { Piscina } from 'piscina';
import { InvalidParameterError, messages, warn } from '../core/index.js';
import { initBackend } from '../backend/index.js';
import { MAX_JOBS } from '../validation/index.js';
import { needsTypeScript, workerExecArgv, workerFilename } from './typescript.js';
import type { WorkerData } from './worker.js';

/** How long an idle shared pool waits for the next search before its threads end. */
export const IDLE_MS = 30_000;

interface Entry {
  pool: Piscina;
  key: string;
  /** True while a run uses the pool: each run has its pool to itself, so nJobs means its threads. */
  busy: boolean;
  idle?: NodeJS.Timeout;
}

/** Every shared pool; more than one of a shape only while searches run at the same time. */
const entries: Entry[] = [];

export interface PoolShape {
  threads: number;
  /** The backend the workers initialise ('wasm' or 'cpu'); undefined: GRIDFOLD_BACKEND / auto. */
  backend: string | undefined;
  /** Workers that can import TypeScript (a module file in .ts). */
  typescript: boolean;
}

/** A new pool of this shape, its threads started at once (minThreads = maxThreads). */
export function createPool(shape: PoolShape, resourceLimits?: import('node:worker_threads').ResourceLimits): Piscina {
  const workerData: WorkerData = { backend: shape.backend };
  const pool = new Piscina({
    filename: workerFilename(),
    minThreads: shape.threads,
    maxThreads: shape.threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
    workerData,
    resourceLimits,
    execArgv: workerExecArgv(shape.typescript),
  });
  // Without a listener an 'error' event would crash the process; during a run, dispatch
  // listens too and stops the run, since that run's tasks could wait forever.
  pool.on('error', (error: Error) => warn('GridfoldWarning', messages.workerFailedIdle(error.message)));
  return pool;
}

function keyOf(shape: PoolShape): string {
  return `${shape.threads}:${shape.backend ?? ''}:${shape.typescript ? 'ts' : 'js'}`;
}

/**
 * A free pool of this shape, taken for one run (give it back with `releaseSharedPool`); a
 * new one when every such pool is busy (searches running at the same time in one process).
 * A pool that can import TypeScript also serves runs that need only JavaScript.
 */
export function takeSharedPool(shape: PoolShape): { pool: Piscina; created: boolean } {
  const keys = [keyOf(shape), ...(shape.typescript ? [] : [keyOf({ ...shape, typescript: true })])];
  const entry = entries.find((e) => !e.busy && keys.includes(e.key));
  if (entry) {
    clearTimeout(entry.idle);
    entry.idle = undefined;
    entry.busy = true;
    return { pool: entry.pool, created: false };
  }
  const pool = createPool(shape);
  entries.push({ pool, key: keyOf(shape), busy: true });
  return { pool, created: true };
}

export function releaseSharedPool(pool: Piscina): void {
  const entry = entries.find((e) => e.pool === pool);
  if (!entry) return;
  entry.busy = false;
  entry.idle = setTimeout(() => void retireSharedPool(pool), IDLE_MS);
  entry.idle.unref();
}

/** Ends a shared pool's threads now (a hard stop cancelled fits on it, or it went idle). */
export async function retireSharedPool(pool: Piscina): Promise<void> {
  const at = entries.findIndex((e) => e.pool === pool);
  if (at >= 0) {
    clearTimeout(entries[at].idle);
    entries.splice(at, 1);
  }
  await pool.destroy();
}

/**
 * Starts the process's worker threads for searches with `nJobs` jobs now, without waiting
 * for them: each initialises its backend and warms the training kernels up, so that a
 * search started later finds them ready. Resolves once they are being started (not ready).
 * Nothing to do on a native backend (its searches run in this thread) or for nJobs 1.
 */
export async function startWorkers(nJobs: number): Promise<void> {
  if (typeof nJobs !== 'number' || !Number.isInteger(nJobs) || nJobs < 1 || nJobs > MAX_JOBS) {
    throw new InvalidParameterError(messages.startWorkersInvalid(nJobs, MAX_JOBS));
  }
  if (nJobs === 1) return;
  const backend = await initBackend();
  if (backend.native) return;
  // Under tsx (gridfold's own sources) the worker file itself is TypeScript.
  const shape = { threads: nJobs, backend: workerBackend(backend.name), typescript: needsTypeScript([]) };
  // One idle pool of this shape is enough: a running search's busy one does not count.
  if (entries.some((e) => !e.busy && e.key === keyOf(shape))) return;
  releaseSharedPool(takeSharedPool(shape).pool);
}

/** Ends every shared worker thread now; the next search starts new ones. */
export async function closeWorkers(): Promise<void> {
  await Promise.all([...entries].map((entry) => retireSharedPool(entry.pool)));
}

/** Thread ids of the shared pools' workers (tests: the same ids across searches show the threads stayed). */
export function sharedWorkerThreadIds(): number[] {
  return entries.flatMap((entry) => entry.pool.threads.map((worker) => worker.threadId));
}

/** The backend name workers are told to start: the main thread's, where a worker can run it. */
export function workerBackend(name: string): string | undefined {
  return name === 'wasm' || name === 'cpu' ? name : undefined;
}
