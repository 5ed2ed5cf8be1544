/** report and show read a folder a run is still writing; they say so, since its results.json is the last one written. */
import { messages } from '../core/index.js';
import { runFolderHolder } from '../results/run-lock.js';
import type { Output } from './output.js';

export async function sayIfBusy(dir: string, out: Output): Promise<void> {
  const holder = await runFolderHolder(dir);
  if (holder) out.stderr(messages.cliNotice(messages.runFolderBusy(dir, messages.runLockHolder(holder))));
}
