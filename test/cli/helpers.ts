/**
 * Runs the gridfold command as a user does — `node src/cli/gridfold.js ...` in a child process —
 * from source (GRIDFOLD_FROM_SOURCE=1), so the tests exercise src/ and not a stale dist/.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BIN = join(ROOT, 'src', 'cli', 'gridfold.js');
export const FIXTURES = join('test', 'cli', 'fixtures');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Run as another user (spawn's uid / gid; root only). */
  user?: { uid?: number; gid?: number };
  /** Called with each chunk of stderr, and the child (to signal it). */
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
  /** Called with the child as soon as it is spawned (to signal it at a moment of the test's choosing). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

export function gridfold(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, GRIDFOLD_FROM_SOURCE: '1', GRIDFOLD_BACKEND: 'wasm', NODE_OPTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options.user,
    });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gridfold-${prefix}-`));
}

/** stdout / stderr lines without the trailing empty one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => !(i === all.length - 1 && line === ''));
}
