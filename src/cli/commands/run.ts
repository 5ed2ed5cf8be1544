/**
 * `gridfold run <search-file>`: load the file, apply the overrides, print the backend and
 * the plan, run the search with progress and a journal, write the report, print the top.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FileSystemError, MAX_SEED, RunLockedError, SearchFileError, UsageError, messages, withWarningSink, type RunResult } from '../../core/index.js';
import { initBackend, describeBackend, resolveBackendChoice } from '../../backend/index.js';
import { MAX_FIT_TIMEOUT, MAX_JOBS, nClassesOf, resolveNJobs, type Executor } from '../../validation/index.js';
import { datasetLabels, featuresOf } from '../../data/index.js';
import type { HalvingPlan, SearchPlan } from '../../search/index.js';
import { installPoolExecutor, startWorkers } from '../../parallel/index.js';
import { runJournal } from '../../results/journal.js';
import { lockRunFolder, type RunLock } from '../../results/run-lock.js';
import { formatRankedTable } from '../../results/ranked-table.js';
import { formatParams, formatParamShort } from '../../results/format.js';
import { writeReport } from '../../report/index.js';
import { createProgressReporter } from '../progress.js';
import { liveReport, type LiveReport } from '../live-report.js';
import { exitOnStopSignal, runUntilStopped } from '../signals.js';
import { integerFlag, positiveNumberFlag, parseCommand, expectPositionals, type CommandArgs } from '../args.js';
import { createEstimator, createSearch, loadSearchData, searchKindOf, type Overrides } from '../create-search.js';
import { loadSearchFile } from '../load-search.js';
import type { SearchDefinition } from '../search-definition.js';
import type { Output } from '../output.js';
import { withErrorLog } from '../failure.js';
import { loadDistributed, redisFlags, searchIdentity } from '../distributed.js';
import { BEST_MODEL_DIR, JOURNAL_FILE, foreignRunFolderEntries } from '../run-folder.js';

const TOP = 10;

const OPTIONS = {
  epochs: { type: 'string' }, limit: { type: 'string' }, 'n-jobs': { type: 'string' }, backend: { type: 'string' },
  seed: { type: 'string' }, out: { type: 'string' }, resume: { type: 'boolean' }, 'no-resume': { type: 'boolean' }, quiet: { type: 'boolean' },
  redis: { type: 'string' }, queue: { type: 'string' }, 'fit-timeout': { type: 'string' },
} as const;

export async function runCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('run', argv, OPTIONS);
  if (values.help) return out.help('run');
  expectPositionals('run', positionals, '<search-file>', 1);
  const overrides: Overrides = {
    epochs: integerFlag('run', 'epochs', values.epochs),
    limit: integerFlag('run', 'limit', values.limit),
    nJobs: integerFlag('run', 'n-jobs', values['n-jobs'], { max: MAX_JOBS, allowAllCores: true }),
    seed: integerFlag('run', 'seed', values.seed, { min: 0, max: MAX_SEED }),
    fitTimeout: positiveNumberFlag('run', 'fit-timeout', values['fit-timeout'], MAX_FIT_TIMEOUT),
  };
  if (values.resume && values['no-resume']) throw new UsageError(messages.cliFlagsConflict('run', '--resume', '--no-resume'));
  if (values.backend !== undefined) {
    try {
      process.env.GRIDFOLD_BACKEND = resolveBackendChoice(values.backend);
    } catch (error) {
      throw new UsageError(messages.cliCommandFailed('run', `--${(error as Error).message}`));
    }
  }
  if (values.out === '') throw new UsageError(messages.outFlagEmpty('run'));
  const quiet = values.quiet === true;
  const file = positionals[0];
  if (values.queue !== undefined && values.redis === undefined) throw new UsageError(messages.cliFlagNeeds('run', '--queue', '--redis'));
  // Before the data loads: an unreachable Redis is said within seconds.
  const remote = values.redis === undefined ? undefined : await openCoordinator(values.redis as string, values.queue as string | undefined, file, overrides, values.resume === true, out);
  try {
    return await runSearchFile(file, overrides, values, argv, out, remote);
  } finally {
    await remote?.close();
  }
}

async function runSearchFile(file: string, overrides: Overrides, values: CommandArgs['values'], argv: readonly string[], out: Output, remote: Executor | undefined): Promise<number> {
  const definition = await loadSearchFile(file);
  const outDir = (values.out as string | undefined) ?? join('reports', definition.name);
  // Warnings (a stale lock taken over, failed fits, a journal resumed or moved aside) are printed as the CLI's own lines.
  return withWarningSink((warning) => out.stderr(messages.cliNotice(warning.message)), async () => {
    // Installed before the lock is taken, so that no signal falls between the lock and its release.
    const stopSignalsUntilSearch = exitOnStopSignal({ stream: { write: (text: string) => out.stderr(text.replace(/\n$/, '')) } });
    let lock: RunLock;
    try {
      lock = await takeRunFolder(outDir, argv);
    } catch (error) {
      stopSignalsUntilSearch();
      throw error;
    }
    try {
      return await runLocked(file, definition, overrides, values, argv, outDir, out, remote, stopSignalsUntilSearch);
    } catch (error) {
      throw await withErrorLog(error, outDir, ['run', ...argv]);
    } finally {
      stopSignalsUntilSearch();
      lock.release();
    }
  });
}

/**
 * The run folder, created and locked before any data or backend loads; refusals are usage errors (exit 2).
 * A folder holding a report or results that no gridfold run wrote is refused, not overwritten.
 */
