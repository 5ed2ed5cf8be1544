/**
 * `gridfold worker --redis URL`: takes the tasks of the runs coordinated on a queue
 * (`gridfold run … --redis URL`) until SIGTERM / SIGINT, on a local pool of --n-jobs
 * threads. The first signal finishes the running tasks, a second hands them back to the
 * queue; either way the worker exits 0. A run this machine cannot take part in (another
 * gridfold version, search file or data) is refused with what differs: exit 1.
 */
import { hostname } from 'node:os';
import { RunMismatchError, UsageError, messages } from '../../core/index.js';
import { describeBackend, initBackend, resolveBackendChoice } from '../../backend/index.js';
import { MAX_JOBS, resolveNJobs } from '../../validation/index.js';
import { integerFlag, parseCommand, expectPositionals } from '../args.js';
import { joinRun, loadDistributed, redisFlags } from '../distributed.js';
import type { Output } from '../output.js';

const OPTIONS = {
  redis: { type: 'string' }, queue: { type: 'string' }, 'n-jobs': { type: 'string' }, search: { type: 'string', multiple: true },
  backend: { type: 'string' }, name: { type: 'string' }, 'lock-duration': { type: 'string' }, 'stalled-interval': { type: 'string' },
} as const;

/** BullMQ's defaults: a worker silent for 30 s has its tasks re-queued by the next stalled check (every 30 s). */
const DEFAULT_LOCK_SECONDS = 30;
const DEFAULT_STALLED_SECONDS = 30;

export async function workerCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('worker', argv, OPTIONS);
  if (values.help) return out.help('worker');
  expectPositionals('worker', positionals, 'no arguments (only options)', 0);
  if (values.redis === undefined) throw new UsageError(messages.cliFlagRequired('worker', '--redis URL'));
  const nJobs = resolveNJobs(integerFlag('worker', 'n-jobs', values['n-jobs'], { max: MAX_JOBS, allowAllCores: true }) ?? -1);
  const lockSeconds = integerFlag('worker', 'lock-duration', values['lock-duration'], { max: 86_400 }) ?? DEFAULT_LOCK_SECONDS;
  const stalledSeconds = integerFlag('worker', 'stalled-interval', values['stalled-interval'], { max: 86_400 }) ?? DEFAULT_STALLED_SECONDS;
  const name = (values.name as string | undefined) ?? `${hostname()}:${process.pid}`;
  if (name.trim() === '') throw new UsageError(messages.cliFlagInvalid('worker', '--name', name, 'a non-empty name'));
  if (values.backend !== undefined) {
    try {
      process.env.GRIDFOLD_BACKEND = resolveBackendChoice(values.backend as string);
    } catch (error) {
      throw new UsageError(messages.cliCommandFailed('worker', `--${(error as Error).message}`));
    }
  }
  const given = (values.search as unknown as string[] | undefined) ?? [];
  const distributed = await loadDistributed();
  const { target, queue } = redisFlags(distributed, 'worker', values.redis as string, values.queue as string | undefined);
  const redis = await distributed.connectRedis(target);
  const backend = await initBackend();
  out.stderr(describeBackend(backend));
  // tfjs-node is one engine per process (tfjs #8388): a native backend takes one task at a
  // time, and TensorFlow uses the cores (or the GPU) inside it — one worker per GPU.
  const slots = backend.native ? 1 : nJobs;
  if (slots < nJobs) out.stderr(messages.workerNativeOneSlot(backend.name, nJobs));

  const stop = new AbortController();
  const handBack = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) {
      out.stderr(messages.workerStopping(signal));
      stop.abort();
    } else if (!handBack.signal.aborted) {
      out.stderr(messages.workerHandingBack(signal));
      handBack.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let runId = '';
  try {
    const { fits } = await distributed.runQueueWorker({
      redis, target, queue, name, slots,
      lockDurationMs: lockSeconds * 1000, stalledIntervalMs: stalledSeconds * 1000,
      join: async (manifest) => {
        runId = manifest.runId;
        const run = await joinRun(manifest, given);
        out.stderr(messages.workerJoined(name, manifest.runId, manifest.search.file, slots, backend.name));
        return run;
      },
      log: (line) => out.stderr(line),
      stop: stop.signal,
      handBack: handBack.signal,
    });
    out.stderr(messages.workerStopped(name, fits));
    return 0;
  } catch (error) {
    if (error instanceof RunMismatchError) {
      out.stderr(messages.workerRefused(name, runId, error.message));
      return 1;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    redis.disconnect();
  }
}
