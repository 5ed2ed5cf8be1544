/**
 * The worker-thread executor: a piscina pool whose threads live for the whole search
 * (each keeps its TensorFlow.js backend), fed one task group at a time so that a stop
 * request can leave running fits alone. Each group carries the dataset as shared memory
 * (copied once per dataset, never per task), so one pool serves any data: with `shared`
 * the executor borrows the process's warm pool (src/parallel/pool-shared.ts) instead of
 * starting its own.
 */
import type { ResourceLimits } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { InvalidParameterError, messages, warn, type FitRecord } from '../core/index.js';
import { initBackend } from '../backend/index.js';
import { InProcessExecutor, MAX_JOBS, type Executor, type FitTask, type RunOptions, type SearchData } from '../validation/index.js';
import { dispatch } from './dispatch.js';
import { createPool, releaseSharedPool, retireSharedPool, takeSharedPool, workerBackend } from './pool-shared.js';
import { shareDataset, sharedBytes, type SharedDataset } from './shared-data.js';
import { needsTypeScript } from './typescript.js';

export interface PoolExecutorOptions {
  /** Worker threads: a positive integer. */
  nJobs: number;
  /** Per-worker memory limits (a fit over them fails alone; the worker is replaced). */
  resourceLimits?: ResourceLimits;
  /** Told one line when the pool starts (workers, backend, shared megabytes). */
  announce?: (line: string) => void;
  /**
   * Borrow the process's warm pool of nJobs threads, kept between searches, instead of
   * starting (and ending) a pool of its own. Not with resourceLimits.
   */
  shared?: boolean;
}

const OPTIONS = ['nJobs', 'resourceLimits', 'announce', 'shared'];

export class PoolExecutor implements Executor {
  readonly nJobs: number;
  private readonly resourceLimits: ResourceLimits | undefined;
  private readonly announce: ((line: string) => void) | undefined;
  private readonly shared: boolean;
  private pool: Piscina | undefined;
  /** Whether the pool's workers can import TypeScript. */
  private poolTypeScript = false;
  /** Each dataset this executor ran on, in shared memory: copied once, whatever the number of runs. */
  private readonly sharedData = new WeakMap<SearchData, SharedDataset>();
  private backendName: string | undefined;
  private runsInProcess = false;

  constructor(options: PoolExecutorOptions) {
    if (typeof options !== 'object' || options === null) throw new InvalidParameterError(messages.poolOptionInvalid('options', options, 'an object'));
    for (const key of Object.keys(options)) {
      if (!OPTIONS.includes(key)) throw new InvalidParameterError(messages.unknownOption('PoolExecutor', key, OPTIONS));
    }
    const { nJobs, resourceLimits, announce, shared } = options;
    if (typeof nJobs !== 'number' || !Number.isInteger(nJobs) || nJobs < 1 || nJobs > MAX_JOBS) {
      throw new InvalidParameterError(messages.poolOptionInvalid('nJobs', nJobs, `an integer in [1, ${MAX_JOBS}]`));
    }
    if (resourceLimits !== undefined && (typeof resourceLimits !== 'object' || resourceLimits === null)) {
      throw new InvalidParameterError(messages.poolOptionInvalid('resourceLimits', resourceLimits, 'an object of worker resource limits'));
    }
    if (announce !== undefined && typeof announce !== 'function') throw new InvalidParameterError(messages.poolOptionInvalid('announce', announce, 'a function'));
    if (shared !== undefined && typeof shared !== 'boolean') throw new InvalidParameterError(messages.poolOptionInvalid('shared', shared, 'true or false'));
    if (shared && resourceLimits !== undefined) throw new InvalidParameterError(messages.poolOptionInvalid('shared', shared, 'false when resourceLimits are given (a shared pool has the default limits)'));
    this.nJobs = nJobs;
    this.resourceLimits = resourceLimits;
    this.announce = announce;
    this.shared = shared === true;
  }

  get description(): string {
    if (this.runsInProcess) return `in-process (1 job: backend ${this.backendName} is not thread-safe)`;
    return `${this.nJobs} worker threads${this.backendName ? ` (${this.backendName})` : ''}`;
  }

  /** Worker threads alive right now: 0 before the first run and after close(). */
  get threads(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** Their thread ids: the same ids across runs show that the threads (and their backends) stayed. */
  get threadIds(): number[] {
    return this.pool?.threads.map((worker) => worker.threadId) ?? [];
  }

  async run(tasks: readonly FitTask[], data: SearchData, options: RunOptions = {}): Promise<FitRecord[]> {
    if (tasks.length === 0) return [];
    const backend = await initBackend();
    this.backendName = backend.name;
    if (backend.native || options.customScorers || options.keepEstimator) {
      // tfjs #8388: tfjs-node loaded in several threads of one process crashes. Function
      // scorers and kept estimators cannot cross a thread boundary either. All run here, one fit at a time.
      if (backend.native && !this.runsInProcess) warn('GridfoldWarning', messages.nativeBackendSingleJob(this.nJobs, tasks.length));
      this.runsInProcess = backend.native;
      return new InProcessExecutor().run(tasks, data, options);
    }
    const dataset = this.datasetOf(data);
    const typescript = needsTypeScript(tasks);
    if (this.shared) {
      const { pool, created } = takeSharedPool({ threads: this.nJobs, backend: workerBackend(backend.name), typescript });
      if (created) this.announce?.(messages.poolStarted(this.nJobs, backend.name, sharedBytes(dataset) / 2 ** 20));
      let hardStop = false;
      try {
        const outcome = await dispatch(pool, tasks, dataset, options, this.nJobs);
        hardStop = outcome.hardStop;
        if (outcome.failure !== undefined) throw outcome.failure;
        return outcome.records;
      } finally {
        releaseSharedPool(pool);
        // A hard stop (errorScore 'raise', a failed journal write): no thread outlives it.
        if (hardStop) await retireSharedPool(pool);
      }
    }
    const pool = await this.poolFor(tasks, typescript, backend.name, dataset);
    const outcome = await dispatch(pool, tasks, dataset, options, pool.maxThreads);
    // A hard stop (errorScore 'raise', a failed journal write): no thread outlives it.
    if (outcome.hardStop) await this.close();
    if (outcome.failure !== undefined) throw outcome.failure;
    return outcome.records;
  }

  /** Ends this executor's own pool; a shared pool stays for the process's next search. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    // destroy, not close: nothing is queued once run() returned, and a thread stuck in a
    // fit must not keep the process alive.
    if (pool) await pool.destroy();
  }

  private datasetOf(data: SearchData): SharedDataset {
    let dataset = this.sharedData.get(data);
    if (!dataset) {
      dataset = shareDataset(data);
      this.sharedData.set(data, dataset);
    }
    return dataset;
  }

  private async poolFor(tasks: readonly FitTask[], typescript: boolean, backend: string, dataset: SharedDataset): Promise<Piscina> {
    if (this.pool && (this.poolTypeScript || !typescript)) return this.pool;
    await this.close();
    const threads = Math.min(this.nJobs, tasks.length);
    this.pool = createPool({ threads, backend: workerBackend(backend), typescript }, this.resourceLimits);
    this.poolTypeScript = typescript;
    this.announce?.(messages.poolStarted(threads, backend, sharedBytes(dataset) / 2 ** 20));
    return this.pool;
  }
}