async function takeRunFolder(outDir: string, argv: readonly string[]): Promise<RunLock> {
  let lock: RunLock;
  try {
    lock = await lockRunFolder(outDir, { command: messages.cliResumeCommand(['run', ...argv]) });
  } catch (error) {
    if (error instanceof RunLockedError || error instanceof FileSystemError) throw new UsageError(messages.cliCommandFailed('run', error.message));
    throw error;
  }
  const foreign = await foreignRunFolderEntries(outDir).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  if (foreign.length > 0) {
    lock.release();
    throw new UsageError(messages.cliCommandFailed('run', messages.runFolderUnusable(outDir, messages.runFolderForeign(foreign))));
  }
  return lock;
}

async function runLocked(
  file: string, definition: SearchDefinition, overrides: Overrides, values: CommandArgs['values'], argv: readonly string[], outDir: string, out: Output,
  remote: Executor | undefined, beforeSearch: () => void,
): Promise<number> {
  const quiet = values.quiet === true;
  // The pool is the command's own choice, whatever the search file imports (or does not).
  installPoolExecutor();
  // The worker threads start and warm up while the data loads; the search finds them ready.
  if (!remote) void startWorkers(resolveNJobs(overrides.nJobs ?? definition.nJobs ?? -1)).catch(() => undefined);
  const { dataset, features } = await loadSearchData(definition, overrides, dirname(resolve(file)))
    .then((loaded) => ({ dataset: loaded, features: featuresOf(loaded) }))
    .catch((error: Error) => {
      throw new SearchFileError(messages.searchFileBad(file, messages.searchFileDataFailed(error.message)));
    });
  const estimator = createEstimator(definition, overrides);
  const backend = await initBackend();
  const say = (line: string) => !quiet && out.stdout(line);
  say(messages.cliRunHeader(definition.name, searchKindOf(definition), messages.cliDataLine(dataset.name, dataset.shape[0], dataset.shape[1], nClassesOf(dataset), features.shape.slice(1))));
  say(describeBackend(backend, { verbose: values.verbose === true }));

  let reporter: ReturnType<typeof createProgressReporter> | undefined;
  let metric: { key: string; label: string } | undefined;
  let live: LiveReport | undefined;
  // The CLI's names for the run: the search file's, and its dataset's.
  const named = (run: RunResult): RunResult => ({ ...run, meta: { ...run.meta, name: definition.name, data: { ...run.meta.data, name: dataset.name } } });
  const resumeArgs = ['run', ...argv.filter((a) => a !== '--no-resume' && a !== '--resume'), '--resume'];
  beforeSearch();
  const search = await runUntilStopped(async (signal) => {
    const search = createSearch(definition, estimator, overrides, {
      signal,
      journal: runJournal(join(outDir, JOURNAL_FILE), { resume: values.resume === true }),
      onProgress: (progress) => {
        reporter?.onProgress(progress);
        live?.onProgress(progress);
      },
      onRefit: () => {
        // The fits are done: their summary first, then what the refit does.
        reporter?.finish();
        say(messages.cliRefitting());
      },
      ...(remote ? { executor: remote } : {}),
    });
    // The data is checked and split once, here: the plan printed is the plan that runs.
    const plan = search.plan(features, datasetLabels(dataset));
    metric = metricOf(plan);
    say(planLine(plan));
    live = liveReport({ dir: outDir, snapshot: () => search.snapshot(), name: named, total: plan.nFits, nSplits: plan.prepared.splits.length, say: (line) => out.stderr(line) });
    reporter = createProgressReporter({
      stream: out.progressStream, verbose: quiet ? 0 : 1, total: plan.nFits, backend: backend.name,
      workers: resolveNJobs(overrides.nJobs ?? definition.nJobs ?? -1), nSplits: plan.prepared.splits.length,
      candidates: plan.rounds.length === 1 ? plan.candidates : undefined, metric: metric.key,
    });
    try {
      return await search.fitPlan(plan);
    } catch (error) {
      // Stopped early (Ctrl-C, a failure): the page must not go on saying "running".
      await live.stop(messages.cliResumeCommand(resumeArgs));
      throw error;
    } finally {
      reporter.finish();
      await live.close();
    }
  }, { resumeCommand: messages.cliResumeCommand(resumeArgs), stream: { write: (text: string) => out.stderr(text.replace(/\n$/, '')) } });

  const run = named(search.runResult());
  if (search.bestEstimator) {
    await search.bestEstimator.save(join(outDir, BEST_MODEL_DIR));
    run.meta.bestModel = BEST_MODEL_DIR;
  }
  const written = await writeReport(outDir, run);
  if (!quiet && metric) {
    const total = run.cvResults.params.length;
    out.stdout('');
    out.stdout(messages.cliRankedTitle(metric.label, Math.min(TOP, total), total));
    out.stdout(formatRankedTable(run.cvResults, { top: TOP, scoring: metric.key }));
    if (run.meta.bestParams !== undefined && run.meta.bestScore !== undefined) {
      out.stdout(messages.cliBestLine(formatParams(run.meta.bestParams, formatParamShort), run.meta.bestScore, metric.label));
    }
  }
  if (run.meta.bestModel) say(messages.cliBestModelSaved(join(outDir, run.meta.bestModel), run.meta.estimator));
  out.stdout(messages.cliReportWritten(written.html));
  return 0;
}

