/**
 * What the command line says when a command throws: one line, never a stack trace for a
 * user's mistake. Usage errors exit 2; a failed search 1; a file-system error names the
 * path and the reason; an error gridfold did not foresee prints one line saying where its
 * details are (the run folder's error.log, or the screen with --verbose).
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GridfoldError, SearchFileError, UnexpectedError, UsageError, messages } from '../core/index.js';
import { VERSION } from '../version.js';
import type { Output } from './output.js';

export const ERROR_LOG = 'error.log';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Says what `error` was on stderr and returns the exit code. */
export function reportFailure(command: string, error: unknown, out: Output, verbose: boolean): number {
  const message = (error as Error)?.message ?? String(error);
  if (error instanceof UsageError || error instanceof SearchFileError) {
    out.stderr(message);
    return EXIT.usage;
  }
  const system = systemError(error);
  if (system) {
    out.stderr(messages.cliCommandFailed(command, messages.fileFailed(system.path, messages.fsReason(system.code, { message: system.message }))));
    if (verbose) out.stderr(system.stack ?? '');
    return EXIT.failed;
  }
  if (error instanceof GridfoldError && !(error instanceof UnexpectedError)) {
    out.stderr(command === 'run' ? messages.cliRunFailed(message) : messages.cliCommandFailed(command, message));
    return EXIT.failed;
  }
  const cause = error instanceof UnexpectedError ? error.cause : error;
  out.stderr(messages.cliUnexpectedError(command, summaryOf(cause), error instanceof UnexpectedError ? error.logFile : undefined));
  if (verbose) out.stderr((cause as Error)?.stack ?? String(cause));
  return EXIT.failed;
}

/**
 * An error gridfold did not foresee, with its stack appended to `dir`/error.log; returned
 * as an UnexpectedError naming that file. Foreseen errors come back as they are.
 */
export async function withErrorLog(error: unknown, dir: string, argv: readonly string[]): Promise<unknown> {
  if ((error instanceof GridfoldError && !(error instanceof UnexpectedError)) || systemError(error)) return error;
  const file = join(dir, ERROR_LOG);
  const stack = (error as Error)?.stack ?? String(error);
  try {
    await appendFile(file, `${new Date().toISOString()} gridfold ${VERSION}: ${messages.cliResumeCommand(argv)}\n${stack}\n\n`);
    return new UnexpectedError(error, file);
  } catch {
    // The folder cannot take the log either: the one line points to --verbose instead.
    return new UnexpectedError(error, undefined);
  }
}

/** Node's file-system errors carry a code, a syscall and a path. */
function systemError(error: unknown): (NodeJS.ErrnoException & { path: string }) | undefined {
  const e = error as NodeJS.ErrnoException;
  return e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string' && typeof e.path === 'string' ? (e as NodeJS.ErrnoException & { path: string }) : undefined;
}

function summaryOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message.split('\n')[0]}`;
}
