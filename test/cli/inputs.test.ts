import test from 'ava';
import { join } from 'node:path';
import { messages } from '../../src/core/index.js';
import { FIXTURES, gridfold, tempDir } from './helpers.js';

test('numeric flags out of range are refused before anything loads (not even the search file): exit 2, the flag named', async (t) => {
  // The search file does not exist: a flag refused first proves nothing was loaded before it.
  const file = 'searches/not-loaded.ts';
  const cases: Array<[string[], string]> = [
    [['run', file, '--n-jobs', '1000'], messages.cliFlagInvalid('run', '--n-jobs', '1000', 'an integer in [1, 256] or -1 (every core)')],
    [['run', file, '--n-jobs', '0'], messages.cliFlagInvalid('run', '--n-jobs', '0', 'an integer in [1, 256] or -1 (every core)')],
    [['run', file, '--seed', '99999999999'], messages.cliFlagInvalid('run', '--seed', '99999999999', 'an integer in [0, 4294967295]')],
    [['run', file, '--seed', '-1'], messages.cliFlagInvalid('run', '--seed', '-1', 'an integer in [0, 4294967295]')],
    [['run', file, '--epochs', 'abc'], messages.cliFlagInvalid('run', '--epochs', 'abc', 'a positive integer')],
    [['run', file, '--epochs', '1e3'], messages.cliFlagInvalid('run', '--epochs', '1e3', 'a positive integer')],
    [['run', file, '--limit', '2.5'], messages.cliFlagInvalid('run', '--limit', '2.5', 'a positive integer')],
    [['run', file, '--limit', '99999999999999999999'], messages.cliFlagInvalid('run', '--limit', '99999999999999999999', 'a positive integer')],
    [['run', file, '--fit-timeout', '0'], messages.cliFlagInvalid('run', '--fit-timeout', '0', 'a number in (0, 2147483]')],
    [['run', file, '--fit-timeout', 'ten'], messages.cliFlagInvalid('run', '--fit-timeout', 'ten', 'a number in (0, 2147483]')],
    [['show', 'reports/none', '--top', '0'], messages.cliFlagInvalid('show', '--top', '0', 'a positive integer')],
    [['worker', '--redis', 'redis://127.0.0.1:1', '--n-jobs', '300'], messages.cliFlagInvalid('worker', '--n-jobs', '300', 'an integer in [1, 256] or -1 (every core)')],
  ];
  const results = await Promise.all(cases.map(([args]) => gridfold(args)));
  results.forEach((result, i) => {
    t.is(result.code, 2, cases[i][0].join(' '));
    t.is(result.stderr, `${cases[i][1]}\n`, cases[i][0].join(' '));
  });
});

test('a data loader that returns something other than a dataset, or never settles, is named; so is a search file whose top-level await never settles', async (t) => {
  const loader = join(FIXTURES, 'bad-loader.ts');
  const unsettled = join(FIXTURES, 'unsettled.ts');
  const out = () => ['--out', tempDir('loader')];
  const [nothing, rows, never, topLevel] = await Promise.all([
    gridfold(['run', loader, ...out()], { env: { GRIDFOLD_TEST_LOADER: 'nothing' } }),
    gridfold(['run', loader, ...out()], { env: { GRIDFOLD_TEST_LOADER: 'rows' } }),
    gridfold(['run', loader, ...out()], { env: { GRIDFOLD_TEST_LOADER: 'never' } }),
    gridfold(['run', unsettled, ...out()]),
  ]);
  const data = (reason: string) => `${messages.searchFileBad(loader, messages.searchFileDataFailed(reason))}\n`;
  t.is(nothing.code, 2);
  t.is(nothing.stderr, data(messages.loaderNotADataset(undefined, messages.notAnObject())));
  t.is(rows.code, 2);
  t.is(rows.stderr, data(messages.loaderNotADataset({ X: [[0, 1], [1, 0]], y: [0, 1] }, messages.fieldHolds('X', [[0, 1], [1, 0]], 'a Float32Array of row-major features'))));
  t.is(never.code, 2);
  t.is(never.stderr, data(messages.loaderUnsettled()));
  t.is(topLevel.code, 2, 'not 13');
  t.is(topLevel.stderr, `${messages.searchFileBad(unsettled, messages.searchFileUnsettled())}\n`);
});
