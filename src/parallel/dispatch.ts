/**
 * Feeding the pool. One "lane" per thread takes the next task, runs it and reports its
 * record; there is never a queue inside piscina, so a polite stop only has to stop the
 * lanes from taking more. A worker that dies fails its own fit — the record says why —
 * and piscina starts a replacement while the lane goes on with the next task; so does one
 * past its fitTimeout (src/parallel/fit-timer.ts).
 */
import type { Piscina } from 'piscina';
import { GridfoldError, SearchInterruptedError, WorkerDiedError, messages, type FitRecord, type SerializedError } from '../core/index.js';
import { unitsOf, type FitTask, type RunOptions } from '../validation/index.js';
import { failedRecord } from './failed-record.js';
import { UnitTimers } from './fit-timer.js';
import type { SharedDataset } from './shared-data.js';
import type { TaskGroup } from './worker.js';

export interface DispatchOutcome {
  /** Records of the tasks that ran, in task order. */
  records: FitRecord[];
  /** True when running fits were cancelled: the caller must terminate the workers. */
  hardStop: boolean;
  /** A failure that must reach the caller (a journal write, a pool that cannot start). */
  failure?: unknown;
}

/** Unit ids unique in the process: runs of several searches may share one pool and its messages. */
let nextUnitId = 0;

export async function dispatch(pool: Piscina, tasks: readonly FitTask[], dataset: SharedDataset, options: RunOptions, lanes: number): Promise<DispatchOutcome> {
  const records: Array<FitRecord | undefined> = new Array(tasks.length);
  const running = new Set<AbortController>();
  const signal = options.signal;
  let next = 0;
  let hardStop = false;
  let failure: unknown;

  const cancelRunning = () => {
    hardStop = true;
    for (const controller of running) controller.abort();
  };
  // A polite stop (SIGINT) lets the running fits finish; any other abort cancels them.
  const onAbort = () => {
    if (!(signal?.reason instanceof SearchInterruptedError)) cancelRunning();
  };
  // piscina emits 'error' only for a worker that fails with no task of ours on it — at
  // start-up, typically. Its tasks would then wait forever: stop instead.
  const onPoolError = (error: Error) => {
    failure ??= new GridfoldError(messages.workerPoolBroken(error.message));
    cancelRunning();
  };
  signal?.addEventListener('abort', onAbort);
  if (signal?.aborted) onAbort();
  pool.on('error', onPoolError);

  // Records are reported one at a time, in completion order: the journal append of one
  // finishes before the next record is reported.
  let reporting: Promise<void> = Promise.resolve();
  const report = (record: FitRecord): Promise<void> => {
    reporting = reporting.then(() => options.onResult?.(record));
    return reporting;
  };

  // A unit is one task, or the pending fits of a stack (one or more candidates' folds).
  const units = unitsOf(tasks, options.stackGroups);
  const indexOf = new Map(tasks.map((task, i) => [task, i]));
  const timers = new UnitTimers(pool);
  const lane = async (): Promise<void> => {
    while (!hardStop && !signal?.aborted && failure === undefined && next < units.length) {
      const unit = units[next++];
      const done = await runGroup(pool, { id: nextUnitId++, tasks: unit, dataset }, running, timers, () => hardStop);
      if (!done) return;
      for (const [i, record] of done.entries()) {
        records[indexOf.get(unit[i])!] = record;
        try {
          await report(record);
        } catch (error) {
          failure ??= error;
          cancelRunning();
          return;
        }
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(lanes, units.length) }, lane));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    pool.off('error', onPoolError);
    timers.close();
  }
  return { records: records.filter((r): r is FitRecord => r !== undefined), hardStop, failure };
}

/**
 * Runs a unit on a worker: its records in task order; undefined when a hard stop cancelled
 * it. A unit past its fitTimeout is cancelled too (its worker terminated and replaced).
 */
async function runGroup(pool: Piscina, group: TaskGroup, running: Set<AbortController>, timers: UnitTimers, stopped: () => boolean): Promise<FitRecord[] | undefined> {
  const unit = group.tasks;
  const controller = new AbortController();
  running.add(controller);
  timers.arm(group.id, unit[0].fitTimeout, unit.length, () => controller.abort());
  const started = performance.now();
  try {
    return (await pool.run({ ...group, tasks: unit.map(toWire) }, { signal: controller.signal })) as FitRecord[];
  } catch (error) {
    const elapsed = (performance.now() - started) / 1000;
    if (timers.timedOut(group.id)) {
      const message = messages.fitTimedOut(unit[0].fitTimeout!, unit.length, messages.workerTerminated());
      return unit.map((task) => failedRecord(task, { name: 'FitTimeoutError', message }, elapsed));
    }
    if (stopped()) return undefined;
    // A worker that dies takes its whole unit with it: every fit in it failed.
    return unit.map((task) => failedRecord(task, workerError(task, error), elapsed));
  } finally {
    running.delete(controller);
    timers.disarm(group.id);
  }
}

/** Fold indices may be views of a larger buffer (halving): send only their own rows. */
function toWire(task: FitTask): FitTask {
  return { ...task, train: task.train.slice(), test: task.test.slice() };
}

function workerError(task: FitTask, error: unknown): SerializedError {
  const cause = error instanceof Error ? error.message : String(error);
  return {
    name: WorkerDiedError.name,
    message: messages.workerDied(task.candidateIndex, task.foldIndex, cause),
    stack: error instanceof Error ? error.stack : undefined,
  };
}
