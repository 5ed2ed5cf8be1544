import test from 'ava';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/core/index.js';
import { VERSION } from '../../src/version.js';
import { parseResults } from '../../src/results/json.js';
import { formatRankedTable } from '../../src/results/ranked-table.js';
import { formatDuration, formatParams } from '../../src/results/format.js';
import { runLabelsOf, startedText } from '../../src/report/model.js';
import { initBackend } from '../../src/backend/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { makeMoons } from '../../src/data/index.js';
import { FIXTURES, gridfold, lines, tempDir } from './helpers.js';

const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad'];

// ── help, version, usage errors (no search runs) ──────────────────────────────

test('--help, -h and help <command> print the help and exit 0', async (t) => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const result = await gridfold(args);
    t.is(result.code, 0);
    t.is(result.stdout, messages.CLI_HELP);
  }
  for (const command of ['run', 'report', 'compare', 'list', 'show']) {
    const result = await gridfold([command, '--help']);
    t.is(result.code, 0, command);
    t.is(result.stdout, messages.CLI_COMMAND_HELP[command]);
    t.true(result.stdout.includes('Examples:'), command);
  }
  t.is((await gridfold(['help', 'run'])).stdout, messages.CLI_COMMAND_HELP.run);
});

test('--version prints the version', async (t) => {
  const result = await gridfold(['--version']);
  t.is(result.code, 0);
  t.is(result.stdout, `${VERSION}\n`);
});

test('no command, an unknown command and an unknown flag exit 2 naming the problem', async (t) => {
  const none = await gridfold([]);
  t.is(none.code, 2);
  t.is(lines(none.stderr)[0], messages.cliNoCommand());
  const unknown = await gridfold(['train', 'x.ts']);
  t.is(unknown.code, 2);
  t.is(unknown.stderr, `${messages.cliUnknownCommand('train', ['run', 'report', 'compare', 'list', 'show', 'worker'])}\n`);
  const flag = await gridfold(['run', 'searches/moons-quick.ts', '--epoch', '3']);
  t.is(flag.code, 2);
  t.is(flag.stderr, `${messages.cliUnknownFlag('run', '--epoch')}\n`);
  const global = await gridfold(['--verbose']);
  t.is(global.code, 2);
  t.is(global.stderr, `${messages.cliUnknownGlobalFlag('--verbose')}\n`);
});

test('bad flag values and argument counts exit 2; a bad GRIDFOLD_GEMM fails the run before any fit', async (t) => {
  const cases: Array<[string[], string]> = [
    [['run', 'searches/moons-quick.ts', '--epochs', '0'], messages.cliFlagInvalid('run', '--epochs', '0', 'a positive integer')],
    [['run', 'searches/moons-quick.ts', '--n-jobs', 'two'], messages.cliFlagInvalid('run', '--n-jobs', 'two', 'an integer in [1, 256] or -1 (every core)')],
    [['run', 'searches/moons-quick.ts', '--epochs'], messages.cliFlagNeedsValue('run', '--epochs', 'N')],
    [['run', 'searches/moons-quick.ts', '--out'], messages.cliFlagNeedsValue('run', '--out', 'DIR')],
    // A flag with a short form is named by its long one, its placeholder read from the command's help.
    [['compare', 'a', 'b', '-o'], messages.cliFlagNeedsValue('compare', '--out', 'FILE')],
    [['list', 'searches/moons-quick.ts'], messages.cliCommandFailed('list', messages.cliNoSearchDir('searches/moons-quick.ts', true))],
    [['run', 'searches/moons-quick.ts', '--quiet=yes'], messages.cliFlagTakesNoValue('run', '--quiet')],
    [['run', 'searches/moons-quick.ts', '--resume', '--no-resume'], messages.cliFlagsConflict('run', '--resume', '--no-resume')],
    [['run'], messages.cliPositionals('run', '<search-file>', 0)],
    [['run', 'a.ts', 'b.ts'], messages.cliPositionals('run', '<search-file>', 2)],
    [['show'], messages.cliPositionals('show', '<run-dir>', 0)],
    [['run', 'searches/moons-quick.ts', '--backend', 'gpu'], messages.cliCommandFailed('run', `--${messages.unknownBackend('gpu')}`)],
  ];
  for (const [args, message] of cases) {
    const result = await gridfold(args);
    t.is(result.code, 2, args.join(' '));
    t.is(result.stderr, `${message}\n`, args.join(' '));
  }
  t.is(messages.cliFlagNeedsValue('compare', '--out', 'FILE'), "gridfold compare: option '--out' needs a value: --out FILE (or --out=FILE). See gridfold compare --help.");
  const badKernel = await gridfold(['run', 'searches/moons-quick.ts'], { env: { GRIDFOLD_GEMM: 'fma' } });
  // An environment variable is not a flag: the run fails (exit 1) before any fit, saying why.
  t.is(badKernel.code, 1);
  t.is(badKernel.stderr, `${messages.cliRunFailed(messages.unknownGemmBuild('GRIDFOLD_GEMM', 'fma'))}\n`);
});

