import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { messages } from '../../src/core/index.js';
import { LOCK_FILE, type LockHolder } from '../../src/results/run-lock.js';
import { ERROR_LOG } from '../../src/cli/failure.js';
import { foreignRunFolderEntries } from '../../src/cli/run-folder.js';
import { resultsToJson } from '../../src/results/json.js';
import { tinyRun } from '../report/tiny.js';
import { FIXTURES, gridfold, lines, tempDir } from './helpers.js';

const GATED = join(FIXTURES, 'gated.ts');

/** A pid that certainly belongs to no process any more: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function journalKeys(dir: string): string[] {
  const [header, ...records] = lines(readFileSync(join(dir, 'journal.jsonl'), 'utf8'));
  if (!header.includes('"gridfold":"journal"')) throw new Error('no journal header');
  return records.map((line) => JSON.parse(line).key as string);
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

test('two runs racing for one folder: one is refused (exit 2, naming the holder), the journal holds each fit once', async (t) => {
  const dir = tempDir('race');
  const gate = join(dir, 'gate');
  const env = { GRIDFOLD_TEST_GATE: gate };
  const args = ['run', GATED, '--out', dir, '--quiet'];
  const runs = [gridfold(args, { env }), gridfold(args, { env })];
  // Whichever took the lock waits at the gate; the other must come back refused.
  const loser = await Promise.race(runs.map((run, i) => run.then((result) => ({ i, result }))));
  const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;
  writeFileSync(gate, '');
  const winner = await runs[1 - loser.i];
  t.is(loser.result.code, 2, loser.result.stderr);
  t.is(loser.result.stderr, `${messages.cliCommandFailed('run', messages.runFolderLocked(dir, join(dir, LOCK_FILE), messages.runLockHolder(holder)))}\n`);
  t.is(holder.host, hostname());
  t.is(holder.command, messages.cliResumeCommand(args));
  t.is(winner.code, 0, winner.stderr);
  const keys = journalKeys(dir);
  t.is(keys.length, 4, '2 candidates × 2 folds');
  t.is(new Set(keys).size, 4);
  t.false(existsSync(join(dir, LOCK_FILE)), 'the lock is released at the end');
});

test.serial('a stale lock (its process gone) is taken over with a warning; report and show still read a locked folder', async (t) => {
  const dir = tempDir('stale');
  const stale: LockHolder = { gridfold: 'run-lock', pid: deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
  const run = await gridfold(['run', GATED, '--out', dir, '--quiet']);
  t.is(run.code, 0, run.stderr);
  t.is(lines(run.stderr)[0], messages.cliNotice(messages.runLockStale(join(dir, LOCK_FILE), messages.runLockHolder(stale))));
  t.false(existsSync(join(dir, LOCK_FILE)));

  // A run holds the folder (this very test process, alive): report and show read it all the same.
  const live: LockHolder = { gridfold: 'run-lock', pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(live));
  const busy = messages.cliNotice(messages.runFolderBusy(dir, messages.runLockHolder(live)));
  for (const command of ['show', 'report']) {
    const result = await gridfold([command, dir]);
    t.is(result.code, 0, result.stderr);
    t.is(result.stderr, `${busy}\n`, command);
  }
  const refused = await gridfold(['run', GATED, '--out', dir]);
  t.is(refused.code, 2);
  t.is(refused.stderr, `${messages.cliCommandFailed('run', messages.runFolderLocked(dir, join(dir, LOCK_FILE), messages.runLockHolder(live)))}\n`);
  t.is(readFileSync(join(dir, LOCK_FILE), 'utf8'), JSON.stringify(live), 'a refused run leaves the holder its lock');

  // Held on another machine: the pid cannot be checked from here, so the run is refused.
  const elsewhere: LockHolder = { ...live, host: `not-${hostname()}` };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(elsewhere));
  const other = await gridfold(['run', GATED, '--out', dir]);
  t.is(other.code, 2);
  t.is(other.stderr, `${messages.cliCommandFailed('run', messages.runFolderLockedElsewhere(dir, join(dir, LOCK_FILE), messages.runLockHolder(elsewhere)))}\n`);
});

test('Ctrl-C while the data loads (before any fit): exit 130 at once, saying so, and the run folder\'s lock is released', async (t) => {
  const dir = tempDir('early-stop');
  let child: import('node:child_process').ChildProcess | undefined;
  const run = gridfold(['run', GATED, '--out', dir], { env: { GRIDFOLD_TEST_GATE: join(dir, 'never') }, onSpawn: (spawned) => (child = spawned) });
  // The lock is taken before the data loads, and the gated loader never returns.
  await waitFor(() => existsSync(join(dir, LOCK_FILE)));
  child!.kill('SIGINT');
  const result = await run;
  t.is(result.code, 130, result.stderr);
  t.is(result.stderr, `${messages.stoppedBeforeFits('SIGINT')}\n`);
  t.false(existsSync(join(dir, LOCK_FILE)), 'no lock left behind for the next run to take over');
});

test('an --out that cannot be a run folder is one line naming the path and the reason, exit 2', async (t) => {
  const dir = tempDir('out');
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a directory');
  const unusable = (out: string, reason: string) => `${messages.cliCommandFailed('run', messages.runFolderUnusable(out, reason))}\n`;
  const cases: Array<[string, string]> = [
    [file, unusable(file, messages.fsReason('ENOTDIR', { blocking: file }))],
    [join(file, 'run'), unusable(join(file, 'run'), messages.fsReason('ENOTDIR', { blocking: file }))],
    // The kernel refuses new entries in /proc with ENOENT (and Node's recursive mkdir loops on it forever).
    ['/proc/gridfold-run', unusable('/proc/gridfold-run', messages.fsReason('ENOENT', { blocking: '/proc' }))],
    // sysfs refuses new entries even to root.
    ['/sys/gridfold-run', unusable('/sys/gridfold-run', messages.fsReason('EPERM'))],
    ['/sys', unusable('/sys', messages.fsReason('EACCES'))],
    ['', `${messages.outFlagEmpty('run')}\n`],
  ];
  const results = await Promise.all(cases.map(([out]) => gridfold(['run', GATED, '--out', out])));
  results.forEach((result, i) => {
    t.is(result.code, 2, cases[i][0]);
    t.is(result.stderr, cases[i][1], cases[i][0]);
  });
});

test('a folder holding a report or results no gridfold run wrote is refused (exit 2), not overwritten; a run\'s own folder is used again', async (t) => {
  const site = tempDir('site');
  writeFileSync(join(site, 'index.html'), '<h1>my site</h1>');
  writeFileSync(join(site, 'results.csv'), 'mine');
  const result = await gridfold(['run', GATED, '--out', site]);
  t.is(result.code, 2, result.stderr);
  t.is(result.stderr, `${messages.cliCommandFailed('run', messages.runFolderUnusable(site, messages.runFolderForeign(['index.html', 'results.csv'])))}\n`);
  t.is(readFileSync(join(site, 'index.html'), 'utf8'), '<h1>my site</h1>');
  t.false(existsSync(join(site, LOCK_FILE)), 'the refused run leaves no lock');
  // Written by a run: its journal, or its results.json, says so; other files do not matter.
  const journaled = tempDir('journaled');
  writeFileSync(join(journaled, 'index.html'), 'a report');
  writeFileSync(join(journaled, 'journal.jsonl'), '{"gridfold":"journal","version":"0.1.0"}\n');
  t.deepEqual(await foreignRunFolderEntries(journaled), []);
  const finished = tempDir('finished');
  writeFileSync(join(finished, 'index.html'), 'a report');
  writeFileSync(join(finished, 'results.json'), resultsToJson(tinyRun()));
  t.deepEqual(await foreignRunFolderEntries(finished), []);
  writeFileSync(join(finished, 'results.json'), '{"not": "a run"}');
  t.deepEqual(await foreignRunFolderEntries(finished), ['index.html', 'results.json']);
  const notes = tempDir('notes');
  writeFileSync(join(notes, 'notes.txt'), 'a run folder may hold other files');
  t.deepEqual(await foreignRunFolderEntries(notes), []);
});

test('a read-only run folder is refused with "permission denied" (as root: run as an unprivileged user, since root writes anywhere)', async (t) => {
  const dir = tempDir('readonly');
  const readOnly = join(dir, 'read-only');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);
  chmodSync(dir, 0o755);
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const out = join(readOnly, 'run');
  const result = await gridfold(['run', resolve(GATED), '--out', out], { user: asNobody });
  t.is(result.code, 2, result.stderr);
  t.is(result.stderr, `${messages.cliCommandFailed('run', messages.runFolderUnusable(out, messages.fsReason('EACCES')))}\n`);
});

test('an error gridfold did not foresee: one line saying where the details are; --verbose prints the stack', async (t) => {
  const dir = tempDir('unexpected');
  const args = ['run', join(FIXTURES, 'refit-breaks.ts'), '--out', dir, '--quiet'];
  const result = await gridfold(args);
  t.is(result.code, 1);
  const log = join(dir, ERROR_LOG);
  const summary = "TypeError: Cannot read properties of undefined (reading 'weights')";
  t.is(lines(result.stderr).at(-1), messages.cliUnexpectedError('run', summary, log));
  t.false(result.stderr.includes('    at '), 'no stack trace on the screen');
  const written = readFileSync(log, 'utf8');
  t.true(written.includes(messages.cliResumeCommand(args)));
  t.regex(written, /TypeError: Cannot read properties of undefined \(reading 'weights'\)\n {4}at BreaksOnRefit\.call/);
  const verbose = await gridfold([...args, '--verbose']);
  t.is(verbose.code, 1);
  t.true(verbose.stderr.includes(`${messages.cliUnexpectedError('run', summary, log)}\n${summary}\n    at BreaksOnRefit.call`), verbose.stderr);
});

