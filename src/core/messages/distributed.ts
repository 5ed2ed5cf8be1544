import { describeValue } from '../describe.js';

/** Messages of a search run across machines: Redis, the coordinator, `gridfold worker`. */

// ── Redis ────────────────────────────────────────────────────────────────────

export function redisUrlInvalid(shown: string): string {
  return `--redis must be a Redis URL, redis://[user:password@]host[:port][/db] or rediss://… for TLS; got ${shown}.`;
}

export function redisUnreachable(shown: string, seconds: number, cause: string): string {
  return `cannot reach Redis at ${shown} within ${seconds} s (${cause}); start redis-server there, or check the host, port and firewall.`;
}

export function redisAuthFailed(shown: string, cause: string): string {
  return `Redis at ${shown} refused the login (${cause}); put the right password in the URL: redis://:PASSWORD@host:port, or redis://USER:PASSWORD@host:port.`;
}

export function redisTlsFailed(shown: string, cause: string): string {
  return (
    `the TLS handshake with Redis at ${shown} failed (${cause}); a server with a certificate of its own CA needs ` +
    `NODE_EXTRA_CA_CERTS=/path/to/ca.crt in this process's environment.`
  );
}

export function queueNameInvalid(value: unknown): string {
  return `--queue must be 1 to 64 letters, digits, '.', '_' or '-'; got ${describeValue(value)}.`;
}

export function distributedNotInstalled(missing: string): string {
  return (
    `--redis needs the optional packages bullmq and ioredis (${missing} is not installed); ` +
    `install them beside gridfold: npm install bullmq@^6.7.0 ioredis@^6.0.0`
  );
}

// ── the coordinator (gridfold run --redis) ────────────────────────────────────

export function coordinatorStarted(queue: string, shown: string, runId: string, resumed: boolean): string {
  return `gridfold: ${resumed ? 'resuming' : 'coordinating'} run ${runId} on queue '${queue}' at ${shown}; start workers with: gridfold worker --redis ${shown}${queue === 'gridfold' ? '' : ` --queue ${queue}`}`;
}

export function coordinatorEnqueued(units: number, fits: number, fromRedis: number): string {
  const found = fromRedis > 0 ? `; ${fromRedis} fits were already done in Redis` : '';
  return `gridfold: ${units} tasks (${fits} fits) on the queue${found}.`;
}

export function coordinatorNoWorkers(queue: string, seconds: number): string {
  return `gridfold: no worker has connected to queue '${queue}' for ${seconds} s; start one with gridfold worker --redis URL${queue === 'gridfold' ? '' : ` --queue ${queue}`}.`;
}

export function coordinatorBusy(queue: string, holder: string): string {
  return `queue '${queue}' is in use by another coordinator (${holder}); wait for it to finish, or use --queue NAME for a run of its own.`;
}

export function coordinatorRunMismatch(queue: string, differs: readonly string[]): string {
  return (
    `--resume: the run on queue '${queue}' is of another search (its ${differs.join(', ')} ${differs.length > 1 ? 'differ' : 'differs'}); ` +
    `resume with the same search file and flags, or start afresh without --resume.`
  );
}

export function workerRefusalSeen(worker: string, reason: string): string {
  return `gridfold: worker ${worker} refused this run: ${reason}`;
}

export function taskLost(attempts: number, reason: string): string {
  return `the task failed on the workers ${attempts} ${attempts === 1 ? 'time' : 'times'} for reasons outside the fit (${reason}); resume to run it again.`;
}

export function resultUnreadable(problem: string): string {
  return `the worker's result for this fit in Redis is not a fit record (${problem}); resume to run it again.`;
}

// ── the worker (gridfold worker) ──────────────────────────────────────────────

export function workerWaiting(queue: string, shown: string): string {
  return `gridfold worker: waiting for a run on queue '${queue}' at ${shown}.`;
}

export function workerJoined(name: string, runId: string, search: string, slots: number, backend: string): string {
  return `gridfold worker ${name}: joined run ${runId} of ${search} with ${slots} ${slots === 1 ? 'slot' : 'slots'} (${backend}).`;
}

export function workerTook(name: string, jobId: string, fits: number): string {
  return `gridfold worker ${name}: took task ${jobId} (${fits} ${fits === 1 ? 'fit' : 'fits'}).`;
}