test('a missing search file exits 2', async (t) => {
  const result = await gridfold(['run', 'searches/nothere.ts']);
  t.is(result.code, 2);
  t.is(result.stderr, `${messages.searchFileMissing('searches/nothere.ts')}\n`);
});

test('a search file with a wrong field exits 2 with the field path and the estimator message', async (t) => {
  const optimizer = await gridfold(['run', join(FIXTURES, 'wrong-optimizer.ts')]);
  t.is(optimizer.code, 2);
  t.is(optimizer.stderr, `${messages.searchFileBad(join(FIXTURES, 'wrong-optimizer.ts'),
    `estimator.params.optimizer: ${messages.notOneOf('NeuralNetClassifier', 'optimizer', 'adamw', OPTIMIZERS)}`)}\n`);
  const grid = await gridfold(['run', join(FIXTURES, 'wrong-grid-value.ts')]);
  t.is(grid.code, 2);
  t.is(grid.stderr, `${messages.searchFileBad(join(FIXTURES, 'wrong-grid-value.ts'),
    `paramGrid.module.activation[1]: ${messages.notOneOf('NeuralNetClassifier', 'module.activation', 'swish', ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'leakyRelu', 'linear'])}`)}\n`);
  const noDefault = await gridfold(['run', join(FIXTURES, 'no-default.ts')]);
  t.is(noDefault.code, 2);
  t.is(noDefault.stderr, `${messages.searchFileBad(join(FIXTURES, 'no-default.ts'), messages.searchFileNoDefault(join(FIXTURES, 'no-default.ts'), ['search']))}\n`);
});

test('a search whose every fit fails exits 1', async (t) => {
  const out = tempDir('all-fail');
  const result = await gridfold(['run', join(FIXTURES, 'all-fail.ts'), '--out', out, '--quiet']);
  t.is(result.code, 1);
  t.true(result.stderr.includes(messages.cliRunFailed('All the 2 fits failed.')), result.stderr);
  t.true(result.stderr.includes('this module never builds'));
});

// ── a real run on moons-quick, then report / show / compare on its directory ───

const runDir = tempDir('moons');
let firstRun: Awaited<ReturnType<typeof gridfold>>;

test.serial.before(async () => {
  firstRun = await gridfold(['run', 'searches/moons-quick.ts', '--epochs', '1', '--n-jobs', '1', '--limit', '120', '--seed', '3', '--out', runDir]);
});

