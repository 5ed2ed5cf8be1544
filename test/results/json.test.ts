import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, messages } from '../../src/core/index.js';
import { parseResults, readResults, resultsToJson, writeResults } from '../../src/results/index.js';
import { tinyRun } from '../report/tiny.js';

test('results.json round-trips a run, NaN scores included', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gridfold-results-'));
  const run = tinyRun();
  const paths = await writeResults(dir, run);
  t.is(paths.json, join(dir, 'results.json'));
  t.is(paths.csv, join(dir, 'results.csv'));
  const back = await readResults(dir);
  t.deepEqual(back, run);
  t.true(Number.isNaN((back.cvResults.mean_test_accuracy as number[])[1]));
  t.true(Number.isNaN(back.fits[4].testScores.accuracy));
  t.true(Number.isNaN(back.fits[4].history[0].train_loss));
  t.deepEqual(await readResults(join(dir, 'results.json')), run);
  const csv = await readFile(paths.csv, 'utf8');
  t.true(csv.startsWith('mean_fit_time,std_fit_time,mean_score_time,std_score_time,param_lr,param_units,params,'));
});

test('NaN is written as null; null parameter values stay null and absent ones undefined', (t) => {
  const run = tinyRun();
  run.cvResults.params[0] = { ...run.cvResults.params[0], momentum: null };
  run.cvResults.param_momentum = [null, undefined, undefined];
  const text = resultsToJson(run);
  t.notRegex(text, /[:,[]\s*-?(NaN|Infinity)/);
  t.regex(text, /"mean_test_accuracy": \[\n\s+0\.85\d*,\n\s+null,/);
  const back = parseResults(text);
  t.deepEqual(back.cvResults.param_momentum, [null, undefined, undefined]);
  t.is(back.cvResults.params[0].momentum, null);
  t.deepEqual(back.cvResults.param_units, [[64, 32], [32, 16], [64, 32]]);
});

test('readResults says what is wrong with a directory or file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gridfold-results-'));
  await t.throwsAsync(readResults(dir), { instanceOf: DataError, message: messages.resultsFileMissing(join(dir, 'results.json')) });
  await writeFile(join(dir, 'results.json'), '{ not json');
  const error = await t.throwsAsync(readResults(dir), { instanceOf: DataError });
  t.true(error!.message.startsWith(`${join(dir, 'results.json')} is not a gridfold results file: it is not JSON (`));
  t.throws(() => parseResults('[]', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'the top level is not an object') });
  t.throws(() => parseResults('{"meta": {}}', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'it has no cvResults.params array') });
  t.throws(() => parseResults('{"cvResults": {"params": []}}', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'it has no meta object') });
  t.throws(() => parseResults('{"meta": {}, "cvResults": {"params": []}}', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'it has no fits array') });
});
