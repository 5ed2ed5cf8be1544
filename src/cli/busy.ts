/**
 * Reading a run folder for report, show and compare: a folder without results.json is a
 * usage error (exit 2, as `run` of a missing file); a folder a run is still writing is read,
 * saying so, since its results.json is the last one written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, messages, type RunResult } from '../core/index.js';
import { readResults, RESULTS_JSON } from '../results/json.js';
import { runFolderHolder } from '../results/run-lock.js';
import type { Output } from './output.js';

export async function readRunFolder(command: string, dir: string, out: Output): Promise<RunResult> {
  const file = dir.endsWith('.json') ? dir : join(dir, RESULTS_JSON);
  if (!existsSync(file)) throw new UsageError(messages.cliCommandFailed(command, messages.resultsFileMissing(file)));
  await sayIfBusy(dir, out);
  return readResults(dir);
}

export async function sayIfBusy(dir: string, out: Output): Promise<void> {
  const holder = await runFolderHolder(dir);
  if (holder) out.stderr(messages.cliNotice(messages.runFolderBusy(dir, messages.runLockHolder(holder))));
}
