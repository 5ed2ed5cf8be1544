/**
 * `gridfold worker`'s loop: wait for a run's manifest, have the caller check it (version,
 * search file, data) and load the data, then take tasks from the queue until stopped, each
 * on a slot of the local pool. A fit that fails for its own reason comes back as an error
 * row (the pool's contract); only failures outside the fits (core/failures.ts) make BullMQ
 * retry a job.
 * A stop lets the running tasks finish; a second one hands them back to the queue.
 */
import { Worker, WaitingError, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { RunMismatchError, isInfrastructureFailure, messages, type FitRecord } from '../core/index.js';
import { moduleToRef, resolveModule } from '../estimators/index.js';
import type { Scorer } from '../scoring/index.js';
import type { Executor, FitTask, SearchData } from '../validation/index.js';
import { failedRecord } from '../parallel/failed-record.js';
import type { RedisTarget } from './connection.js';
import { KEY_PREFIX, keys, parseManifest, type RunManifest } from './manifest.js';
import { Slots } from './slots.js';
import { decodeUnit, encodeResults, type TaskJobData } from './wire.js';

export interface JoinedRun {
  manifest: RunManifest;
  data: SearchData;
  /** Function scorers of the worker's own search file (the fits then run in this process). */
  customScorers?: Record<string, Scorer>;
}

export interface QueueWorkerOptions {
  redis: Redis;
  target: RedisTarget;
  queue: string;
  /** Shown in the progress and recorded with every fit (results.json's `worker`). */
  name: string;
  /** Tasks at once, each on a worker thread of its own. */
  slots: number;
  /** BullMQ's lock on a running task, renewed at half of it; a worker silent this long has its tasks re-queued. */
  lockDurationMs: number;
  /** How often this worker looks for tasks whose worker stopped renewing its lock. */
  stalledIntervalMs: number;
  /** Checks the manifest against this machine and loads the data; throws RunMismatchError naming what differs. */
  join: (manifest: RunManifest) => Promise<JoinedRun>;
  log: (line: string) => void;
  /** Aborted: take no new task, finish the running ones, return. */
  stop: AbortSignal;
  /** Aborted: hand the running tasks back to the queue now. */
  handBack: AbortSignal;
  /** How often to look for a run while there is none. Default 500 ms. */
  pollMs?: number;
}

/** Tasks a stalled job may be re-queued before it fails; counted over all workers. */
export const MAX_STALLED = 2;

/** Runs until `stop`; resolves with the number of fits run. Rejects with RunMismatchError when the run is not this machine's. */
export async function runQueueWorker(o: QueueWorkerOptions): Promise<{ fits: number }> {
  let run = await waitForRun(o);
  if (!run) return { fits: 0 };
  let slots = new Slots(o.slots, run.data);
  let fits = 0;
  let switching: Promise<void> | undefined;
  let refused: unknown;
  const stopNow = new AbortController();
  const onStop = () => stopNow.abort();
  o.stop.addEventListener('abort', onStop);

  const switchTo = async (runId: string) => {
    const manifest = parseManifest(await o.redis.get(keys.manifest(o.queue)));
    if (!manifest || manifest.runId !== runId) throw new UnrecoverableError(`task of run ${runId}, which is no longer the queue's run`);
    await slots.close();
    run = await join(o, manifest);
    slots = new Slots(o.slots, run!.data);
  };

  const processor = async (job: Job<TaskJobData>, token?: string): Promise<{ fits: number; worker: string }> => {
    const handBack = async (): Promise<never> => {
      await job.moveToWait(token);
      throw new WaitingError();
    };
    if (o.handBack.aborted) return handBack();
    if (job.data.runId !== run!.manifest.runId) {
      switching ??= switchTo(job.data.runId).finally(() => (switching = undefined));
      try {
        await switching;
      } catch (error) {
        if (!(error instanceof RunMismatchError)) throw error;
        refused ??= error;
        stopNow.abort();
        return handBack();
      }
    }
    const current = run!;
    let unit: Array<{ key: string; task: FitTask }>;
    try {
      unit = decodeUnit(job.data.unit);
    } catch (error) {
      throw new UnrecoverableError(`unreadable task: ${(error as Error).message}`);
    }
    const started = performance.now();
    o.log(messages.workerTook(o.name, String(job.id), unit.length));
    const records = await slots.use((executor, data) => runUnit(executor, unit, { ...current, data }, o.handBack));
    if (records === undefined) return handBack();
    // A fit stopped from outside it (its thread died, it ran past fitTimeout) says nothing of
    // the candidate: BullMQ tries the task again, elsewhere if another worker takes it; the
    // last attempt's records stand, with their own error.
    const lost = records.find((record) => isInfrastructureFailure(record.error));
    if (lost && job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw new Error(`${lost.error!.name}: ${lost.error!.message}`);
    const named = records.map((record) => ({ ...record, worker: o.name }));
    const results = named.map((record, i) => [unit[i].key, encodeResults([{ key: unit[i].key, record }]).slice(1, -1)]);
    await o.redis.hset(keys.results(o.queue, current.manifest.runId), Object.fromEntries(results));
    fits += named.length;
    o.log(messages.workerRan(o.name, named.length, (performance.now() - started) / 1000));
    return { fits: named.length, worker: o.name };
  };

  const worker = new Worker<TaskJobData>(o.queue, processor, {
    connection: o.redis,
    prefix: KEY_PREFIX,
    name: o.name,
    concurrency: o.slots,
    lockDuration: o.lockDurationMs,
    stalledInterval: o.stalledIntervalMs,
    maxStalledCount: MAX_STALLED,
    // Each job is one unit; a finished one is read from the results hash, not kept as a job.
    removeOnComplete: { count: 0 },
  });
  worker.on('failed', (job, error) => {
    if (job && !(error instanceof WaitingError)) o.log(messages.workerTaskFailed(o.name, String(job.id), error.message));
  });
  worker.on('error', () => {}); // connection errors: the client reconnects by itself
  try {
    await new Promise<void>((resolve) => (stopNow.signal.aborted ? resolve() : stopNow.signal.addEventListener('abort', () => resolve(), { once: true })));
    // close() waits for the running tasks; a hand-back makes them return early.
    await worker.close();
  } finally {
    o.stop.removeEventListener('abort', onStop);
    await slots.close();
  }
  if (refused !== undefined) throw refused;
  return { fits };
}

async function waitForRun(o: QueueWorkerOptions): Promise<JoinedRun | undefined> {
  let said = false;
  while (!o.stop.aborted) {
    const manifest = parseManifest(await o.redis.get(keys.manifest(o.queue)));
    if (manifest) return join(o, manifest);
    if (!said) o.log(messages.workerWaiting(o.queue, o.target.shown));
    said = true;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        o.stop.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, o.pollMs ?? 500);
      o.stop.addEventListener('abort', done, { once: true });
    });
  }
  return undefined;
}