test.serial('run: prints the backend, the plan, the ranked table and the report path; writes the run directory', (t) => {
  t.is(firstRun.code, 0, firstRun.stderr);
  const out = lines(firstRun.stdout);
  t.is(out[0], messages.cliRunHeader('moons-quick', 'grid', messages.cliDataLine('moons', 120, 2, 2)));
  // The backend line is short by default (--verbose gives the reason; see the --backend test).
  t.regex(out[1], /^gridfold: backend wasm \(SIMD[^)]*\) · --verbose says why$/);
  t.is(out[2], messages.cliPlan(4, 3));
  t.is(out[2], '4 candidates × 3 folds = 12 fits');
  t.is(out[out.length - 1], messages.cliReportWritten(join(runDir, 'index.html')));
  for (const file of ['index.html', 'results.json', 'results.csv', 'journal.jsonl']) t.true(existsSync(join(runDir, file)), file);
  // The best candidate is refitted, said while it happens, and saved where the report links it.
  t.true(out.includes(messages.cliRefitting()));
  t.is(out[out.length - 2], messages.cliBestModelSaved(join(runDir, 'best-model'), 'NeuralNetClassifier'));
  t.true(['model.json', 'weights.bin', 'gridfold.json'].every((file) => existsSync(join(runDir, 'best-model', file))));
  const page = readFileSync(join(runDir, 'index.html'), 'utf8');
  t.true(page.includes('<a href="best-model/">best-model/</a>'));
  t.false(page.includes('id="live-banner"'), 'the finished page has no banner');
  const run = parseResults(readFileSync(join(runDir, 'results.json'), 'utf8'));
  t.true(firstRun.stdout.includes(formatRankedTable(run.cvResults, { top: 10, scoring: 'score' })));
  t.true(out.includes(messages.cliRankedTitle('accuracy', 4, 4)));
  // Progress went to stderr, one line per candidate (not a TTY).
  t.is(firstRun.stderr.split('\n').filter((line) => line.startsWith('[candidate ')).length, 4);
});

test.serial('run: the saved best model loads with NeuralNetClassifier.load and predicts like the refitted one was trained to', async (t) => {
  await initBackend('wasm');
  const model = await NeuralNetClassifier.load(join(runDir, 'best-model'));
  const run = parseResults(readFileSync(join(runDir, 'results.json'), 'utf8'));
  t.deepEqual(model.getParams().lr, run.meta.bestParams!.lr);
  const moons = makeMoons({ nSamples: 8, noise: 0.1, seed: 1 });
  const predicted = await model.predict(moons.X);
  t.is(predicted.length, 8);
  t.true([...predicted].every((label) => label === 0 || label === 1));
  model.dispose();
});

test.serial('run: the overrides take effect (--epochs, --limit, --seed) on top of the file', (t) => {
  const run = parseResults(readFileSync(join(runDir, 'results.json'), 'utf8'));
  t.is(run.meta.name, 'moons-quick');
  t.is(run.meta.data.name, 'moons');
  t.is(run.meta.data.nSamples, 120);
  t.is(run.meta.seed, 3);
  t.is(run.meta.nJobs, 1);
  t.is(run.fits.length, 12);
  t.true(run.fits.every((fit) => fit.history.length === 1));
  t.is(run.meta.estimatorParams.maxEpochs, 1);
});

test.serial('run --resume takes every fit from the journal and gives the same results', async (t) => {
  const again = await gridfold(['run', 'searches/moons-quick.ts', '--epochs', '1', '--n-jobs', '1', '--limit', '120', '--seed', '3', '--out', runDir, '--resume']);
  t.is(again.code, 0, again.stderr);
  t.true(again.stderr.includes(messages.journalResumed(join(runDir, 'journal.jsonl'), 12)), again.stderr);
  t.true(again.stderr.includes('12/12 fits (12 from the journal)'), again.stderr);
  const first = parseResults(readFileSync(join(runDir, 'results.json'), 'utf8'));
  t.deepEqual(first.cvResults.mean_test_score.length, 4);
  t.true(again.stdout.includes(formatRankedTable(first.cvResults, { top: 10, scoring: 'score' })));
});

test('run: a search file that imports nothing from gridfold still runs nJobs 2 on worker threads', async (t) => {
  const out = tempDir('no-import');
  const result = await gridfold(['run', join(FIXTURES, 'no-import.ts'), '--out', out, '--quiet']);
  t.is(result.code, 0, result.stderr);
  const run = parseResults(readFileSync(join(out, 'results.json'), 'utf8'));
  t.is(run.meta.nJobs, 2);
  const threads = new Set(run.fits.map((fit) => fit.threadId));
  // The CLI's main thread is thread 0: every fit ran on a worker.
  t.false(threads.has(0), [...threads].join(', '));
  t.false(threads.has(undefined));
  t.is(run.fits.length, 4);
});

