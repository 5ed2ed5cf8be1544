/**
 * The coordinator's executor: the engine plans candidates, folds and stacks exactly as for
 * a local run and hands this executor the units; each unit becomes one BullMQ job, and
 * the records come back through the run's results hash in Redis (a worker writes them
 * there before it completes the job). BullMQ delivers at least once, so a unit may run
 * twice: every fit is recorded once, by its key — the journal's fingerprint of the fit.
 * A job that fails outside its fits after all its attempts (its workers died, a pool
 * would not start) becomes error rows, never an endless retry.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { RunMismatchError, SearchInterruptedError, messages, type FitRecord } from '../core/index.js';
import { unitsOf, type Executor, type FitTask, type RunOptions, type SearchData } from '../validation/index.js';
import { dataFingerprint, fitKey } from '../results/journal.js';
import { fitRecordProblem } from '../results/record-check.js';
import { failedRecord } from '../parallel/failed-record.js';
import { VERSION } from '../version.js';
import type { RedisTarget } from './connection.js';
import { KEY_PREFIX, keys, manifestDifferences, parseManifest, type RunManifest } from './manifest.js';
import { encodeUnit, decodeResults, type TaskJobData } from './wire.js';
import { CoordinatorLock } from './lock.js';

/** How often the coordinator looks at Redis besides reacting to BullMQ's events. */
const SWEEP_MS = 1000;
/** Without a worker for this long, the coordinator says so (once). */
const NO_WORKER_NOTICE_MS = 10_000;
/** Attempts of a job that fails outside its fits; stalls are counted by the workers' maxStalledCount. */
export const JOB_ATTEMPTS = 3;

export interface QueueExecutorOptions {
  redis: Redis;
  target: RedisTarget;
  queue: string;
  search: RunManifest['search'];
  overrides: RunManifest['overrides'];
  /** Keep the run already in Redis (its results and queued tasks) instead of starting afresh. */
  resume: boolean;
  log: (line: string) => void;
}

interface Outstanding {
  task: FitTask;
  jobId: string;
}

export class QueueExecutor implements Executor {
  private readonly o: QueueExecutorOptions;
  private readonly queue: Queue;
  private events: QueueEvents | undefined;
  private eventsConnection: Redis | undefined;
  private readonly lock: CoordinatorLock;
  private manifest: RunManifest | undefined;
  /** Fit keys recorded in this process: a fit that comes back twice is counted once. */
  private readonly recorded = new Set<string>();

  constructor(options: QueueExecutorOptions) {
    this.o = options;
    this.queue = new Queue(options.queue, { connection: options.redis, prefix: KEY_PREFIX });
    this.lock = new CoordinatorLock(options.redis, keys.coordinator(options.queue), `${hostname()}:${process.pid}`);
  }

  get description(): string {
    return `workers on queue '${this.o.queue}' at ${this.o.target.shown}`;
  }

  get runId(): string | undefined {
    return this.manifest?.runId;
  }

