/**
 * The run folder's lock: one run writes a folder at a time. The lock is a file created
 * exclusively (`wx`) holding the pid, host and start time of its run; a second run finds it
 * and is refused, naming the holder. A lock whose process is gone (killed, machine
 * rebooted) is taken over with a warning (core/warnings). Taking over is itself guarded by a second
 * exclusive file, so two runs that find the same stale lock cannot both take it.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FileSystemError, RunLockedError, ensureDirectory, fsFailure, messages, warn } from '../core/index.js';

export const LOCK_FILE = 'run.lock';

export interface LockHolder {
  gridfold: 'run-lock';
  pid: number;
  host: string;
  startedAt: string;
  command?: string;
}

export interface RunLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still this run's; also done when the process exits. */
  release(): void;
}

export interface LockOptions {
  /** Shown to a run that is refused (e.g. the command line). */
  command?: string;
}

/** An empty lock younger than this is being written by its creator; an older one was left by a crash. */
const BEING_WRITTEN_MS = 5000;
const ATTEMPTS = 100;

/** Creates `dir` if needed and takes its lock; throws RunLockedError naming the holder, or FileSystemError. */
export async function lockRunFolder(dir: string, options: LockOptions = {}): Promise<RunLock> {
  try {
    await ensureDirectory(dir);
  } catch (error) {
    if (error instanceof FileSystemError) throw new FileSystemError(messages.runFolderUnusable(dir, error.reason), error);
    throw error;
  }
  const path = join(dir, LOCK_FILE);
  const mine: LockHolder = { gridfold: 'run-lock', pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), ...(options.command ? { command: options.command } : {}) };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(path, text, dir)) return held(path, mine, text);
    const found = await readLock(path);
    if (found.kind === 'gone') continue;
    if (found.kind === 'unreadable') {
      if (found.text === '' && found.ageMs < BEING_WRITTEN_MS) {
        await sleep(20);
        continue;
      }
      if (found.text !== '') throw new RunLockedError(messages.runLockUnreadable(dir, path, found.text));
    } else {
      const shown = messages.runLockHolder(found.holder);
      if (found.holder.host !== hostname()) throw new RunLockedError(messages.runFolderLockedElsewhere(dir, path, shown));
      if (isAlive(found.holder.pid)) throw new RunLockedError(messages.runFolderLocked(dir, path, shown));
    }
    if (await takeOver(path, found.text, text, dir)) {
      warn('GridfoldWarning', messages.runLockStale(path, found.kind === 'held' ? messages.runLockHolder(found.holder) : 'an empty lock file'));
      return held(path, mine, text);
    }
  }
  throw new RunLockedError(messages.runFolderLocked(dir, path, 'a run that keeps taking and releasing it'));
}

/** The live run holding `dir`, if any (report / show say so, and read the folder anyway). */
export async function runFolderHolder(dir: string): Promise<LockHolder | undefined> {
  const found = await readLock(join(dir, LOCK_FILE));
  if (found.kind !== 'held') return undefined;
  return found.holder.host !== hostname() || isAlive(found.holder.pid) ? found.holder : undefined;
}

type Found =
  | { kind: 'held'; holder: LockHolder; text: string }
  | { kind: 'unreadable'; text: string; ageMs: number }
  | { kind: 'gone'; text: '' };

async function readLock(path: string): Promise<Found> {
  let text: string;
  let ageMs: number;
  try {
    [text, ageMs] = await Promise.all([readFile(path, 'utf8'), stat(path).then((s) => Date.now() - s.mtimeMs)]);
  } catch (error) {
    // ENOTDIR: `dir` is a file (report and show accept results.json itself).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone', text: '' };
    throw error;
  }
  const holder = parseHolder(text);
  return holder ? { kind: 'held', holder, text } : { kind: 'unreadable', text, ageMs };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    const ok = value?.gridfold === 'run-lock' && Number.isSafeInteger(value.pid) && typeof value.host === 'string' && typeof value.startedAt === 'string';
    return ok ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the file was created by this call; false when it exists. Written synchronously:
 * a Ctrl-C is handled on the event loop, so it cannot land between the file appearing and
 * held() registering its removal at exit (with an async write it could, leaving a lock behind).
 */
async function createExclusive(path: string, text: string, dir: string): Promise<boolean> {
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    const failure = await fsFailure(error, path);
    throw new FileSystemError(messages.runFolderUnusable(dir, failure.reason), { ...failure, path: dir });
  }
}

/**
 * Replaces the stale lock (whose content was `staleText`) with ours, under a guard file
 * only one run can create: whoever holds the guard checks the lock is still the stale one
 * before removing it. False when another run got there first.
 */
async function takeOver(path: string, staleText: string, text: string, dir: string): Promise<boolean> {
  const guard = `${path}.takeover`;
  if (!(await createExclusive(guard, text, dir))) {
    const other = await readLock(guard);
    const guardDead = other.kind === 'held' ? other.holder.host === hostname() && !isAlive(other.holder.pid) : other.kind === 'unreadable' && other.ageMs >= BEING_WRITTEN_MS;
    if (guardDead) await unlinkIfPresent(guard);
    else await sleep(20);
    return false;
  }
  try {
    const now = await readLock(path);
    if (now.kind !== 'gone' && now.text !== staleText) return false;
    await unlinkIfPresent(path);
    return await createExclusive(path, text, dir);
  } finally {
    await unlinkIfPresent(guard);
  }
}

function held(path: string, holder: LockHolder, text: string): RunLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      // Only our own lock: after a take-over by mistake it would be someone else's.
      if (readFileSync(path, 'utf8') === text) unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') process.stderr.write(`${messages.fileFailed(path, (error as Error).message)}\n`);
    }
  };
  // process.exit (a second Ctrl-C, an exit code after the report) skips finally blocks.
  process.on('exit', release);
  return { path, holder, release };
}

/** Signal 0 tests for existence; EPERM means the process exists but is another user's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