test.serial('report regenerates index.html from results.json', async (t) => {
  rmSync(join(runDir, 'index.html'));
  const result = await gridfold(['report', runDir]);
  t.is(result.code, 0, result.stderr);
  t.is(result.stdout, `${messages.cliReportWritten(join(runDir, 'index.html'))}\n`);
  t.true(readFileSync(join(runDir, 'index.html'), 'utf8').includes('moons-quick'));
});

test.serial('show prints the summary and the whole ranked table', async (t) => {
  const result = await gridfold(['show', runDir]);
  t.is(result.code, 0, result.stderr);
  const { meta, cvResults } = parseResults(readFileSync(join(runDir, 'results.json'), 'utf8'));
  t.deepEqual(lines(result.stdout), [
    messages.cliShowHeader('moons-quick', 'grid', 4, 12, 0, meta.backend, formatDuration(meta.wallTime)),
    messages.cliDataLine('moons', 120, 2, 2),
    '',
    messages.cliRankedTitle('accuracy', 4, 4),
    ...formatRankedTable(cvResults, { top: 4, scoring: 'score' }).split('\n'),
    messages.cliBestLine(formatParams(meta.bestParams!), meta.bestScore!, 'accuracy'),
  ]);
  const top = await gridfold(['show', runDir, '--top', '2']);
  t.true(lines(top.stdout).includes(messages.cliRankedTitle('accuracy', 2, 4)));
});

test.serial('compare puts several runs into one page, keeps an existing page unless --force, refuses one run', async (t) => {
  const file = join(tempDir('compare'), 'both.html');
  const result = await gridfold(['compare', runDir, runDir, '-o', file]);
  t.is(result.code, 0, result.stderr);
  t.is(result.stdout, `${messages.cliCompareWritten(2, file)}\n`);
  t.true(existsSync(file));
  const kept = await gridfold(['compare', runDir, runDir, '-o', file]);
  t.is(kept.code, 2);
  t.is(kept.stderr, `${messages.cliCompareOutputExists(file)}\n`);
  t.is((await gridfold(['compare', runDir, runDir, '-o', file, '--force'])).code, 0);
  const one = await gridfold(['compare', runDir, '-o', join(tempDir('compare'), 'one.html')]);
  t.is(one.code, 2);
  t.is(one.stderr, `${messages.cliCompareNeedsTwo(1)}\n`);
});

test.serial('compare of runs of one search on different data: named by folder and date, with a warning', async (t) => {
  const other = tempDir('moons-60');
  t.is((await gridfold(['run', 'searches/moons-quick.ts', '--epochs', '1', '--n-jobs', '1', '--limit', '60', '--out', other, '--quiet'])).code, 0);
  const file = join(tempDir('compare'), 'two.html');
  const result = await gridfold(['compare', runDir, other, '-o', file]);
  t.is(result.code, 0, result.stderr);
  const [a, b] = [runDir, other].map((dir) => parseResults(readFileSync(join(dir, 'results.json'), 'utf8')));
  const labels = runLabelsOf([a, b], [runDir, other]);
  t.deepEqual(labels, [`${runDir} (${startedText(a.meta.startedAt)})`, `${other} (${startedText(b.meta.startedAt)})`]);
  t.is(result.stderr, `${messages.cliNotice(messages.cliCompareDataDiffers([
    { fingerprint: a.meta.data.fingerprint!, runs: [labels[0]] }, { fingerprint: b.meta.data.fingerprint!, runs: [labels[1]] },
  ]))}\n`);
  const page = readFileSync(file, 'utf8');
  t.true(page.includes(`<h3>${labels[0]}</h3>`) && page.includes(`<h3>${labels[1]}</h3>`));
  t.true(page.includes('These runs were made on different data'));
});