export function workerRan(name: string, fits: number, seconds: number): string {
  return `gridfold worker ${name}: ran ${fits} ${fits === 1 ? 'fit' : 'fits'} in ${seconds.toFixed(1)} s.`;
}

export function workerStopping(signal: string): string {
  return `gridfold worker: ${signal} received — finishing the running tasks, taking no new ones (send it again to hand them back to the queue now).`;
}

export function workerHandingBack(signal: string): string {
  return `gridfold worker: ${signal} received again — handing the running tasks back to the queue.`;
}

export function workerStopped(name: string, fits: number): string {
  return `gridfold worker ${name}: stopped after ${fits} ${fits === 1 ? 'fit' : 'fits'}.`;
}

export function workerNativeOneSlot(backend: string, nJobs: number): string {
  return `gridfold worker: backend '${backend}' runs one task at a time in this process (not --n-jobs ${nJobs}): it is not thread-safe, and it uses every core or the GPU inside each fit; start one worker per GPU.`;
}

export function workerVersionMismatch(coordinator: string, worker: string): string {
  return `the coordinator runs gridfold ${coordinator}, this worker gridfold ${worker}; install the same version on both.`;
}

export function workerSearchNotFound(name: string, looked: readonly string[]): string {
  return `the run's search file ${name} is not on this machine (looked at ${looked.join(', ')}); copy it there, or name it with --search FILE.`;
}

export function workerSearchNameInvalid(name: string): string {
  return `the run names its search file ${describeValue(name)}, which is not a plain file name; this worker only loads files it finds itself.`;
}

export function workerSearchHashMismatch(file: string, coordinator: string, worker: string): string {
  return `the search file ${file} differs from the coordinator's (sha256 ${worker.slice(0, 12)}… here, ${coordinator.slice(0, 12)}… there); give both machines the same file.`;
}

export function workerDataMismatch(coordinator: string, worker: string): string {
  return `the data this worker loads differs from the coordinator's (fingerprint ${worker.slice(0, 12)}… here, ${coordinator.slice(0, 12)}… there); give both machines the same data files.`;
}

export function workerRefused(name: string, runId: string, reason: string): string {
  return `gridfold worker ${name}: refusing run ${runId}: ${reason}`;
}

export function workerModuleUnknown(module: string): string {
  return `the task's module '${module}' is not defined by this worker's search file; give both machines the same search and module files.`;
}

export function workerTaskFailed(name: string, jobId: string, reason: string): string {
  return `gridfold worker ${name}: task ${jobId} failed outside its fits (${reason}); it goes back to the queue.`;
}

/** `gridfold worker --help`. */
export const WORKER_HELP = `Usage: gridfold worker --redis URL [options]

Takes the tasks of the runs coordinated on a Redis queue (gridfold run <search-file> --redis URL) until
stopped, each on a thread of its local pool. Before it runs anything it checks that its gridfold version,
the search file's content and the data are the coordinator's, and refuses the run (exit 1) naming what
differs. It loads the search file itself — from --search, else ./searches/<name> — never code from the queue.
SIGTERM or SIGINT: the running tasks finish, no new ones start; a second one hands them back to the queue.

Options:
  --redis URL             redis://[user:password@]host[:port][/db], or rediss://… for TLS
                          (a CA of your own: NODE_EXTRA_CA_CERTS=ca.crt)
  --queue NAME            the queue to take tasks from (default gridfold)
  --n-jobs N              tasks at once, each on a worker thread: 1 to 256, or -1 for every core (default)
  --search FILE           the search file, where it is not ./searches/<its name> (repeatable)
  --backend B             TensorFlow.js backend: auto, tensorflow, wasm or cpu
  --name NAME             how progress and results.json name this worker (default host:pid)
  --lock-duration S       a worker silent for S seconds has its tasks re-queued (1 to 86400, default 30)
  --stalled-interval S    how often to look for such tasks, in seconds (1 to 86400, default 30)
  -h, --help              show this help

Exit codes: 0 stopped by a signal · 1 refused the run, or failed · 2 bad usage

Examples:
  gridfold worker --redis redis://coordinator.lan:6379
  gridfold worker --redis rediss://:secret@redis.example:6380 --n-jobs 4 --queue widths
`;
