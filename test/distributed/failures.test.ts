/**
 * Failures on the workers: a fit that kills its worker thread is a failure from outside the
 * fit (core/failures.ts), so its task is tried again by BullMQ — three attempts, then the
 * fit is an error row with its own error, and the search goes on.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResults } from '../../src/results/json.js';
import { tempDir } from '../cli/helpers.js';
import { killAll, run, start } from './helpers.js';
import { REDIS_MISSING, skipRedisTests, startRedis } from './redis-server.js';

const DIES = join('test', 'distributed', 'fixtures', 'dies.ts');

test.after.always(() => killAll());

if (skipRedisTests()) {
  test('worker failures (skipped: REDIS_TESTS=skip and no redis-server)', (t) => t.pass(REDIS_MISSING));
} else {
  test('a fit that kills its worker thread is tried three times, then recorded as its error; the others are not retried', async (t) => {
    const redis = await startRedis();
    try {
      const out = tempDir('dist-dies');
      const worker = start(['worker', '--redis', redis.url, '--search', DIES, '--n-jobs', '1', '--name', 'w']);
      const result = await run(['run', DIES, '--redis', redis.url, '--out', out]);
      t.is(result.code, 0, result.stderr);
      worker.child.kill('SIGTERM');
      const log = (await worker.done).stderr;
      const fits = parseResults(readFileSync(join(out, 'results.json'), 'utf8')).fits;
      t.deepEqual(fits.map((f) => f.error?.name), [undefined, undefined, 'WorkerDiedError', 'WorkerDiedError']);
      t.deepEqual(fits.map((f) => f.worker), ['w', 'w', 'w', 'w']);
      // Every task taken: the two good ones once, the two dying ones three times each.
      const taken = new Map<string, number>();
      for (const [, id] of log.matchAll(/w: took task (\S+) \(/g)) taken.set(id, (taken.get(id) ?? 0) + 1);
      t.deepEqual([...taken.values()].sort(), [1, 1, 3, 3], log);
    } finally {
      await redis.stop();
    }
  });
}
