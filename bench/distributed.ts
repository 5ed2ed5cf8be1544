/**
 * A search across processes through BullMQ on a loopback redis-server, against the local
 * pool, on this one machine (so it shows the queue's cost, not more cores):
 *   - the seed grid (searches/mnist-widths.ts: 4 widths × 2 inits × 3 folds, --epochs E) run
 *     locally at --n-jobs 2, by one `gridfold worker --n-jobs 2`, and by two `gridfold worker
 *     --n-jobs 1` processes — each rep runs the three back to back and the ratios are taken
 *     per rep (medians), since this VM's speed drifts;
 *   - the per-task overhead: 40 one-epoch fits on 60 points, each its own task, locally at
 *     --n-jobs 1 and by one worker with one slot: (queue − local) / tasks.
 * Whole `gridfold run` processes are timed (the compiled CLI, as users run it); the workers
 * stay up across runs, as a fleet does. Scores must be identical in every mode.
 *   npm run build && node --import tsx bench/distributed.ts [--epochs N] [--reps N] [--parts seed,overhead]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '../test/distributed/redis-server.js';
import { median, option } from './lib/util.js';

const epochs = Number(option('epochs', '3'));
const reps = Number(option('reps', '3'));
/** `--parts seed,overhead` (default both). */
const parts = option('parts', 'seed,overhead').split(',');
const BIN = join('src', 'cli', 'gridfold.js');
const env = { ...process.env, GRIDFOLD_BACKEND: 'wasm', GRIDFOLD_FROM_SOURCE: '0' };
const scratch = mkdtempSync(join(tmpdir(), 'gridfold-bench-dist-'));

/** A run's stderr is read (its errors); a worker's is dropped, lest an unread pipe fill and block it. */
function gridfold(args: string[], stderr: 'pipe' | 'ignore' = 'pipe'): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', stderr] });
}

/** A worker that exits early (it refused a run) would leave a run waiting forever: stop the bench instead. */
let closing = false;
let running: ChildProcess | undefined;
function watchWorker(worker: ChildProcess, name: string): ChildProcess {
  worker.on('exit', (code) => {
    if (closing) return;
    process.stderr.write(`bench distributed: worker ${name} exited (${code}) during the bench\n`);
    running?.kill('SIGKILL');
  });
  return worker;
}

/** Wall seconds of one `gridfold run`, and its mean test scores. */
async function timeRun(search: string, args: string[]): Promise<{ seconds: number; scores: string }> {
  const out = mkdtempSync(join(scratch, 'run-'));
  const started = performance.now();
  const child = gridfold(['run', search, '--out', out, '--quiet', ...args]);
  running = child;
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`gridfold run ${search} ${args.join(' ')} exited ${code}:\n${stderr}`);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  return { seconds, scores: JSON.stringify(results.cvResults.mean_test_score) };
}

const redis = await startRedis();
const workers: ChildProcess[] = [];
const startWorkers = (queue: string, count: number, nJobs: number, search: string) => {
  for (let i = 0; i < count; i++) {
    workers.push(watchWorker(gridfold(['worker', '--redis', redis.url, '--queue', queue, '--n-jobs', String(nJobs), '--name', `${queue}-${i}`, '--search', search], 'ignore'), `${queue}-${i}`));
  }
};
startWorkers('one', 1, 2, 'searches/mnist-widths.ts');
startWorkers('two', 2, 1, 'searches/mnist-widths.ts');
startWorkers('tiny', 1, 1, 'bench/searches/many-tiny.ts');

try {
  const seed = 'searches/mnist-widths.ts';
  const seedArgs = ['--epochs', String(epochs), '--n-jobs', '2'];
  const modes = {
    local: seedArgs,
    oneWorker: [...seedArgs, '--redis', redis.url, '--queue', 'one'],
    twoWorkers: [...seedArgs, '--redis', redis.url, '--queue', 'two'],
  };
  process.stderr.write(`distributed: seed grid at ${epochs} epochs, ${reps} reps of local / 1 worker (2 slots) / 2 workers (1 slot each)\n`);
  const rows: Array<Record<keyof typeof modes, number>> = [];
  let reference: string | undefined;
  for (let rep = 0; rep < (parts.includes('seed') ? reps : 0); rep++) {
    const row = {} as Record<keyof typeof modes, number>;
    for (const [mode, args] of Object.entries(modes) as Array<[keyof typeof modes, string[]]>) {
      const { seconds, scores } = await timeRun(seed, args);
      reference ??= scores;
      if (scores !== reference) throw new Error(`${mode} scored differently: ${scores} vs ${reference}`);
      row[mode] = seconds;
      process.stderr.write(`  rep ${rep + 1} ${mode}: ${seconds.toFixed(1)} s\n`);
    }
    rows.push(row);
  }

  const tasks = 40;
  const overheads: number[] = [];
  const tiny: Array<{ local: number; queue: number }> = [];
  let tinyReference: string | undefined;
  for (let rep = 0; rep < (parts.includes('overhead') ? reps : 0); rep++) {
    const local = await timeRun('bench/searches/many-tiny.ts', ['--n-jobs', '1']);
    const queue = await timeRun('bench/searches/many-tiny.ts', ['--n-jobs', '1', '--redis', redis.url, '--queue', 'tiny']);
    tinyReference ??= local.scores;
    if (local.scores !== tinyReference || queue.scores !== tinyReference) throw new Error('the tiny search scored differently through the queue');
    tiny.push({ local: local.seconds, queue: queue.seconds });
    overheads.push(((queue.seconds - local.seconds) / tasks) * 1000);
    process.stderr.write(`  rep ${rep + 1} ${tasks} tiny tasks: local ${local.seconds.toFixed(1)} s, queue ${queue.seconds.toFixed(1)} s\n`);
  }

  const ratio = (mode: keyof typeof modes) => median(rows.map((row) => row.local / row[mode]));
  // median([]) is NaN: a part left out shows as '–'.
  const result = {
    bench: 'distributed', epochs, reps,
    // Not `seconds`: bench/run.js puts the script's own duration there.
    wall: { local: median(rows.map((r) => r.local)), oneWorker: median(rows.map((r) => r.oneWorker)), twoWorkers: median(rows.map((r) => r.twoWorkers)) },
    speedOfOneWorker: ratio('oneWorker'), speedOfTwoWorkers: ratio('twoWorkers'),
    rows, tasks, tiny, overheadMsPerTask: median(overheads),
  };
  process.stdout.write(
    `distributed: seed grid through the queue at ${result.speedOfOneWorker.toFixed(2)}× (1 worker) and ${result.speedOfTwoWorkers.toFixed(2)}× (2 workers) the local pool's speed; ` +
    `${result.overheadMsPerTask.toFixed(0)} ms per task of queue overhead; scores identical\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  closing = true;
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(undefined) : worker.once('close', resolve)))));
  await redis.stop();
  rmSync(scratch, { recursive: true, force: true });
}
