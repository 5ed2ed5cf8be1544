import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunLockedError, collectWarnings, messages } from '../../src/core/index.js';
import { LOCK_FILE, lockRunFolder, runFolderHolder, type LockHolder } from '../../src/results/run-lock.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'gridfold-lock-'));

test('two lockers at once: exactly one holds the folder, the other is refused naming it; release frees it', async (t) => {
  const dir = join(fresh(), 'run');
  const outcomes = await Promise.allSettled([lockRunFolder(dir), lockRunFolder(dir)]);
  const held = outcomes.filter((o) => o.status === 'fulfilled');
  const refused = outcomes.filter((o) => o.status === 'rejected');
  t.is(held.length, 1);
  t.is(refused.length, 1);
  const lock = held[0].value;
  t.deepEqual(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')), lock.holder);
  t.true(refused[0].reason instanceof RunLockedError);
  t.is(refused[0].reason.message, messages.runFolderLocked(dir, join(dir, LOCK_FILE), messages.runLockHolder(lock.holder)));
  t.deepEqual(await runFolderHolder(dir), lock.holder);
  lock.release();
  t.false(existsSync(join(dir, LOCK_FILE)));
  t.is(await runFolderHolder(dir), undefined);
  (await lockRunFolder(dir)).release();
});

test('a stale lock found by two lockers at once is taken over by exactly one, with one warning', async (t) => {
  const dir = fresh();
  const stale: LockHolder = { gridfold: 'run-lock', pid: spawnSync(process.execPath, ['-e', '']).pid!, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
  t.is(await runFolderHolder(dir), undefined, 'a dead holder holds nothing');
  const { result: outcomes, warnings } = await collectWarnings(() => Promise.allSettled([lockRunFolder(dir), lockRunFolder(dir)]));
  t.is(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
  t.true((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason instanceof RunLockedError);
  t.deepEqual(warnings.map((w) => w.message), [messages.runLockStale(join(dir, LOCK_FILE), messages.runLockHolder(stale))]);
  (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ release(): void }>).value.release();
});

test('a lock file that is not a gridfold lock is refused, not overwritten', async (t) => {
  const dir = fresh();
  writeFileSync(join(dir, LOCK_FILE), 'hello');
  await t.throwsAsync(lockRunFolder(dir), { instanceOf: RunLockedError, message: messages.runLockUnreadable(dir, join(dir, LOCK_FILE), 'hello') });
  t.is(readFileSync(join(dir, LOCK_FILE), 'utf8'), 'hello');
});
