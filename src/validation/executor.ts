/**
 * Where fits run. The search engine hands an executor a list of tasks and gets their
 * records back in task order, whatever order they finished in. The in-process executor
 * lives here; the worker-thread pool (src/parallel) registers itself as the factory for
 * nJobs > 1, so the search never imports the pool.
 */
import os from 'node:os';
import { InvalidParameterError, messages, type FitRecord } from '../core/index.js';
import type { NeuralNet } from '../estimators/index.js';
import type { Scorer } from '../scoring/index.js';
import { fitAndScore, fitAndScoreGroup, fitAndScoreKeeping } from './fit-and-score.js';
import { unitsOf, type FitTask, type SearchData } from './task.js';

export interface RunOptions {
  /** Called as each fit finishes, before the next is reported (journal, progress). */
  onResult?: (record: FitRecord) => void | Promise<void>;
  /** Aborting stops dispatching; running fits finish (in-process) or are cancelled (pool). */
  signal?: AbortSignal;
  /** Function scorers, which cannot cross a thread boundary. */
  customScorers?: Record<string, Scorer>;
  /** Fitted estimators go here instead of being freed; they cannot cross a thread boundary either. */
  keepEstimator?: (task: FitTask, estimator: NeuralNet) => void;
  /** Candidate → its stack: the pending fits of a stack train as one model where they can (fitAndScoreGroup). */
  stackGroups?: ReadonlyMap<number, number>;
}

export interface Executor {
  /** e.g. "in-process" or "2 worker threads (wasm)". */
  readonly description: string;
  /** Records of the tasks that ran, in task order (fewer than tasks when aborted). */
  run(tasks: readonly FitTask[], data: SearchData, options?: RunOptions): Promise<FitRecord[]>;
  close(): Promise<void>;
}

export interface ExecutorRequest {
  nJobs: number;
  /** True when a custom scorer or callback forces the fits into this thread. */
  inProcessOnly: boolean;
  /**
   * With a fitTimeout even one job runs on a worker thread: there a fit that never returns
   * to its loop can still be stopped (the thread is terminated); in this thread it cannot.
   */
  fitTimeout?: number;
}

export class InProcessExecutor implements Executor {
  readonly description = 'in-process (1 job)';

  async run(tasks: readonly FitTask[], data: SearchData, options: RunOptions = {}): Promise<FitRecord[]> {
    const records: FitRecord[] = [];
    const units = unitsOf(tasks, options.stackGroups);
    for (const unit of units) {
      if (options.signal?.aborted) break;
      const done = unit.length > 1
        ? await fitAndScoreGroup(unit, data, options.customScorers)
        : [await fitOne(unit[0], data, options)];
      for (const record of done) {
        await options.onResult?.(record);
        records.push(record);
      }
    }
    // Task order, whatever order the groups ran in.
    const position = new Map(tasks.map((task, i) => [`${task.candidateIndex}:${task.foldIndex}`, i]));
    return records.sort((a, b) => position.get(`${a.candidateIndex}:${a.foldIndex}`)! - position.get(`${b.candidateIndex}:${b.foldIndex}`)!);
  }

  async close(): Promise<void> {}
}

async function fitOne(task: FitTask, data: SearchData, options: RunOptions): Promise<FitRecord> {
  if (!options.keepEstimator) return fitAndScore(task, data, options.customScorers);
  const { record, estimator } = await fitAndScoreKeeping(task, data, options.customScorers);
  if (estimator) options.keepEstimator(task, estimator);
  return record;
}

type ExecutorFactory = (request: ExecutorRequest) => Executor;

let factory: ExecutorFactory = () => new InProcessExecutor();

/** Installed by src/parallel so that nJobs > 1 runs on worker threads. */
export function setExecutorFactory(next: ExecutorFactory): void {
  factory = next;
}

export function createExecutor(request: ExecutorRequest): Executor {
  const onWorker = request.nJobs > 1 || (request.fitTimeout !== undefined && !request.inProcessOnly);
  return onWorker ? factory(request) : new InProcessExecutor();
}

export const MAX_JOBS = 256;

/** nJobs: a positive integer, or -1 for every core. */
export function resolveNJobs(value: unknown): number {
  if (value === -1) return os.availableParallelism();
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_JOBS) {
    throw new InvalidParameterError(messages.nJobsInvalid(value, MAX_JOBS));
  }
  return value;
}