  async run(tasks: readonly FitTask[], data: SearchData, options: RunOptions = {}): Promise<FitRecord[]> {
    if (tasks.length === 0) return [];
    const manifest = await this.openRun(data);
    const resultsKey = keys.results(this.o.queue, manifest.runId);
    const fitKeys = new Map(tasks.map((task) => [task, fitKey(task, manifest.data)]));
    const records = new Map<FitTask, FitRecord>();
    const outstanding = new Map<string, Outstanding>();
    let failure: unknown;

    // Reported one at a time, in the order they are found: a journal append finishes first.
    let reporting = Promise.resolve();
    const record = (task: FitTask, key: string, found: FitRecord) => {
      if (this.recorded.has(key)) return;
      this.recorded.add(key);
      outstanding.delete(key);
      const shaped = { ...found, candidateIndex: task.candidateIndex, foldIndex: task.foldIndex };
      records.set(task, shaped);
      reporting = reporting.then(() => options.onResult?.(shaped)).catch((error: unknown) => {
        failure ??= error;
      });
    };

    // Fits already finished in Redis (a coordinator restarted with --resume) are taken as they are.
    const pending = tasks.filter((task) => !this.recorded.has(fitKeys.get(task)!));
    const stored = pending.length > 0 ? await this.o.redis.hmget(resultsKey, ...pending.map((task) => fitKeys.get(task)!)) : [];
    const toQueue: FitTask[] = [];
    pending.forEach((task, i) => {
      const text = stored[i];
      if (text) record(task, fitKeys.get(task)!, readResult(task, text));
      else toQueue.push(task);
    });
    const fromRedis = pending.length - toQueue.length;

    const units = unitsOf(toQueue, options.stackGroups);
    const jobs = units.map((unit) => {
      const unitKeys = unit.map((task) => fitKeys.get(task)!);
      const jobId = `${manifest.runId}-${createHash('sha256').update(unitKeys.join(',')).digest('hex').slice(0, 20)}`;
      for (const [i, task] of unit.entries()) outstanding.set(unitKeys[i], { task, jobId });
      const data: TaskJobData = { runId: manifest.runId, unit: encodeUnit(unit, unitKeys) };
      return { name: 'fits', data, opts: { jobId, attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } };
    });
    if (jobs.length > 0) await this.queue.addBulk(jobs);
    if (units.length > 0 || fromRedis > 0) this.o.log(messages.coordinatorEnqueued(units.length, toQueue.length, fromRedis));

    await this.collectUntilDone({ outstanding, resultsKey, record, signal: options.signal, failed: () => failure !== undefined, manifest });
    await reporting;
    if (failure !== undefined) {
      await this.queue.drain(true);
      throw failure;
    }
    return tasks.filter((task) => records.has(task)).map((task) => records.get(task)!);
  }

  async close(): Promise<void> {
    await this.lock.release();
    // Its blocking read would hold close() for up to BullMQ's 10 s block: cut it first.
    this.eventsConnection?.disconnect();
    await this.events?.close();
    await this.queue.close();
    if (this.manifest) await this.o.redis.expire(keys.results(this.o.queue, this.manifest.runId), 7 * 24 * 3600).catch(() => undefined);
  }

  /** The run's manifest: the one in Redis when resuming the same search, else a fresh run (the queue emptied). */
  private async openRun(data: SearchData): Promise<RunManifest> {
    if (this.manifest) return this.manifest;
    await this.lock.acquire((holder) => messages.coordinatorBusy(this.o.queue, holder));
    this.eventsConnection = this.o.redis.duplicate();
    this.eventsConnection.on('error', () => {}); // reconnects by itself
    this.events = new QueueEvents(this.o.queue, { connection: this.eventsConnection, prefix: KEY_PREFIX });
    await this.events.waitUntilReady();
    const wanted = { version: VERSION, search: this.o.search, overrides: this.o.overrides, data: dataFingerprint(data) };
    const existing = parseManifest(await this.o.redis.get(keys.manifest(this.o.queue)));
    if (this.o.resume && existing) {
      const differs = manifestDifferences(existing, wanted);
      if (differs.length > 0) throw new RunMismatchError(messages.coordinatorRunMismatch(this.o.queue, differs));
      this.manifest = existing;
      // A task that failed for good before is tried again: its job must go, or adding it is a no-op.
      await this.queue.clean(0, 0, 'failed');
    } else {
      if (existing) await this.o.redis.del(keys.results(this.o.queue, existing.runId), keys.refusals(this.o.queue, existing.runId));
      await this.queue.obliterate({ force: true });
      this.manifest = { runId: createHash('sha256').update(`${Date.now()}:${process.pid}:${Math.random()}`).digest('hex').slice(0, 12), ...wanted, coordinator: `${hostname()}:${process.pid}`, startedAt: new Date().toISOString() };
      await this.o.redis.set(keys.manifest(this.o.queue), JSON.stringify(this.manifest));
    }
    this.o.log(messages.coordinatorStarted(this.o.queue, this.o.target.shown, this.manifest.runId, this.o.resume && existing !== undefined));
    return this.manifest;
  }

