import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/core/index.js';
import { parseResults } from '../../src/results/json.js';
import { FIXTURES, gridfold, lines, tempDir } from './helpers.js';

test('gridfold run --fit-timeout: the spinning fit is stopped and recorded as FitTimeoutError, the run finishes (exit 0) with the other fits', async (t) => {
  const out = tempDir('spins');
  const result = await gridfold(['run', join(FIXTURES, 'spins.ts'), '--fit-timeout', '8', '--out', out, '--quiet']);
  t.is(result.code, 0, result.stderr);
  const run = parseResults(readFileSync(join(out, 'results.json'), 'utf8'));
  const failed = run.fits.filter((fit) => fit.error);
  t.deepEqual(failed.map((fit) => [fit.candidateIndex, fit.foldIndex, fit.error!.name, fit.error!.message]), [
    [1, 1, 'FitTimeoutError', messages.fitTimedOut(8, 1, messages.workerTerminated())],
  ]);
  t.true(run.fits.filter((fit) => !fit.error).every((fit) => fit.testScores.score >= 0));
  const timedOut = `FitTimeoutError: ${messages.fitTimedOut(8, 1, messages.workerTerminated())}`;
  t.true(lines(result.stderr).includes(messages.cliNotice(messages.someFitsFailed(1, 6, messages.fitsFailedWith(1, timedOut)).split('\n')[0])), result.stderr);
});
