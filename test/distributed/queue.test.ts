/**
 * A search across processes through BullMQ on a loopback redis-server: workers killed with
 * SIGKILL, a coordinator killed and resumed, workers that refuse a run not theirs — each
 * ending with the local run's results bit for bit and every fit journaled once.
 */
import test from 'ava';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { copyFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { messages } from '../../src/core/index.js';
import { VERSION } from '../../src/version.js';
import { tempDir } from '../cli/helpers.js';
import { FAST_STALLS, FIXTURE, comparable, killAll, journalEntries, run, runIdOf, start, workersOf } from './helpers.js';
import { REDIS_MISSING, skipRedisTests, startRedis, type RedisServer } from './redis-server.js';

const FITS = 12;
let redis: RedisServer;
let local: ReturnType<typeof comparable>;

if (skipRedisTests()) {
  test('distributed runs (skipped: REDIS_TESTS=skip and no redis-server)', (t) => t.pass(REDIS_MISSING));
} else {
  test.before(async () => {
    redis = await startRedis();
    const dir = tempDir('dist-local');
    const result = await run(['run', FIXTURE, '--out', dir, '--quiet']);
    if (result.code !== 0) throw new Error(result.stderr);
    local = comparable(dir);
  });
  test.after.always(async () => {
    killAll();
    await redis?.stop();
  });

  test.serial('two workers, one SIGKILLed mid-task: the search completes with the local results bit for bit, each fit journaled once', async (t) => {
    const out = tempDir('dist-kill');
    const args = ['--redis', redis.url, '--queue', 'kill'];
    const coordinator = start(['run', FIXTURE, '--out', out, ...args]);
    const search = ['--search', FIXTURE];
    const doomed = start(['worker', ...args, ...search, '--n-jobs', '1', '--name', 'doomed', ...FAST_STALLS]);
    await doomed.waitFor(/doomed: took task/);
    doomed.child.kill('SIGKILL');
    const survivor = start(['worker', ...args, ...search, '--n-jobs', '1', '--name', 'survivor', ...FAST_STALLS]);
    const result = await coordinator.done;
    t.is(result.code, 0, result.stderr);
    survivor.child.kill('SIGTERM');
    const stopped = await survivor.done;
    t.is(stopped.code, 0, stopped.stderr);
    t.true(stopped.stderr.includes(messages.workerStopping('SIGTERM')));

    t.deepEqual(comparable(out), local);
    const entries = journalEntries(out);
    t.is(entries.length, FITS);
    t.is(new Set(entries.map((e) => e.key)).size, FITS);
    // The killed worker finished nothing; its task was re-queued and run by the survivor.
    t.deepEqual(workersOf(out), new Array(FITS).fill('survivor'));
    // The diverging candidates are error rows, run once: each of the survivor's tasks ran once.
    t.is(entries.filter((e) => e.record.error?.name === 'NonFiniteLossError').length, 6);
    const took = stopped.stderr.match(/survivor: took task/g)?.length;
    t.is(took, stopped.stderr.match(/survivor: ran \d+ fits/g)?.length);
  });

  test.serial('a coordinator killed mid-run and restarted with --resume takes the fits done meanwhile from Redis and enqueues nothing again', async (t) => {
    const out = tempDir('dist-resume');
    const args = ['--redis', redis.url, '--queue', 'resume'];
    const first = start(['run', FIXTURE, '--out', out, ...args]);
    const worker = start(['worker', ...args, '--search', FIXTURE, '--n-jobs', '1', '--name', 'steady', ...FAST_STALLS]);
    await first.waitFor(/\[candidate 1\/4\]/);
    first.child.kill('SIGKILL');
    await first.done;
    const runId = runIdOf(first.stderr());
    const journaled = journalEntries(out).length;
    t.true(journaled >= 3 && journaled < FITS, `journaled ${journaled}`);
    // The worker goes on without its coordinator: every fit ends up in the run's results in Redis.
    const client = new Redis(redis.url);
    while ((await client.hlen(`gridfold:resume:run:${runId}:results`)) < FITS) await new Promise((r) => setTimeout(r, 200));
    await client.quit();

    const second = await run(['run', FIXTURE, '--out', out, '--resume', ...args]);
    t.is(second.code, 0, second.stderr);
    t.true(second.stderr.includes(messages.coordinatorEnqueued(0, 0, FITS - journaled)), second.stderr);
    t.is(runIdOf(second.stderr), runId);
    worker.child.kill('SIGTERM');
    t.is((await worker.done).code, 0);
    t.deepEqual(comparable(out), local);
    const entries = journalEntries(out);
    t.is(entries.length, FITS);
    t.is(new Set(entries.map((e) => e.key)).size, FITS);
  });

  test.serial('Ctrl-C on the coordinator empties the queue, lets the running task finish and exits 130; --resume enqueues only the missing fits', async (t) => {
    const out = tempDir('dist-ctrl-c');
    const args = ['--redis', redis.url, '--queue', 'ctrl-c'];
    const first = start(['run', FIXTURE, '--out', out, ...args]);
    const worker = start(['worker', ...args, '--search', FIXTURE, '--n-jobs', '1', '--name', 'only']);
    // While the worker runs its second task: one finished, two waiting.
    await worker.waitFor(/only: ran \d+ fits[^]*only: took task/);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    t.is(stopped.code, 130, stopped.stderr);
    t.true(stopped.stderr.includes('resume with:'), stopped.stderr);
    const client = new Redis(redis.url);
    t.is(await client.llen('gridfold:ctrl-c:wait'), 0);
    await client.quit();
    const journaled = journalEntries(out).length;
    t.true(journaled >= 3 && journaled < FITS, `journaled ${journaled}`);

    const second = await run(['run', FIXTURE, '--out', out, '--resume', ...args]);
    t.is(second.code, 0, second.stderr);
    t.regex(second.stderr, new RegExp(`gridfold: \\d+ tasks \\(${FITS - journaled} fits\\) on the queue\\.`));
    worker.child.kill('SIGTERM');
    t.is((await worker.done).code, 0);
    t.deepEqual(comparable(out), local);
    t.is(new Set(journalEntries(out).map((e) => e.key)).size, FITS);
  });

  test.serial('SIGTERM lets a worker finish its running task; a second SIGTERM hands it back to the queue; both exit 0', async (t) => {
    const out = tempDir('dist-stop');
    const args = ['--redis', redis.url, '--queue', 'stop', '--search', FIXTURE, '--n-jobs', '1'];
    // A lock of 10 minutes: a task that was not handed back would wait that long for the stalled check.
    const slowStalls = ['--lock-duration', '600', '--stalled-interval', '600'];
    const coordinator = start(['run', FIXTURE, '--out', out, '--redis', redis.url, '--queue', 'stop']);
    const impatient = start(['worker', ...args, '--name', 'impatient', ...slowStalls]);
    await impatient.waitFor(/impatient: took task/);
    impatient.child.kill('SIGTERM');
    await impatient.waitFor(/finishing the running tasks/);
    impatient.child.kill('SIGTERM');
    const handedBack = await impatient.done;
    t.is(handedBack.code, 0, handedBack.stderr);
    t.true(handedBack.stderr.includes(messages.workerHandingBack('SIGTERM')));
    t.true(handedBack.stderr.includes(messages.workerStopped('impatient', 0)), handedBack.stderr);

    const polite = start(['worker', ...args, '--name', 'polite', ...slowStalls]);
    await polite.waitFor(/polite: took task/);
    polite.child.kill('SIGTERM');
    const finished = await polite.done;
    t.is(finished.code, 0, finished.stderr);
    const ran = Number(/polite: stopped after (\d+) fits/.exec(finished.stderr)?.[1]);
    t.true(ran > 0, finished.stderr);
    t.true(finished.stderr.indexOf(messages.workerStopping('SIGTERM')) < finished.stderr.indexOf('polite: ran'), finished.stderr);

    const last = start(['worker', ...args, '--name', 'last', ...slowStalls]);
    const result = await coordinator.done;
    t.is(result.code, 0, result.stderr);
    last.child.kill('SIGTERM');
    t.is((await last.done).code, 0);
    t.deepEqual(comparable(out), local);
    const workers = workersOf(out);
    t.is(workers.filter((w) => w === 'polite').length, ran);
    t.is(workers.filter((w) => w === 'last').length, FITS - ran);
    t.is(journalEntries(out).length, FITS);
  });

  test.serial('workers refuse a run whose search file, data or gridfold version differ, naming the mismatch; the coordinator says so', async (t) => {
    const out = tempDir('dist-refuse');
    const args = ['--redis', redis.url, '--queue', 'refuse'];
    const coordinator = start(['run', FIXTURE, '--out', out, ...args]);
    await coordinator.waitFor(/coordinating run/);
    const runId = runIdOf(coordinator.stderr());

    // Another file of the same name: its hash differs.
    const elsewhere = join(tempDir('dist-other'), 'searches');
    mkdirSync(elsewhere);
    copyFileSync(FIXTURE, join(elsewhere, 'dist-moons.ts'));
    appendFileSync(join(elsewhere, 'dist-moons.ts'), '// edited\n');
    const edited = await run(['worker', ...args, '--name', 'edited', '--search', join(elsewhere, 'dist-moons.ts')]);
    t.is(edited.code, 1);
    t.regex(edited.stderr, /edited: refusing run [0-9a-f]+: the search file .*dist-moons\.ts differs from the coordinator's \(sha256 [0-9a-f]{12}… here, [0-9a-f]{12}… there\)/);

    // The same file, other data (the fixture reads its sample count from the environment).
    const data = await run(['worker', ...args, '--name', 'other-data', '--search', FIXTURE], { DIST_TEST_SAMPLES: '200' });
    t.is(data.code, 1);
    t.regex(data.stderr, /other-data: refusing run [0-9a-f]+: the data this worker loads differs from the coordinator's/);

    // No such file on the worker's machine.
    const missing = await run(['worker', ...args, '--name', 'lost'], {}, tempDir('dist-empty'));
    t.is(missing.code, 1);
    t.regex(missing.stderr, /lost: refusing run [0-9a-f]+: the run's search file dist-moons\.ts is not on this machine/);

    // The coordinator printed each refusal, and still finishes with a good worker.
    const good = start(['worker', ...args, '--name', 'good', '--search', FIXTURE]);
    const result = await coordinator.done;
    t.is(result.code, 0, result.stderr);
    t.regex(result.stderr, /worker edited refused this run: the search file/);
    t.regex(result.stderr, /worker other-data refused this run: the data/);
    good.child.kill('SIGTERM');
    t.is((await good.done).code, 0);
    t.deepEqual(comparable(out), local);

    // Another gridfold version (a manifest written as a newer coordinator would).
    const client = new Redis(redis.url);
    const manifest = JSON.parse((await client.get('gridfold:refuse:manifest'))!);
    await client.set('gridfold:refuse:manifest', JSON.stringify({ ...manifest, runId: `${runId}x`, version: '99.0.0' }));
    await client.quit();
    const old = await run(['worker', ...args, '--name', 'old']);
    t.is(old.code, 1);
    t.true(old.stderr.includes(messages.workerRefused('old', `${runId}x`, messages.workerVersionMismatch('99.0.0', VERSION))), old.stderr);
  });
}
