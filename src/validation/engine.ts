/**
 * The one engine every search and crossValidate runs through: it turns (candidates ×
 * folds) into tasks, skips those a journal already holds, hands the rest to an executor,
 * and returns the records in (candidate, fold) order — never in completion order.
 */
import { fileURLToPath } from 'node:url';
import { FitFailedError, SearchInWorkerError, deriveSeed, messages, warn, type FitRecord, type Params } from '../core/index.js';
import type { EstimatorSpec, NeuralNet } from '../estimators/index.js';
import { longestFirst, notStackedReasons, stackGroups } from './stack-groups.js';
import type { FoldBatching } from './options.js';
import type { Scorer } from '../scoring/index.js';
import { createExecutor, type Executor } from './executor.js';
import type { FitTask, SearchData } from './task.js';

/** Where finished fits are kept so an interrupted search can resume (src/results). */
export interface FitJournal {
  keyOf(task: FitTask): string;
  lookup(key: string): FitRecord | undefined;
  append(key: string, record: FitRecord): Promise<void>;
}

/**
 * What a journal factory is given when a search opens its journal: enough to fingerprint
 * the search (data, base estimator, first round of candidates) so a resume can check it.
 */
export interface JournalContext {
  data: SearchData;
  estimator: EstimatorSpec;
  candidates: readonly Params[];
}

/** Opens a journal once the search knows its data (src/results `runJournal`). */
export type JournalFactory = (context: JournalContext) => Promise<FitJournal>;

export interface Progress {
  done: number;
  total: number;
  /** Fits taken from the journal instead of run. */
  resumed: number;
  record: FitRecord;
}

export interface EngineOptions {
  estimator: NeuralNet;
  candidates: readonly Params[];
  /** Index of the first candidate (successive halving numbers candidates across rounds). */
  firstCandidateIndex?: number;
  splits: ReadonlyArray<readonly [Int32Array, Int32Array]>;
  data: SearchData;
  scorers: Record<string, Scorer>;
  returnTrainScore: boolean;
  errorScore: number | 'raise';
  nJobs: number;
  nClasses?: number;
  journal?: FitJournal;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** Use this executor instead of creating (and closing) one. */
  executor?: Executor;
  /**
   * Hands each fit's estimator to this function instead of freeing it (crossValidate's
   * returnEstimator): fitted, or unfitted where the fit failed. The fits then run in this thread, one by one.
   */
  keepEstimator?: (task: FitTask, estimator: NeuralNet) => void;
  /** Train each candidate's folds as one stacked model where they can be: true, false or 'auto'. The public entry points default to 'auto' (checkFoldBatching); left out here, nothing is stacked. */
  foldBatching?: FoldBatching;
  /** Seconds each fit may train; past it the fit fails with FitTimeoutError and the search goes on. */
  fitTimeout?: number;
}

/** The seed one fit uses: from the estimator's seed and the fold only, never the worker. */
export function fitSeed(estimatorSeed: number, foldIndex: number): number {
  return deriveSeed(estimatorSeed, 'fold', foldIndex);
}

export function buildTasks(o: EngineOptions): FitTask[] {
  const builtInNames = Object.fromEntries(
    Object.entries(o.scorers).filter(([, s]) => s.needs !== 'estimator').map(([output, s]) => [output, s.name]),
  );
  const first = o.firstCandidateIndex ?? 0;
  const tasks: FitTask[] = [];
  o.candidates.forEach((candidate, c) => {
    const spec = o.estimator.clone().setParams(candidate).toSpec();
    o.splits.forEach(([train, test], foldIndex) => {
      tasks.push({
        candidateIndex: first + c,
        foldIndex,
        estimator: { ...spec, params: { ...spec.params, seed: fitSeed(spec.params.seed as number, foldIndex) } },
        train,
        test,
        scoring: builtInNames,
        returnTrainScore: o.returnTrainScore,
        errorScore: o.errorScore,
        nClasses: o.nClasses,
        ...(o.fitTimeout !== undefined ? { fitTimeout: o.fitTimeout } : {}),
      });
    });
  });
  return tasks;
}

