/**
 * The distributed tests run gridfold as users do — coordinator and workers as separate
 * `gridfold` processes (from source) on one loopback redis-server — and compare with a
 * local run of the same search.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, type CliResult } from '../cli/helpers.js';
import { parseResults } from '../../src/results/json.js';
import { comparableResults, encodeResults } from '../parallel/fixtures/compare.js';
import type { FitRecord } from '../../src/core/index.js';

export const FIXTURE = join('test', 'distributed', 'fixtures', 'dist-moons.ts');
export const TINY = join('test', 'distributed', 'fixtures', 'tiny.ts');
/** Short BullMQ timings, so a killed worker's task is re-queued within ~3 s. */
export const FAST_STALLS = ['--lock-duration', '2', '--stalled-interval', '1'];

export interface Running {
  child: ChildProcess;
  /** Resolves with the exit and the whole output. */
  done: Promise<CliResult>;
  stderr(): string;
  /** Resolves when stderr matches (rejects if the process ends first). */
  waitFor(pattern: RegExp): Promise<void>;
}

const children = new Set<ChildProcess>();

/** SIGKILLs whatever a failed test left running (test.after.always). */
export function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export function start(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, GRIDFOLD_FROM_SOURCE: '1', GRIDFOLD_BACKEND: 'wasm', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    for (const watch of watchers) watch();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
      for (const watch of watchers) watch();
    });
  });
  return {
    child,
    done,
    stderr: () => stderr,
    waitFor: (pattern) => new Promise<void>((resolve, reject) => {
      const watch = () => {
        if (pattern.test(stderr)) {
          watchers.delete(watch);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          watchers.delete(watch);
          reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before stderr matched ${pattern}:\n${stderr}`));
        }
      };
      watchers.add(watch);
      watch();
    }),
  };
}

/** Runs to the end. */
export function run(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  return start(args, env, cwd).done;
}

/** What must be identical between a local and a distributed run: every column but times, every fit but its times and where it ran. */
export function comparable(dir: string): { cvResults: string; fits: string } {
  const result = parseResults(readFileSync(join(dir, 'results.json'), 'utf8'));
  const fits = result.fits.map(({ fitTime: _f, scoreTime: _s, worker: _w, threadId: _t, ...rest }: FitRecord) => ({
    ...rest, history: rest.history.map(({ dur: _d, ...row }) => row),
  }));
  return { cvResults: encodeResults(comparableResults(result.cvResults)), fits: encodeResults({ fits } as never) };
}

export function workersOf(dir: string): Array<string | undefined> {
  return parseResults(readFileSync(join(dir, 'results.json'), 'utf8')).fits.map((fit) => fit.worker);
}

/** The journal's entries: their keys and records. */
export function journalEntries(dir: string): Array<{ key: string; record: FitRecord }> {
  return readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n').slice(1).map((line) => JSON.parse(line));
}

/** The run id the coordinator printed. */
export function runIdOf(stderr: string): string {
  const id = /(?:coordinating|resuming) run ([0-9a-f]+)/.exec(stderr)?.[1];
  if (!id) throw new Error(`no run id in:\n${stderr}`);
  return id;
}

/** A loopback port nothing listens on (for the unreachable-Redis tests). */
export { freePort as freePortForTests } from './redis-server.js';
