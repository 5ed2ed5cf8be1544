/**
 * The worker-thread executor: a piscina pool whose threads live for the whole search
 * (each keeps its TensorFlow.js backend and its view of the shared dataset), fed one
 * task group at a time so that a stop request can leave running fits alone.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { InvalidParameterError, messages, warn, type FitRecord } from '../core/index.js';
import { initBackend } from '../backend/index.js';
import { InProcessExecutor, MAX_JOBS, type Executor, type FitTask, type RunOptions, type SearchData } from '../validation/index.js';
import { dispatch } from './dispatch.js';
import { shareDataset, sharedBytes } from './shared-data.js';
import { needsTypeScript, workerExecArgv, workerFilename } from './typescript.js';
import type { WorkerData } from './worker.js';

export interface PoolExecutorOptions {
  /** Worker threads: a positive integer. */
  nJobs: number;
  /** Per-worker memory limits (a fit over them fails alone; the worker is replaced). */
  resourceLimits?: ResourceLimits;
  /** Told one line when the pool starts (workers, backend, shared megabytes). */
  announce?: (line: string) => void;
}

const OPTIONS = ['nJobs', 'resourceLimits', 'announce'];

export class PoolExecutor implements Executor {
  readonly nJobs: number;
  private readonly resourceLimits: ResourceLimits | undefined;
  private readonly announce: ((line: string) => void) | undefined;
  private pool: Piscina | undefined;
  /** The data the pool's workers view, and whether they can import TypeScript. */
  private poolData: SearchData | undefined;
  private poolTypeScript = false;
  private backendName: string | undefined;
  private runsInProcess = false;

  constructor(options: PoolExecutorOptions) {
    if (typeof options !== 'object' || options === null) throw new InvalidParameterError(messages.poolOptionInvalid('options', options, 'an object'));
    for (const key of Object.keys(options)) {
      if (!OPTIONS.includes(key)) throw new InvalidParameterError(messages.unknownOption('PoolExecutor', key, OPTIONS));
    }
    const { nJobs, resourceLimits, announce } = options;
    if (typeof nJobs !== 'number' || !Number.isInteger(nJobs) || nJobs < 1 || nJobs > MAX_JOBS) {
      throw new InvalidParameterError(messages.poolOptionInvalid('nJobs', nJobs, `an integer in [1, ${MAX_JOBS}]`));
    }
    if (resourceLimits !== undefined && (typeof resourceLimits !== 'object' || resourceLimits === null)) {
      throw new InvalidParameterError(messages.poolOptionInvalid('resourceLimits', resourceLimits, 'an object of worker resource limits'));
    }
    if (announce !== undefined && typeof announce !== 'function') throw new InvalidParameterError(messages.poolOptionInvalid('announce', announce, 'a function'));
    this.nJobs = nJobs;
    this.resourceLimits = resourceLimits;
    this.announce = announce;
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
    const pool = await this.poolFor(tasks, data, backend.name);
    const outcome = await dispatch(pool, tasks, options, pool.maxThreads);
    // A hard stop (errorScore 'raise', a failed journal write): no thread outlives it.
    if (outcome.hardStop) await this.close();
    if (outcome.failure !== undefined) throw outcome.failure;
    return outcome.records;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.poolData = undefined;
    // destroy, not close: nothing is queued once run() returned, and a thread stuck in a
    // fit must not keep the process alive.
    if (pool) await pool.destroy();
  }

  private async poolFor(tasks: readonly FitTask[], data: SearchData, backend: string): Promise<Piscina> {
    const typescript = needsTypeScript(tasks);
    if (this.pool && this.poolData === data && (this.poolTypeScript || !typescript)) return this.pool;
    await this.close();
    const dataset = shareDataset(data);
    const workerData: WorkerData = { dataset, backend: backend === 'wasm' || backend === 'cpu' ? backend : undefined };
    const threads = Math.min(this.nJobs, tasks.length);
    this.pool = new Piscina({
      filename: workerFilename(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
      workerData,
      resourceLimits: this.resourceLimits,
      execArgv: workerExecArgv(typescript),
    });
    // Without a listener an 'error' event would crash the process; during a run, dispatch
    // listens too and stops the run, since that run's tasks could wait forever.
    this.pool.on('error', (error: Error) => warn('GridfoldWarning', messages.workerFailedIdle(error.message)));
    this.poolData = data;
    this.poolTypeScript = typescript;
    this.announce?.(messages.poolStarted(threads, backend, sharedBytes(dataset) / 2 ** 20));
    return this.pool;
  }
}
