/**
 * What a run writes into its folder, and the check that the folder may take it: a new or empty
 * folder, or one a run of gridfold wrote. `--out .` in a web project would otherwise replace its
 * index.html (and any results.csv beside it) without a word.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_HTML } from '../report/index.js';
import { RESULTS_CSV, RESULTS_JSON } from '../results/index.js';

export const JOURNAL_FILE = 'journal.jsonl';
/** Where the refitted best candidate is saved in the run folder (NeuralNetClassifier.load reads it). */
export const BEST_MODEL_DIR = 'best-model';

/** The entries a run replaces (the journal is moved aside, never replaced, and error.log only grows). */
const REPLACED = [REPORT_HTML, RESULTS_JSON, RESULTS_CSV, BEST_MODEL_DIR];

/**
 * The entries of `dir` a run would replace although no gridfold run wrote the folder (it has
 * neither a journal nor a results.json of a run); empty when the folder may be used.
 */
export async function foreignRunFolderEntries(dir: string): Promise<string[]> {
  const entries = new Set(await readdir(dir));
  const replaced = REPLACED.filter((name) => entries.has(name));
  if (replaced.length === 0) return [];
  const ofGridfold = (await isJournal(join(dir, JOURNAL_FILE))) || (await isResults(join(dir, RESULTS_JSON)));
  return ofGridfold ? [] : replaced;
}

async function isJournal(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    return (JSON.parse(text.split('\n', 1)[0]) as { gridfold?: unknown })?.gridfold === 'journal';
  } catch {
    return false;
  }
}

/** A run's results.json by its shape alone: one an older gridfold wrote, or a damaged one, is still a run's to replace. */
async function isResults(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null;
    return typeof value?.meta === 'object' && typeof value?.cvResults === 'object';
  } catch {
    return false;
  }
}