test.serial('report, show and compare of a folder without results.json exit 2, as run of a missing file', async (t) => {
  const gone = join(runDir, 'nothing-here');
  for (const command of ['report', 'show']) {
    const missing = await gridfold([command, gone]);
    t.is(missing.code, 2, command);
    t.is(missing.stderr, `${messages.cliCommandFailed(command, messages.resultsFileMissing(join(gone, 'results.json')))}\n`);
  }
  const compare = await gridfold(['compare', runDir, gone, '-o', join(tempDir('compare'), 'x.html')]);
  t.is(compare.code, 2);
  t.is(compare.stderr, `${messages.cliCommandFailed('compare', messages.resultsFileMissing(join(gone, 'results.json')))}\n`);
});

test('list shows every search under ./searches; a directory with bad files exits 2 and marks them', async (t) => {
  const result = await gridfold(['list']);
  t.is(result.code, 0, result.stderr);
  const shown = lines(result.stdout);
  t.deepEqual(shown.map((line) => line.split('  ')[0]), [
    'searches/mnist-cnn-init.ts', 'searches/mnist-depth-activation.ts', 'searches/mnist-init.ts', 'searches/mnist-lr-width.ts',
    'searches/mnist-mlp-vs-cnn.ts', 'searches/mnist-widths.ts', 'searches/moons-quick.ts',
  ]);
  t.true(shown.includes(messages.cliListLine('searches/moons-quick.ts', 'grid', messages.cliSearchSize('grid', 4, 3),
    'two moons (400 samples): width × learning rate of a one-layer MLP, 3-fold accuracy')));
  t.true(shown[3].startsWith(messages.cliListLine('searches/mnist-lr-width.ts', 'random', messages.cliSearchSize('random', 6, 3), undefined)));
  const fixtures = await gridfold(['list', FIXTURES]);
  t.is(fixtures.code, 2);
  t.true(lines(fixtures.stdout).includes(messages.cliListInvalid(join(FIXTURES, 'wrong-optimizer.ts'),
    `estimator.params.optimizer: ${messages.notOneOf('NeuralNetClassifier', 'optimizer', 'adamw', OPTIMIZERS)}`)));
});

test('run: a halving search prints its rounds and writes iter / n_resources', async (t) => {
  const out = tempDir('halving');
  const result = await gridfold(['run', join(FIXTURES, 'moons-halving.ts'), '--out', out]);
  t.is(result.code, 0, result.stderr);
  t.true(lines(result.stdout).includes(messages.cliHalvingPlan('maxEpochs', [6, 2], [1, 3], 3)), result.stdout);
  t.true(result.stdout.includes('6 at maxEpochs 1 → 2 at maxEpochs 3; × 3 folds = 24 fits'));
  const run = parseResults(readFileSync(join(out, 'results.json'), 'utf8'));
  t.is(run.meta.searchKind, 'halving-grid');
  t.deepEqual(run.cvResults.iter, [0, 0, 0, 0, 0, 0, 1, 1]);
  t.deepEqual(run.cvResults.n_resources, [1, 1, 1, 1, 1, 1, 3, 3]);
  t.is(run.fits.length, 24);
  t.true(run.meta.bestIndex! >= 6);
});

test('run --backend picks the TensorFlow.js backend', async (t) => {
  const out = tempDir('cpu');
  const result = await gridfold(['run', 'searches/moons-quick.ts', '--backend', 'cpu', '--epochs', '1', '--limit', '60', '--n-jobs', '1', '--out', out], { env: { GRIDFOLD_BACKEND: '' } });
  t.is(result.code, 0, result.stderr);
  t.is(lines(result.stdout)[1], messages.backendChosenShort('cpu', false));
  t.false(result.stderr.includes('looks like you are running TensorFlow.js in Node.js'), 'no tfjs banner: the backend line says what runs');
  const verbose = await gridfold(['run', 'searches/moons-quick.ts', '--backend', 'cpu', '--epochs', '1', '--limit', '60', '--n-jobs', '1', '--out', out, '--verbose'], { env: { GRIDFOLD_BACKEND: '' } });
  t.regex(lines(verbose.stdout)[1], /^gridfold: TensorFlow.js backend cpu \(asked for\)/);
  t.is(parseResults(readFileSync(join(out, 'results.json'), 'utf8')).meta.backend, 'cpu');
});