export async function runFits(o: EngineOptions): Promise<FitRecord[]> {
  o.signal?.throwIfAborted();
  const tasks = buildTasks(o);
  const customScorers = Object.values(o.scorers).some((s) => s.needs === 'estimator') ? o.scorers : undefined;
  const byTask = new Map<FitTask, FitRecord>();
  const keys = new Map<FitTask, string>();
  let resumed = 0;
  if (o.journal) {
    for (const task of tasks) {
      const key = o.journal.keyOf(task);
      keys.set(task, key);
      const found = o.journal.lookup(key);
      if (found) {
        byTask.set(task, { ...found, candidateIndex: task.candidateIndex, foldIndex: task.foldIndex });
        resumed++;
      }
    }
  }
  const unfinished = tasks.filter((task) => !byTask.has(task));
  // A kept estimator is one fit's own model, so kept fits never train stacked.
  const foldBatching = o.keepEstimator ? false : o.foldBatching ?? false;
  const stackContext = { foldBatching, data: o.data, nClasses: o.nClasses, nJobs: o.nJobs };
  const groups = await stackGroups(stackContext, unfinished);
  const notStacked = await notStackedReasons(stackContext, unfinished);
  const pending = longestFirst(unfinished, o, groups);
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onOuterAbort);
  const executor = o.executor ?? createExecutor({ nJobs: o.nJobs, inProcessOnly: customScorers !== undefined || o.keepEstimator !== undefined, fitTimeout: o.fitTimeout });
  let raised: FitRecord | undefined;
  let nested: FitRecord | undefined;
  let done = byTask.size;
  const pendingByKey = new Map(pending.map((t) => [`${t.candidateIndex}:${t.foldIndex}`, t]));
  const taskOf = (record: FitRecord) => pendingByKey.get(`${record.candidateIndex}:${record.foldIndex}`)!;
  try {
    for (const record of byTask.values()) o.onProgress?.({ done: 0, total: tasks.length, resumed, record });
    await executor.run(pending, o.data, {
      customScorers,
      keepEstimator: o.keepEstimator,
      stackGroups: groups,
      signal: abort.signal,
      onResult: async (reported) => {
        // The module's file starts a search itself: every fit would start one more (not data).
        if (reported.error?.name === 'SearchInWorkerError') {
          nested ??= reported;
          abort.abort();
          return;
        }
        const task = taskOf(reported);
        // A fit the trainer itself could not stack already says why.
        const why = notStacked.get(reported.candidateIndex);
        const record = why && reported.notBatched === undefined ? { ...reported, notBatched: why } : reported;
        if (o.journal) await o.journal.append(keys.get(task)!, record);
        byTask.set(task, record);
        done++;
        o.onProgress?.({ done, total: tasks.length, resumed, record });
        const failure = record.error ?? Object.values(record.scoreErrors ?? {})[0];
        if (failure && o.errorScore === 'raise' && !raised) {
          raised = record;
          abort.abort();
        }
        if (o.errorScore !== 'raise') warnScoringFailures(record, candidateText(o, record.candidateIndex));
      },
    });
  } finally {
    o.signal?.removeEventListener('abort', onOuterAbort);
    if (!o.executor) await executor.close();
  }
  // Stopped from outside (SIGINT): the records so far are journaled; the search must not
  // go on to aggregate or refit a partial result, so the abort reason is rethrown.
  if (nested) throw new SearchInWorkerError(messages.searchInsideWorker(moduleFileOf(taskOf(nested))));
  if (!raised) o.signal?.throwIfAborted();
  if (raised) {
    const shown = candidateText(o, raised.candidateIndex);
    if (raised.error) throw new FitFailedError(messages.fitRaised(shown, raised.foldIndex, raised.error.message));
    const [score, error] = Object.entries(raised.scoreErrors!)[0];
    throw new FitFailedError(messages.scoringRaised(score, shown, raised.foldIndex, `${error.name}: ${error.message}`));
  }
  return tasks.filter((t) => byTask.has(t)).map((t) => byTask.get(t)!);
}

/** The file a task's custom module comes from, for messages. */
function moduleFileOf(task: FitTask): string | undefined {
  const module = task.estimator.params.module as { path?: unknown } | undefined;
  return typeof module === 'object' && module !== null && typeof module.path === 'string'
    ? (module.path.startsWith('file:') ? fileURLToPath(module.path) : module.path)
    : undefined;
}

/** A candidate's parameters as the failure messages show them: `lr: 0.1, module.hiddenUnits: [8]`. */
function candidateText(o: EngineOptions, candidateIndex: number): string {
  const params = o.candidates[candidateIndex - (o.firstCandidateIndex ?? 0)];
  return Object.entries(params).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
}

/** One warning per metric that failed while its fit trained (scikit-learn's "Scoring failed"), naming the metric and the fit. */
function warnScoringFailures(record: FitRecord, candidate: string): void {
  for (const [score, error] of Object.entries(record.scoreErrors ?? {})) {
    const [set, ...metric] = score.split('_');
    const value = (set === 'train' ? record.trainScores : record.testScores)?.[metric.join('_')] ?? Number.NaN;
    warn('UserWarning', messages.scoringFailed(score, candidate, record.foldIndex, `${error.name}: ${error.message}`, value));
  }
}

export { reportFailures } from './failures.js';
