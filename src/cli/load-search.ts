/**
 * Loading a search file. Search files are TypeScript: from the compiled CLI (dist/) tsx's
 * hooks are registered here once; from source the bin shim has registered them already,
 * mapping the import 'gridfold' to src/ so the file and the CLI share one copy of gridfold.
 *
 * Why `register()` + `import()` and not tsx's `tsImport`: tsImport loads the file and
 * everything it imports in a namespace of its own, i.e. a second copy of gridfold — its
 * own classes (`instanceof` fails across copies) and its own module registry (a module
 * the file defines would be unknown to the CLI's estimators).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SearchFileError, messages } from '../core/index.js';
import { checkSearchDefinition } from './check-search.js';
import { unlessUnsettled } from './unsettled.js';
import type { SearchDefinition } from './search-definition.js';

let typeScriptReady: Promise<void> | undefined;

/** Imports `file` and checks its default export; throws SearchFileError saying what is wrong. */
export async function loadSearchFile(file: string): Promise<SearchDefinition> {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new SearchFileError(messages.searchFileMissing(file));
  await ensureTypeScript();
  let module: Record<string, unknown>;
  try {
    module = await unlessUnsettled(import(pathToFileURL(path).href), () => new SearchFileError(messages.searchFileBad(file, messages.searchFileUnsettled())));
  } catch (error) {
    if (error instanceof SearchFileError) throw error;
    // A file that imports 'gridfold' where none is installed fails inside tsx's loader with
    // Node's "Cannot require() ES Module … in a cycle", which says nothing of the cause.
    if (importsGridfold(path) && !gridfoldInstalledFor(dirname(path))) {
      throw new SearchFileError(messages.searchFileBad(file, messages.searchFileOutsideProject(dirname(path))));
    }
    if ((error as { code?: unknown }).code === 'ERR_REQUIRE_CYCLE_MODULE' && path.endsWith('.ts')) {
      const manifest = nearestPackageJson(dirname(path));
      if (manifest?.type !== 'module') throw new SearchFileError(messages.searchFileBad(file, messages.searchFileCommonJs(file, manifest?.path)));
    }
    throw new SearchFileError(messages.searchFileBad(file, (error as Error).message ?? String(error)));
  }
  if (module.default === undefined) {
    throw new SearchFileError(messages.searchFileBad(file, messages.searchFileNoDefault(file, Object.keys(module))));
  }
  try {
    return checkSearchDefinition(module.default);
  } catch (error) {
    throw new SearchFileError(messages.searchFileBad(file, (error as Error).message));
  }
}

function importsGridfold(path: string): boolean {
  return /\bfrom\s*['"]gridfold['"]|\bimport\s*\(\s*['"]gridfold['"]\s*\)/.test(readFileSync(path, 'utf8'));
}

/** Whether `import 'gridfold'` can resolve from `dir`: node_modules/gridfold in it or above, or gridfold's own checkout. */
function gridfoldInstalledFor(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', 'gridfold', 'package.json'))) return true;
    const manifest = join(at, 'package.json');
    if (existsSync(manifest) && /"name"\s*:\s*"gridfold"/.test(readFileSync(manifest, 'utf8'))) return true;
    if (dirname(at) === at) return false;
  }
}

/** The package.json Node reads a file's module type from: the nearest one above `dir`. */
function nearestPackageJson(dir: string): { path: string; type: unknown } | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const path = join(at, 'package.json');
    if (existsSync(path)) {
      try {
        return { path, type: (JSON.parse(readFileSync(path, 'utf8')) as { type?: unknown }).type };
      } catch {
        return { path, type: undefined };
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

function ensureTypeScript(): Promise<void> {
  // Running as TypeScript means a loader is in place already (the bin shim, or --import tsx).
  if (import.meta.url.endsWith('.ts')) return Promise.resolve();
  typeScriptReady ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return typeScriptReady;
}