/** The executor of a run on workers elsewhere (`--redis`): connected, or an error naming the URL. */
async function openCoordinator(url: string, queueFlag: string | undefined, file: string, overrides: Overrides, resume: boolean, out: Output): Promise<Executor> {
  const distributed = await loadDistributed();
  const { target, queue } = redisFlags(distributed, 'run', url, queueFlag);
  if (!existsSync(file)) throw new SearchFileError(messages.searchFileMissing(file));
  const redis = await distributed.connectRedis(target);
  const executor = new distributed.QueueExecutor({
    redis, target, queue, search: searchIdentity(file), overrides: { limit: overrides.limit, seed: overrides.seed }, resume,
    log: (line) => out.stderr(line),
  });
  return { description: executor.description, run: (...args) => executor.run(...args), close: async () => {
    await executor.close();
    redis.disconnect();
  } };
}

/** The score the table ranks by: its column key ('score' for one metric) and its name. */
function metricOf(plan: SearchPlan): { key: string; label: string } {
  const { scorers } = plan.prepared;
  const names = Object.keys(scorers);
  if (names.length === 1 && names[0] === 'score') return { key: 'score', label: scorers.score.name };
  const key = plan.refitMetric === false ? names[0] : plan.refitMetric;
  return { key, label: key };
}

function planLine(plan: SearchPlan | HalvingPlan): string {
  const nSplits = plan.prepared.splits.length;
  if ('schedule' in plan) return messages.cliHalvingPlan(plan.resource, plan.rounds.map((r) => r.nCandidates), plan.schedule.resources, nSplits);
  return messages.cliPlan(plan.candidates.length, nSplits);
}
