/**
 * File-system calls whose failures become one clear line: the path, and the reason in words
 * (a file where a directory must be, no permission, a read-only or full disk) instead of
 * Node's `EEXIST: file already exists, mkdir …` and its stack.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { FileSystemError } from './errors.js';
import * as messages from './messages/index.js';

/** The reason a call on `path` failed, naming the path in the way where it is another one. */
export async function fsFailure(error: unknown, path: string): Promise<{ path: string; code: string | undefined; reason: string }> {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = (error as Error)?.message;
  let blocking: string | undefined;
  if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'ENOENT') {
    const at = await blockingAncestor(path);
    blocking = at === undefined ? undefined : shown(at, path);
  }
  return { path, code, reason: messages.fsReason(code, { blocking, message }) };
}

/**
 * Creates `dir` and its missing parents, one level at a time: Node's recursive mkdir loops
 * forever on paths the kernel refuses with ENOENT although the parent exists (/proc/x).
 */
export async function ensureDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const kind = await kindOf(at);
    if (kind === 'directory') break;
    if (kind === 'other') {
      const failure = { path: dir, code: 'ENOTDIR', reason: messages.fsReason('ENOTDIR', { blocking: shown(at, dir) }) };
      throw new FileSystemError(messages.dirCreateFailed(dir, failure.reason), failure);
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
    at = dirname(at);
  }
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await kindOf(path)) === 'directory') continue; // made meanwhile
      const failure = await fsFailure(error, path);
      throw new FileSystemError(messages.dirCreateFailed(dir, failure.reason), { ...failure, path: dir });
    }
  }
}

async function kindOf(path: string): Promise<'directory' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/** The nearest existing ancestor of `path` (itself included) when it is not a directory; for ENOENT, the existing parent. */
async function blockingAncestor(path: string): Promise<string | undefined> {
  let at = resolve(path);
  for (;;) {
    const kind = await kindOf(at);
    if (kind === 'other') return at;
    if (kind === 'directory') return at === resolve(path) ? undefined : at;
    if (dirname(at) === at) return undefined;
    at = dirname(at);
  }
}

/** An absolute path as the user wrote theirs: relative to the working directory when theirs was. */
function shown(at: string, asked: string): string {
  return isAbsolute(asked) ? at : relative(process.cwd(), at) || '.';
}
