import test from 'ava';
import { resolve } from 'node:path';
import { messages } from '../../src/core/index.js';
import { runFixture } from './helpers.js';

test('a search started from the file that defines its module fails at once at nJobs 2, saying to move defineModule', async (t) => {
  const file = 'test/parallel/fixtures/self-module-search.ts';
  const result = await runFixture(file, []);
  t.is(result.code, 1, result.stderr);
  t.is(result.stdout.trim(), `SearchInWorkerError: ${messages.searchInsideWorker(resolve(file))}`);
});
