/**
 * Ctrl-C during `gridfold run`: the running fit finishes, the journal is kept, the command
 * prints how to resume and exits 130; `--resume` then completes the search from the journal.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/core/index.js';
import { parseResults } from '../../src/results/json.js';
import { liveText } from '../../src/report/index.js';
import { gridfold, tempDir } from './helpers.js';

test('SIGINT mid-run exits 130 with the resume command; --resume finishes from the journal', async (t) => {
  const out = tempDir('interrupt');
  const args = ['run', 'searches/moons-quick.ts', '--epochs', '150', '--n-jobs', '1', '--limit', '150', '--out', out];
  let sent = false;
  const stopped = await gridfold(args, {
    onStderr: (text, child) => {
      if (!sent && text.includes('[candidate ')) {
        sent = true;
        child.kill('SIGINT');
      }
    },
  });
  t.true(sent, stopped.stderr);
  t.is(stopped.code, 130, stopped.stderr);
  t.true(stopped.stderr.includes(messages.resumeHint(messages.cliResumeCommand([...args, '--resume']))), stopped.stderr);
  const journal = readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n');
  const kept = journal.length - 1;
  t.true(kept >= 3 && kept < 12, `${kept} fits in the journal`);
  // The live page no longer says "running" nor reloads: it says where the run stopped.
  const page = readFileSync(join(out, 'index.html'), 'utf8');
  t.true(page.includes(`>${liveText({ done: kept, total: 12, stopped: messages.cliResumeCommand([...args, '--resume']) })} — `), page.slice(0, 200));
  t.false(page.includes('id="live-reload"'));

  const resumed = await gridfold([...args, '--resume']);
  t.is(resumed.code, 0, resumed.stderr);
  t.true(resumed.stderr.includes(messages.journalResumed(join(out, 'journal.jsonl'), kept)), resumed.stderr);
  const run = parseResults(readFileSync(join(out, 'results.json'), 'utf8'));
  t.is(run.fits.length, 12);
  t.true(run.fits.every((fit) => fit.history.length === 150));
});
