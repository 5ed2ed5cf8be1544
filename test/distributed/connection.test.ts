/**
 * Reaching Redis: an unreachable one is an error naming the URL without its password; a
 * password and TLS (rediss://, a CA of the test's own) work end to end; a wrong password
 * or an untrusted certificate is said as such; a run without --redis loads no BullMQ.
 */
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/core/index.js';
import { CONNECT_TIMEOUT_MS, redactRedisUrl } from '../../src/distributed/connection.js';
import { ROOT, tempDir } from '../cli/helpers.js';
import { TINY, freePortForTests, killAll, run, start, workersOf } from './helpers.js';
import { REDIS_MISSING, skipRedisTests, startRedis } from './redis-server.js';

const TRACE = join(ROOT, 'test', 'distributed', 'fixtures', 'trace-imports.mjs');

test.after.always(() => killAll());

test('the URL is shown without its password', (t) => {
  t.is(redactRedisUrl('redis://:s3cret@db.lan:6380/2'), 'redis://:***@db.lan:6380/2');
  t.is(redactRedisUrl('rediss://admin:s3cret@db.lan'), 'rediss://admin:***@db.lan');
  t.is(redactRedisUrl('redis://db.lan:6379'), 'redis://db.lan:6379');
  t.is(redactRedisUrl('not a url:s3cret@host'), '***@host');
});

test('a bad URL or queue name is a usage error (exit 2) that never prints the password', async (t) => {
  const bad = await run(['run', TINY, '--redis', 'http://:s3cret@db.lan:6379']);
  t.is(bad.code, 2);
  t.true(bad.stderr.includes(messages.cliCommandFailed('run', messages.redisUrlInvalid(JSON.stringify('http://:***@db.lan:6379')))), bad.stderr);
  t.false(bad.stderr.includes('s3cret'));
  const queue = await run(['worker', '--redis', 'redis://127.0.0.1:6379', '--queue', 'no spaces']);
  t.is(queue.code, 2);
  t.true(queue.stderr.includes(messages.queueNameInvalid('no spaces')), queue.stderr);
});

test('an unreachable Redis stops the coordinator and the worker with the URL (password hidden) and the time waited', async (t) => {
  const port = await freePortForTests();
  const url = `redis://:s3cret@127.0.0.1:${port}`;
  const expected = messages.redisUnreachable(`redis://:***@127.0.0.1:${port}`, CONNECT_TIMEOUT_MS / 1000, `connect ECONNREFUSED 127.0.0.1:${port}`);
  for (const args of [['run', TINY, '--redis', url], ['worker', '--redis', url]]) {
    const result = await run(args);
    t.is(result.code, 1, result.stderr);
    t.true(result.stderr.includes(expected), result.stderr);
    t.false(result.stderr.includes('s3cret'));
  }
});

test('a run without --redis loads neither bullmq nor ioredis; with --redis it does', async (t) => {
  const trace = join(tempDir('dist-trace'), 'imports.txt');
  const env = { NODE_OPTIONS: `--import=${TRACE}`, GRIDFOLD_TRACE_IMPORTS: trace };
  const plain = await run(['run', TINY, '--out', tempDir('dist-plain'), '--quiet'], env);
  t.is(plain.code, 0, plain.stderr);
  t.false(existsSync(trace), existsSync(trace) ? readFileSync(trace, 'utf8') : '');
  // The control: the same tracer sees them as soon as --redis asks for them.
  await run(['run', TINY, '--redis', `redis://127.0.0.1:${await freePortForTests()}`], env);
  t.regex(readFileSync(trace, 'utf8'), /node_modules\/bullmq\//);
});

if (skipRedisTests()) {
  test('password and TLS (skipped: REDIS_TESTS=skip and no redis-server)', (t) => t.pass(REDIS_MISSING));
} else {
  test('a Redis with a password: the run completes on a worker; a wrong password is said as such', async (t) => {
    const redis = await startRedis({ password: 'pa:ss@word' });
    try {
      const out = tempDir('dist-password');
      const worker = start(['worker', '--redis', redis.url, '--search', TINY, '--name', 'pw-worker']);
      const result = await run(['run', TINY, '--redis', redis.url, '--out', out]);
      t.is(result.code, 0, result.stderr);
      t.false(result.stderr.includes('pa:ss@word') || result.stderr.includes(encodeURIComponent('pa:ss@word')));
      t.true(result.stderr.includes(`at redis://:***@127.0.0.1:${redis.port}`), result.stderr);
      t.deepEqual(workersOf(out), ['pw-worker', 'pw-worker']);
      worker.child.kill('SIGTERM');
      t.is((await worker.done).code, 0);

      const wrong = await run(['run', TINY, '--redis', `redis://:nope@127.0.0.1:${redis.port}`]);
      t.is(wrong.code, 1);
      t.regex(wrong.stderr, new RegExp(`Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redis.port} refused the login \\(WRONGPASS`));
    } finally {
      await redis.stop();
    }
  });

  test('rediss:// (TLS): the run completes with the CA in NODE_EXTRA_CA_CERTS; without it the handshake failure is said', async (t) => {
    const redis = await startRedis({ tls: true });
    try {
      const out = tempDir('dist-tls');
      const trusted = { NODE_EXTRA_CA_CERTS: redis.caFile! };
      const worker = start(['worker', '--redis', redis.url, '--search', TINY, '--name', 'tls-worker'], trusted);
      const result = await run(['run', TINY, '--redis', redis.url, '--out', out], trusted);
      t.is(result.code, 0, result.stderr);
      t.deepEqual(workersOf(out), ['tls-worker', 'tls-worker']);
      worker.child.kill('SIGTERM');
      t.is((await worker.done).code, 0);

      const untrusted = await run(['run', TINY, '--redis', redis.url]);
      t.is(untrusted.code, 1);
      t.true(untrusted.stderr.includes(messages.redisTlsFailed(redis.url, 'self-signed certificate in certificate chain')), untrusted.stderr);
    } finally {
      await redis.stop();
    }
  });
}
