/** Messages of the file system: the run folder, its lock, and why a path cannot be used. */

/**
 * Why a file-system call failed, in words: from the error's code, naming the path that is
 * in the way when it is another one than the one asked for (a file where a directory must be).
 */
export function fsReason(code: string | undefined, detail: { blocking?: string; message?: string } = {}): string {
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return `${detail.blocking ?? 'a part of the path'} is a file, not a directory`;
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space is left on the device';
    case 'EDQUOT':
      return 'the disk quota is exhausted';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ENOENT':
      return detail.blocking ? `${detail.blocking} does not accept new entries` : 'no such file or directory';
    default:
      return `${code ?? 'error'}: ${detail.message ?? 'unknown error'}`;
  }
}

export function runFolderUnusable(dir: string, reason: string): string {
  return `cannot use ${dir} as the run folder: ${reason}. Choose another with --out DIR.`;
}

/** The reason a folder that no gridfold run wrote is not used as a run folder (runFolderUnusable's). */
export function runFolderForeign(entries: readonly string[]): string {
  return `it holds ${entries.join(', ')}, which a run would replace, but no gridfold run wrote it (it has no run journal or results.json of a run); a run folder must be new, empty or a run's`;
}

export function outFlagEmpty(command: string): string {
  return `gridfold ${command}: --out must be a directory path; got an empty string.`;
}

/** A file-system call on `path` failed (reading results.json, writing the report, the journal...). */
export function fileFailed(path: string, reason: string): string {
  return `cannot use ${path}: ${reason}.`;
}

/** Who holds a run folder's lock, as the refusal and the notices show it. */
export function runLockHolder(holder: { pid: number; host: string; startedAt: string; command?: string }): string {
  return `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}${holder.command ? ` (${holder.command})` : ''}`;
}

export function runFolderLocked(dir: string, lockFile: string, holder: string): string {
  return (
    `${dir} is in use by another run (${holder}): two runs into one folder would mix their journals. ` +
    `Wait for it to finish, choose another folder with --out DIR, or — if that process is not a gridfold run — delete ${lockFile}.`
  );
}

export function runFolderLockedElsewhere(dir: string, lockFile: string, holder: string): string {
  return (
    `${dir} is in use by a run on another machine (${holder}); gridfold cannot tell from here whether it still runs. ` +
    `Choose another folder with --out DIR, or — once you are sure it has stopped — delete ${lockFile}.`
  );
}

export function runLockUnreadable(dir: string, lockFile: string, text: string): string {
  return `${dir} holds a lock file ${lockFile} that is not a gridfold lock (${JSON.stringify(text.slice(0, 60))}); if no run is using the folder, delete it.`;
}

export function runLockStale(lockFile: string, holder: string): string {
  return `the lock ${lockFile} was left by a run that no longer exists (${holder}); this run takes the folder over.`;
}

/** report / show on a folder a run is still writing. */
export function runFolderBusy(dir: string, holder: string): string {
  return `${dir} is being written by a run right now (${holder}); this shows its results.json as last written.`;
}

export function dirCreateFailed(path: string, reason: string): string {
  return `cannot create the directory ${path}: ${reason}.`;
}
