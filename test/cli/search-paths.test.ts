/**
 * A search file's own paths: a CSV's `path` and an IDX folder's `dir` are read from the
 * search file's folder, whatever the working directory; a missing file is named by the
 * resolved path. A search file where no gridfold is installed says so.
 */
import test from 'ava';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, messages } from '../../src/core/index.js';
import { loadSearchData } from '../../src/cli/create-search.js';
import type { SearchDefinition } from '../../src/cli/search-definition.js';
import { ROOT, gridfold, tempDir } from './helpers.js';

const definition = (data: unknown) => ({ name: 'paths', data, estimator: { kind: 'classifier', params: {} }, paramGrid: { lr: [0.1] } }) as unknown as SearchDefinition;

test('a relative CSV path is the search file\'s; a missing one is named by its resolved path', async (t) => {
  const folder = tempDir('paths');
  mkdirSync(join(folder, 'data'));
  writeFileSync(join(folder, 'data', 'pets.csv'), 'x,kind\n0,cat\n1,dog\n2,cat\n3,dog\n');
  const pets = await loadSearchData(definition({ dataset: 'csv', path: 'data/pets.csv', target: 'kind' }), {}, folder);
  t.deepEqual(pets.classes, ['cat', 'dog']);
  const missing = resolve(folder, 'data/none.csv');
  const error = await t.throwsAsync(loadSearchData(definition({ dataset: 'csv', path: 'data/none.csv', target: 'kind' }), {}, folder), { instanceOf: DataError });
  t.true(error!.message.startsWith(messages.csvUnreadable(missing, '')), error!.message);
});

test('a relative IDX folder is the search file\'s too', async (t) => {
  const folder = tempDir('paths');
  const error = await t.throwsAsync(loadSearchData(definition({ dataset: 'mnist', source: 'idx', dir: 'digits' }), {}, folder));
  t.true(error!.message.includes(resolve(folder, 'digits')), error!.message);
});

test('a search file where no gridfold is installed is told so, not a require(esm) cycle', async (t) => {
  const folder = tempDir('outside');
  const file = join(folder, 'search.ts');
  writeFileSync(file, "import { defineSearch } from 'gridfold';\nexport default defineSearch({ name: 'o', data: { dataset: 'moons', nSamples: 30 }, estimator: { kind: 'classifier', params: {} }, paramGrid: { lr: [0.1] } });\n");
  const result = await gridfold(['run', file]);
  t.is(result.code, 2);
  t.is(result.stderr.trim(), messages.searchFileBad(file, messages.searchFileOutsideProject(folder)));
});

test('a .ts search file in a CommonJS package is told to add "type": "module" or use .mts, not a require(esm) cycle', async (t) => {
  const folder = tempDir('commonjs');
  mkdirSync(join(folder, 'node_modules'));
  symlinkSync(ROOT, join(folder, 'node_modules', 'gridfold'));
  const manifest = join(folder, 'package.json');
  writeFileSync(manifest, '{ "name": "a-user", "version": "1.0.0" }\n');
  const file = join(folder, 'search.ts');
  writeFileSync(file, "import { defineSearch } from 'gridfold';\nexport default defineSearch({ name: 'c', data: { dataset: 'moons', nSamples: 30 }, estimator: { kind: 'classifier', params: {} }, paramGrid: { lr: [0.1] } });\n");
  const result = await gridfold(['run', file]);
  t.is(result.code, 2);
  t.is(result.stderr.trim(), messages.searchFileBad(file, messages.searchFileCommonJs(file, manifest)));
  t.is(
    messages.searchFileCommonJs('s.ts', 'p/package.json'),
    'it uses import/export, but Node loads a .ts file as CommonJS here (p/package.json has no "type": "module"). Add "type": "module" to p/package.json, or rename the file to s.mts.',
  );
});
