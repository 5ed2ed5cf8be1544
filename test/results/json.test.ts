import test from 'ava';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, FileSystemError, messages } from '../../src/core/index.js';
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
  await mkdir(join(dir, 'folder', 'results.json'), { recursive: true });
  await t.throwsAsync(readResults(join(dir, 'folder')), { instanceOf: FileSystemError, message: messages.fileFailed(join(dir, 'folder', 'results.json'), messages.fsReason('EISDIR')) });
  await t.throwsAsync(writeResults('/proc/gridfold-run', tinyRun()), { instanceOf: FileSystemError, message: messages.dirCreateFailed('/proc/gridfold-run', messages.fsReason('ENOENT', { blocking: '/proc' })) });
  t.throws(() => parseResults('[]', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'the top level is not an object') });
  t.throws(() => parseResults('{"meta": {}}', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'it has no cvResults.params array') });
  t.throws(() => parseResults('{"cvResults": {"params": []}}', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'it has no meta object') });
  t.throws(() => parseResults('{"meta": {}, "cvResults": {"params": []}}', 'x.json'), { message: messages.resultsFileInvalid('x.json', 'it has no fits array') });
});

test('results.json content is checked: every column holds what its name says, columns have one entry per candidate, fits are records', (t) => {
  const bad = (change: (run: Record<string, any>) => void): string => {
    const run = JSON.parse(resultsToJson(tinyRun()));
    change(run);
    const error = t.throws(() => parseResults(JSON.stringify(run), 'x.json'));
    return error!.message;
  };
  const says = (reason: string) => messages.resultsFileInvalid('x.json', reason);
  t.is(bad((run) => (run.cvResults.split0_test_accuracy[2] = 'high')), says(messages.fieldHolds('cvResults.split0_test_accuracy[2]', 'high', 'a number')));
  t.is(bad((run) => run.cvResults.mean_test_accuracy.pop()), says(messages.columnLength('cvResults.mean_test_accuracy', 2, 3)));
  t.is(bad((run) => (run.cvResults.rank_test_accuracy[0] = 1.5)), says(messages.fieldHolds('cvResults.rank_test_accuracy[0]', 1.5, 'an integer >= 1')));
  t.is(bad((run) => (run.cvResults.params[1] = 'lr=0.1')), says(messages.fieldHolds('cvResults.params[1]', 'lr=0.1', 'an object of parameters')));
  t.is(bad((run) => (run.meta.nSplits = '3')), says(messages.fieldHolds('meta.nSplits', '3', 'an integer >= 0')));
  t.is(bad((run) => delete run.meta.data.task), says(messages.fieldHolds('meta.data.task', undefined, 'classification or regression')));
  t.is(bad((run) => (run.fits[3].testScores.accuracy = 'high')), says(messages.fieldHolds('fits[3].testScores.accuracy', 'high', 'a number')));
  t.is(bad((run) => delete run.fits[0].history), says(messages.fieldHolds('fits[0].history', undefined, 'an array of epoch rows')));
  t.is(bad((run) => (run.cvResults.n_parameters = [6238, 'big', 10])), says(messages.fieldHolds('cvResults.n_parameters[1]', 'big', 'an integer >= 0')));
  t.is(bad((run) => (run.fits[1].nParameters = 1.5)), says(messages.fieldHolds('fits[1].nParameters', 1.5, 'an integer >= 0')));
  t.is(bad((run) => (run.fits[2].candidateIndex = 7)), says(messages.fitOutOfRange('fits[2]', 'candidateIndex', 7, 3, 'candidates')));
  t.is(says(messages.fieldHolds('fits[3].testScores.accuracy', 'high', 'a number')), 'x.json is not a gridfold results file: fits[3].testScores.accuracy is "high", not a number.');
  // A null score is a failed fit's NaN, not a wrong type.
  t.notThrows(() => parseResults(resultsToJson(tinyRun()), 'x.json'));
});
