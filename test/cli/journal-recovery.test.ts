import test from 'ava';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/core/index.js';
import { parseResults } from '../../src/results/json.js';
import { FIXTURES, gridfold, lines, tempDir } from './helpers.js';

const SEARCH = join(FIXTURES, 'gated.ts');

test('a journal corrupt in the middle: --resume skips the unreadable lines with a warning naming them, reruns their fits, keeps the others', async (t) => {
  const dir = tempDir('corrupt');
  const args = ['run', SEARCH, '--out', dir, '--quiet'];
  const first = await gridfold(args);
  t.is(first.code, 0, first.stderr);
  const journal = join(dir, 'journal.jsonl');
  const original = lines(readFileSync(journal, 'utf8'));
  t.is(original.length, 5, 'a header and 4 fits');
  const corrupted = [...original];
  corrupted[2] = '{"key": "cut in the mid';
  const wrong = JSON.parse(corrupted[3]);
  wrong.record.testScores.score = 'high';
  corrupted[3] = JSON.stringify(wrong);
  writeFileSync(journal, `${corrupted.join('\n')}\n`);

  const resumed = await gridfold([...args, '--resume']);
  t.is(resumed.code, 0, resumed.stderr);
  const backup = join(dir, readdirSync(dir).find((name) => name.endsWith('.corrupt'))!);
  t.deepEqual(lines(resumed.stderr).slice(0, 2), [
    messages.cliNotice(messages.journalLinesSkipped(journal, [
      { line: 3, reason: 'not JSON' },
      { line: 4, reason: messages.fieldHolds('record.testScores.score', 'high', 'a number') },
    ], backup)),
    messages.cliNotice(messages.journalResumed(journal, 2)),
  ]);
  // The two skipped fits ran again and gave the scores they had: the results are the first run's.
  const scores = (dirResults: string) => parseResults(readFileSync(join(dirResults, 'results.json'), 'utf8')).fits.map((f) => f.testScores.score);
  t.deepEqual(scores(dir), JSON.parse(`[${original.slice(1).map((line) => JSON.stringify(JSON.parse(line).record.testScores.score)).join(',')}]`));
  t.is(lines(readFileSync(journal, 'utf8')).length, 5);
});

test('show and report name the field of results.json that holds a wrong value', async (t) => {
  const dir = tempDir('bad-results');
  const first = await gridfold(['run', SEARCH, '--out', dir, '--quiet']);
  t.is(first.code, 0, first.stderr);
  const file = join(dir, 'results.json');
  const run = JSON.parse(readFileSync(file, 'utf8'));
  run.cvResults.split1_test_score[0] = 'high';
  writeFileSync(file, JSON.stringify(run));
  const reason = messages.resultsFileInvalid(file, messages.fieldHolds('cvResults.split1_test_score[0]', 'high', 'a number'));
  for (const command of ['show', 'report']) {
    const result = await gridfold([command, dir]);
    t.is(result.code, 1, command);
    t.is(result.stderr, `${messages.cliCommandFailed(command, reason)}\n`, command);
  }
});