/** The caller's checks; a refusal is left in Redis for the coordinator to print. */
async function join(o: QueueWorkerOptions, manifest: RunManifest): Promise<JoinedRun> {
  try {
    return await o.join(manifest);
  } catch (error) {
    if (error instanceof RunMismatchError) {
      await o.redis.rpush(keys.refusals(o.queue, manifest.runId), JSON.stringify({ worker: o.name, reason: error.message }));
    }
    throw error;
  }
}

/** The unit's records in task order, or undefined when handed back before it finished. */
async function runUnit(executor: Executor, unit: Array<{ key: string; task: FitTask }>, run: JoinedRun, handBack: AbortSignal): Promise<FitRecord[] | undefined> {
  const tasks: FitTask[] = [];
  const refused: FitRecord[] = [];
  for (const { task } of unit) {
    const local = await withLocalModule(task);
    if (local === undefined) refused.push(failedRecord(task, { name: 'RunMismatchError', message: messages.workerModuleUnknown(String((task.estimator.params.module as { name?: unknown }).name)) }));
    else tasks.push(local);
  }
  if (refused.length > 0) return unit.map(({ task }) => refused.find((r) => r.candidateIndex === task.candidateIndex && r.foldIndex === task.foldIndex) ?? failedRecord(task, refused[0].error!));
  const stackGroups = new Map(tasks.map((task) => [task.candidateIndex, 0]));
  const records = await executor.run(tasks, run.data, { stackGroups: tasks.length > 1 ? stackGroups : undefined, customScorers: run.customScorers, signal: handBack });
  if (handBack.aborted || records.length < tasks.length) return undefined;
  return records;
}

/** The task with its module as this machine's search file defines it; undefined when it does not. */
async function withLocalModule(task: FitTask): Promise<FitTask | undefined> {
  const module = task.estimator.params.module;
  if (typeof module !== 'object' || module === null) return task;
  const name = (module as { name?: unknown }).name;
  let local: unknown;
  try {
    // By name only: resolveModule finds a name among the modules this worker's files defined, importing nothing.
    local = typeof name === 'string' ? moduleToRef(await resolveModule(name)) : undefined;
  } catch {
    local = undefined;
  }
  if (local === undefined) return undefined;
  return { ...task, estimator: { ...task.estimator, params: { ...task.estimator.params, module: local } } };
}
