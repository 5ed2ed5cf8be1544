import test from 'ava';
import { messages } from '../../src/core/index.js';
import { EXIT_INTERRUPTED, installStopSignals, runUntilStopped } from '../../src/cli/signals.js';
import { SearchInterruptedError } from '../../src/core/errors.js';

// These tests emit signals as process events (no real signal is sent): run them serially.
function sink() {
  const chunks: string[] = [];
  const exits: number[] = [];
  return { chunks, exits, stream: { write: (t: string) => chunks.push(t) }, exit: (code: number) => void exits.push(code) };
}

test.serial('the first SIGINT aborts the signal politely and says that running fits finish', (t) => {
  const out = sink();
  const stop = installStopSignals({ stream: out.stream, exit: out.exit, resumeCommand: 'gridfold run s.ts --resume' });
  t.false(stop.signal.aborted);
  process.emit('SIGINT', 'SIGINT');
  t.true(stop.signal.aborted);
  t.true(stop.signal.reason instanceof SearchInterruptedError);
  t.is((stop.signal.reason as SearchInterruptedError).message, messages.searchInterrupted('SIGINT'));
  t.is(stop.stoppedBy, 'SIGINT');
  t.deepEqual(out.chunks, [`${messages.stopRequested('SIGINT')}\n`]);
  t.deepEqual(out.exits, []);
  // The second one does not wait.
  process.emit('SIGINT', 'SIGINT');
  t.deepEqual(out.exits, [EXIT_INTERRUPTED]);
  t.is(out.chunks[1], `${messages.resumeHint('gridfold run s.ts --resume')}\n`);
  stop.dispose();
});

test.serial('SIGTERM stops the same way; dispose gives the signals back', (t) => {
  const before = process.listenerCount('SIGTERM');
  const out = sink();
  const stop = installStopSignals({ stream: out.stream, exit: out.exit });
  t.is(process.listenerCount('SIGTERM'), before + 1);
  process.emit('SIGTERM', 'SIGTERM');
  t.is(stop.stoppedBy, 'SIGTERM');
  stop.dispose();
  t.is(process.listenerCount('SIGTERM'), before);
});

test.serial('runUntilStopped: an interrupted search prints how to resume and exits 130; other errors go through', async (t) => {
  const listeners = process.listenerCount('SIGINT');
  const out = sink();
  await t.throwsAsync(
    runUntilStopped(async (signal) => {
      process.emit('SIGINT', 'SIGINT');
      signal.throwIfAborted();
    }, { stream: out.stream, exit: out.exit }),
    { instanceOf: SearchInterruptedError },
  );
  t.deepEqual(out.exits, [130]);
  t.is(out.chunks[1], `${messages.resumeHint(undefined)}\n`);
  t.is(
    messages.resumeHint(undefined),
    'gridfold: stopped. Every finished fit is in the journal; run the search again with resume: true to go on.',
  );
  const plain = sink();
  await t.throwsAsync(runUntilStopped(async () => { throw new RangeError('boom'); }, { stream: plain.stream, exit: plain.exit }), { message: 'boom' });
  t.deepEqual(plain.exits, []);
  t.deepEqual(plain.chunks, []);
  t.is(await runUntilStopped(async () => 42, { stream: plain.stream, exit: plain.exit }), 42);
  t.is(process.listenerCount('SIGINT'), listeners);
});