  /**
   * Waits until every outstanding fit is recorded, looking at the results hash whenever
   * BullMQ reports a job finished and once a second besides (an event missed during a
   * reconnect loses nothing). A polite stop (SIGINT) empties the queue and waits for the
   * running tasks; any other abort, or a failed journal write, stops at once.
   */
  private async collectUntilDone(s: {
    outstanding: Map<string, Outstanding>; resultsKey: string; manifest: RunManifest; signal?: AbortSignal;
    record: (task: FitTask, key: string, record: FitRecord) => void; failed: () => boolean;
  }): Promise<void> {
    const started = performance.now();
    let noticed = false;
    let refusalsSeen = 0;
    let draining = false;
    let wake: () => void = () => {};
    const onEvent = () => wake();
    this.events!.on('completed', onEvent);
    this.events!.on('failed', onEvent);
    s.signal?.addEventListener('abort', onEvent);
    try {
      while (s.outstanding.size > 0 && !s.failed()) {
        await this.sweep(s);
        const refusals = await this.o.redis.lrange(keys.refusals(this.o.queue, s.manifest.runId), refusalsSeen, -1);
        for (const line of refusals) {
          const { worker, reason } = JSON.parse(line) as { worker: string; reason: string };
          this.o.log(messages.workerRefusalSeen(worker, reason));
        }
        refusalsSeen += refusals.length;
        if (!noticed && performance.now() - started > NO_WORKER_NOTICE_MS && (await this.queue.getWorkersCount()) === 0) {
          noticed = true;
          this.o.log(messages.coordinatorNoWorkers(this.o.queue, Math.round(NO_WORKER_NOTICE_MS / 1000)));
        }
        if (s.signal?.aborted) {
          const polite = s.signal.reason instanceof SearchInterruptedError;
          if (!draining) {
            draining = true;
            await this.queue.drain(true);
          }
          if (!polite || (await this.queue.getActiveCount()) === 0) {
            await this.sweep(s);
            return;
          }
        }
        if (s.outstanding.size === 0) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, SWEEP_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      this.events!.off('completed', onEvent);
      this.events!.off('failed', onEvent);
      s.signal?.removeEventListener('abort', onEvent);
    }
  }

  /** Records what the results hash holds for the outstanding fits, and error rows for jobs that failed for good. */
  private async sweep(s: { outstanding: Map<string, Outstanding>; resultsKey: string; record: (task: FitTask, key: string, record: FitRecord) => void }): Promise<void> {
    if (s.outstanding.size === 0) return;
    const wanted = [...s.outstanding.keys()];
    const found = await this.o.redis.hmget(s.resultsKey, ...wanted);
    wanted.forEach((key, i) => {
      const text = found[i];
      if (!text) return;
      const { task } = s.outstanding.get(key)!;
      s.record(task, key, readResult(task, text));
    });
    if (s.outstanding.size === 0) return;
    const jobIds = new Set([...s.outstanding.values()].map((o) => o.jobId));
    for (const job of await this.queue.getJobs(['failed'])) {
      if (!job?.id || !jobIds.has(job.id)) continue;
      const reason = messages.taskLost(job.attemptsMade, job.failedReason ?? 'no reason given');
      for (const [key, entry] of [...s.outstanding]) {
        if (entry.jobId !== job.id) continue;
        s.record(entry.task, key, failedRecord(entry.task, { name: 'TaskLostError', message: reason }));
      }
    }
  }
}

/**
 * A fit's record as a worker left it in the results hash — checked as a journal line is:
 * an entry that does not read as a record becomes the fit's error row, never a score.
 */
export function readResult(task: FitTask, text: string): FitRecord {
  let problem: string | undefined;
  try {
    const [result] = decodeResults(`[${text}]`);
    problem = fitRecordProblem(result?.record);
    if (problem === undefined) return result.record;
  } catch (error) {
    problem = (error as Error).message;
  }
  return failedRecord(task, { name: 'TaskLostError', message: messages.resultUnreadable(problem) });
}
