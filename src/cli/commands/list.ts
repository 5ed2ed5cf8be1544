/** `gridfold list [dir]`: the search files under ./searches, each loaded and described. */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UsageError, messages } from '../../core/index.js';
import { resolveCv } from '../../splitters/index.js';
import { expectPositionals, parseCommand } from '../args.js';
import { createEstimator, createSearch, searchKindOf } from '../create-search.js';
import { loadSearchFile } from '../load-search.js';
import { GridSearchCV, HalvingGridSearchCV, HalvingRandomSearchCV, RandomizedSearchCV } from '../../search/index.js';
import type { SearchDefinition } from '../search-definition.js';
import type { Output } from '../output.js';

const SEARCH_FILE = /\.(ts|mts|js|mjs)$/;

export async function listCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('list', argv, {});
  if (values.help) return out.help('list');
  expectPositionals('list', positionals, 'at most one [dir]', 0, 1);
  const dir = positionals[0] ?? 'searches';
  if (!existsSync(dir)) throw new UsageError(messages.cliCommandFailed('list', messages.cliNoSearchDir(dir)));
  if (!statSync(dir).isDirectory()) throw new UsageError(messages.cliCommandFailed('list', messages.cliNoSearchDir(dir, true)));
  let invalid = 0;
  for (const file of await searchFiles(dir)) {
    const shown = relative(process.cwd(), file) || file;
    try {
      const definition = await loadSearchFile(file);
      out.stdout(messages.cliListLine(shown, searchKindOf(definition), sizeOf(definition), definition.description));
    } catch (error) {
      invalid++;
      out.stdout(messages.cliListInvalid(shown, (error as Error).message.replace(/^gridfold: bad search file [^\n]*\n\s*/, '')));
    }
  }
  return invalid > 0 ? 2 : 0;
}

async function searchFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && SEARCH_FILE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
    .sort();
}

function sizeOf(definition: SearchDefinition): string {
  const search = createSearch(definition, createEstimator(definition));
  const folds = resolveCv(definition.cv ?? 5, { classifier: search.estimator.task === 'classification' }).getNSplits();
  const kind = searchKindOf(definition);
  if (search instanceof GridSearchCV || search instanceof HalvingGridSearchCV) return messages.cliSearchSize(kind, search.paramGrid.length, folds);
  if (search instanceof RandomizedSearchCV) return messages.cliSearchSize(kind, search.sampler.length, folds);
  return messages.cliSearchSize(kind, (search as HalvingRandomSearchCV).nCandidates, folds);
}
