import test from 'ava';
import { threadId } from 'node:worker_threads';
import { initBackend } from '../../src/backend/index.js';
import { Callback, GridSearchCV, registerCallback } from '../../src/index.js';
import { InvalidParameterError, messages } from '../../src/core/index.js';
import { StopAfter } from './fixtures/stop-after.js';
import { moons, tinyNet, withoutTimesAndThread } from './helpers.js';

process.env.GRIDFOLD_BACKEND = 'wasm';
test.before(async () => {
  await initBackend();
});

async function search(nJobs: number) {
  const { X, y } = moons();
  const s = new GridSearchCV(tinyNet({ maxEpochs: 5, callbacks: [new StopAfter({ epochs: 2 })] }), { lr: [0.05, 0.1] }, { cv: 3, nJobs, refit: false });
  await s.fit(X, y);
  return s;
}

test("a user's registered Callback subclass runs on worker threads (nJobs 2) exactly as in this thread", async (t) => {
  const one = await search(1);
  const two = await search(2);
  for (const s of [one, two]) {
    t.true(s.fits.every((fit) => fit.error === undefined), JSON.stringify(s.fits.map((fit) => fit.error)));
    // It stopped every fit after 2 of the 5 epochs, and marked every row.
    t.deepEqual(s.fits.map((fit) => fit.history.map((row) => row.stop_after)), Array(6).fill([2, 2]));
  }
  t.true(two.fits.every((fit) => fit.threadId !== undefined && fit.threadId !== threadId), 'the fits ran on worker threads');
  t.deepEqual(two.fits.map(withoutTimesAndThread), one.fits.map(withoutTimesAndThread));
});

test('the serialized callback names the file that registered it; clone rebuilds a fresh one', (t) => {
  const net = tinyNet({ callbacks: [new StopAfter({ epochs: 3 })] });
  const [serialized] = net.toSpec().params.callbacks as Array<{ type: string; options: unknown; source?: string }>;
  t.is(serialized.type, 'StopAfter');
  t.deepEqual(serialized.options, { epochs: 3 });
  t.true(serialized.source!.startsWith('file://') && serialized.source!.endsWith('/test/parallel/fixtures/stop-after.ts'), serialized.source);
  const [copy] = net.clone().getParams().callbacks as Callback[];
  t.true(copy instanceof StopAfter);
  t.not(copy, (net.getParams().callbacks as Callback[])[0]);
});

test('an unregistered Callback subclass is refused when the estimator is cloned, saying how to register it; bad registrations are refused', (t) => {
  class Unregistered extends Callback {
    override onEpochEnd(): void {}

    toJSON() {
      return { type: 'Unregistered', options: {} };
    }
  }
  const net = tinyNet({ callbacks: [new Unregistered()] });
  const error = t.throws(() => net.clone(), { instanceOf: InvalidParameterError });
  t.true(error!.message.startsWith("cannot rebuild a callback of type \"Unregistered\" (known types: EarlyStopping, Checkpoint, LRScheduler, StopAfter"), error!.message);
  t.throws(() => registerCallback('EarlyStopping', Unregistered), { message: messages.registerCallbackBuiltin('EarlyStopping') });
  t.throws(() => registerCallback('', Unregistered), { message: messages.registerCallbackBadArgs('', Unregistered) });
});
