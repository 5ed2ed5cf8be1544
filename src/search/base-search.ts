/**
 * What every search shares (scikit-learn's BaseSearchCV): a strategy only *proposes*
 * candidates through `evaluate`; the engine fans them out over folds, and this class
 * aggregates, ranks, picks the best and refits it.
 */
import {
  InvalidParameterError, Rng, refuseInsideFitWorker, checkBoolean, checkInteger, checkKnownOptions, messages, warn,
  type CvResults, type FeaturesInput, type FitRecord, type Params, type RunMeta, type RunResult, type TargetsInput,
} from '../core/index.js';
import { checkTwoClasses, checkXy } from '../data/index.js';
import { isEstimator, type NeuralNet } from '../estimators/index.js';
import { resolveScoring, type Scorer, type ScoringSpec } from '../scoring/index.js';
import { resolveCv, type CvSpec } from '../splitters/index.js';
import {
  checkErrorScore, checkFoldBatching, createExecutor, nClassesOf, reportFailures, resolveNJobs, runFits,
  type Executor, type FitJournal, type JournalFactory, type Progress, type SearchData,
} from '../validation/index.js';
import { initBackend } from '../backend/index.js';
import { aggregate } from './aggregate.js';
import { resultsFrame, type ResultsFrame } from '../results/frame.js';
import { VERSION } from '../version.js';

export interface SearchOptions {
  /** Folds: a number (stratified for classifiers), a splitter, or [train, test] pairs. Default 5. */
  cv?: CvSpec;
  scoring?: ScoringSpec;
  /** Refit the best candidate on all the data (true), or name the metric that picks it. */
  refit?: boolean | string;
  returnTrainScore?: boolean;
  /** The score a failed fit gets (default NaN), or 'raise' to stop the search. */
  errorScore?: number | 'raise';
  /** Parallel fits: a positive integer, or -1 for every core. */
  nJobs?: number;
  /**
   * Train each candidate's folds as one stacked model (one batched kernel per layer for all
   * folds) where the fits allow it; results equal separate training within float tolerance.
   * With true (and with 'auto' on a native backend) the folds of candidates that differ only
   * in lr (with SGD), module.init or seed join one stack, as long as every worker keeps
   * enough units (src/validation/stack-groups.ts).
   * 'auto' (default): where it is faster — on wasm, the candidates of at most 80,000
   * multiply-adds per sample; never on cpu; always on a native (GPU) backend (bench/fold-batch.ts).
   */
  foldBatching?: boolean | 'auto';
  verbose?: number;
  onProgress?: (progress: Progress) => void;
  /** Where finished fits go (resume): a journal, or a factory opened once the data is known (`runJournal`). */
  journal?: FitJournal | JournalFactory;
  signal?: AbortSignal;
  /**
   * Where the fits run instead of this process's pool (e.g. workers on other machines);
   * the caller closes it. The fits are planned as for a local run with nJobs.
   */
  executor?: Executor;
}

export const SEARCH_OPTIONS = ['cv', 'scoring', 'refit', 'returnTrainScore', 'errorScore', 'nJobs', 'foldBatching', 'verbose', 'onProgress', 'journal', 'signal', 'executor'];

/** One round of fits asked for by a strategy (halving passes a resource per round). */
export interface Evaluation {
  candidates: readonly Params[];
  /** Parameter overrides applied to every candidate of this round but not shown as params. */
  overrides?: Params;
  /** Rows to fit on inside each training fold (halving on nSamples); all when undefined. */
  trainRows?: number;
  /** Seeds which `trainRows` rows each fold keeps (a random subset, drawn afresh per round). */
  trainRowsSeed?: number;
  extra?: Record<string, unknown>;
}

/**
 * Generic over the estimator, so that `bestEstimator` has the estimator's own type
 * (a NeuralNetClassifier's `predict` and `predictProba`).
 */
export abstract class BaseSearchCV<E extends NeuralNet = NeuralNet> {
  readonly estimator: E;
  protected readonly options: Required<Pick<SearchOptions, 'returnTrainScore' | 'errorScore' | 'nJobs' | 'foldBatching' | 'verbose'>> & SearchOptions;
  cvResults: CvResults | undefined;
  /** Every (candidate, fold) fit with its epoch history, in (candidate, fold) order. */
  fits: FitRecord[] = [];
  bestEstimator: E | undefined;
  refitTime: number | undefined;
  nSplits: number | undefined;
  scorerNames: string[] = [];
  meta: RunMeta | undefined;

  constructor(estimator: E, options: SearchOptions, extraOptions: string[] = []) {
    const owner = this.constructor.name;
    if (!isEstimator(estimator)) throw new InvalidParameterError(messages.notAnEstimator(owner, estimator));
    checkKnownOptions(owner, options, [...SEARCH_OPTIONS, ...extraOptions]);
    this.estimator = estimator;
    this.options = {
      ...options,
      returnTrainScore: checkBoolean(owner, 'returnTrainScore', options.returnTrainScore ?? false),
      errorScore: checkErrorScore(options.errorScore),
      nJobs: resolveNJobs(options.nJobs ?? 1),
      foldBatching: checkFoldBatching(owner, options.foldBatching),
      verbose: checkInteger(owner, 'verbose', options.verbose ?? 0, { min: 0, max: 3 }),
    };
    const executor = options.executor as Partial<Executor> | undefined;
    if (executor !== undefined && (typeof executor?.run !== 'function' || typeof executor?.close !== 'function')) {
      throw new InvalidParameterError(messages.invalidValue(owner, 'executor', executor, 'an Executor (an object with run and close methods)'));
    }
    if (options.refit !== undefined && typeof options.refit !== 'boolean' && typeof options.refit !== 'string') {
      throw new InvalidParameterError(messages.refitInvalid(options.refit, []));
    }
  }

  /** The strategy: propose candidates by calling `evaluate` one or more times. */
  protected abstract runSearch(evaluate: (evaluation: Evaluation) => Promise<CvResults>): Promise<void>;
  protected abstract readonly searchKind: RunMeta['searchKind'];

  async fit(X: FeaturesInput, y: TargetsInput, fitOptions: { groups?: ArrayLike<number> } = {}): Promise<this> {
    refuseInsideFitWorker();
    const owner = `${this.constructor.name}.fit`;
    const started = performance.now();
    const data: SearchData = checkXy(X, y, { owner, task: this.estimator.task });
    const scorers = resolveScoring(this.options.scoring, { task: this.estimator.task });
    this.scorerNames = Object.keys(scorers);
    const refitMetric = this.refitMetric(scorers);
    const splitter = resolveCv(this.options.cv ?? 5, { classifier: this.estimator.task === 'classification', nSamples: data.X.nSamples, y: data.y });
    const splits = splitter.split(data.X.nSamples, { y: data.y, groups: fitOptions.groups });
    this.nSplits = splits.length;
    const backend = await initBackend();
    if (data.classes) checkTwoClasses(data.classes);
    const nClasses = nClassesOf(data);
    const candidates: Params[] = [];
    const extras: Record<string, unknown[]> = {};
    this.fits = [];
    const journalOption = this.options.journal;
    let journal = typeof journalOption === 'function' ? undefined : journalOption;
    // One executor for every round of the search: a pool's threads (and their backends)
    // stay up from the first round to the last instead of restarting per round.
    const executor = this.options.executor ?? createExecutor({ nJobs: this.options.nJobs, inProcessOnly: Object.values(scorers).some((s) => s.needs === 'estimator') });
    try {
      await this.runSearch(async (evaluation) => {
        const first = candidates.length;
        if (typeof journalOption === 'function') {
          journal ??= await journalOption({ data, estimator: this.estimator.toSpec(), candidates: evaluation.candidates });
        }
        if (this.options.verbose > 0) {
          process.stderr.write(`${messages.fittingPlan(splits.length, evaluation.candidates.length)}\n`);
        }
        const records = await runFits({
          estimator: this.estimator, candidates: evaluation.candidates.map((c) => ({ ...c, ...evaluation.overrides })),
          firstCandidateIndex: first, splits: roundSplits(splits, evaluation.trainRows, evaluation.trainRowsSeed ?? 0), data, scorers,
          returnTrainScore: this.options.returnTrainScore, errorScore: this.options.errorScore, nJobs: this.options.nJobs,
          nClasses, journal, onProgress: this.options.onProgress, signal: this.options.signal, executor,
          foldBatching: this.options.foldBatching,
        });
        candidates.push(...evaluation.candidates);
        for (const [key, value] of Object.entries(evaluation.extra ?? {})) {
          extras[key] ??= new Array(first).fill(undefined);
          extras[key].push(...evaluation.candidates.map(() => value));
        }
        this.fits.push(...records);
        this.cvResults = aggregate(this.fits, {
          candidates, nSplits: splits.length, scoreNames: this.scorerNames, returnTrainScore: this.options.returnTrainScore, extra: extras,
        });
        return this.cvResults;
      });
    } finally {
      if (executor !== this.options.executor) await executor.close();
    }
    const warning = reportFailures(this.fits);
    if (warning) warn('FitFailedWarning', warning);
    if (refitMetric !== false && this.options.refit !== false) await this.refit(data);
    this.meta = this.describeRun(data, splitter.describe(), backend.name, scorers, refitMetric, candidates.length, started);
    return this;
  }

  get bestIndex(): number {
    const results = this.requireResults('bestIndex');
    const metric = this.refitMetric(undefined);
    if (metric === false) throw new InvalidParameterError(messages.refitInvalid(this.options.refit, this.scorerNames));
    const ranks = results[`rank_test_${metric}`] as number[];
    return ranks.indexOf(Math.min(...ranks));
  }

  get bestParams(): Params {
    return { ...this.requireResults('bestParams').params[this.bestIndex] };
  }

  get bestScore(): number {
    const metric = this.refitMetric(undefined) as string;
    return (this.requireResults('bestScore')[`mean_test_${metric}`] as number[])[this.bestIndex];
  }

  /** cvResults as a danfojs DataFrame (what `pd.DataFrame(search.cv_results_)` is in Python). */
  resultsFrame<Frame = ResultsFrame>(): Frame {
    return resultsFrame<Frame>(this.requireResults('resultsFrame'));
  }

  /** The results as plain data for results.json and the report. */
  runResult(): RunResult {
    return { meta: this.meta!, cvResults: this.requireResults('runResult'), fits: this.fits };
  }

  /** Name of the metric that picks the best candidate, or false (multi-metric, no refit). */
  protected refitMetric(scorers: Record<string, Scorer> | undefined): string | false {
    const names = scorers ? Object.keys(scorers) : this.scorerNames;
    const refit = this.options.refit ?? true;
    if (names.length === 1) {
      if (typeof refit === 'string' && refit !== names[0]) throw new InvalidParameterError(messages.refitInvalid(refit, names));
      return names[0];
    }
    if (refit === false) return false;
    if (typeof refit !== 'string' || !names.includes(refit)) throw new InvalidParameterError(messages.refitInvalid(refit, names));
    return refit;
  }

  protected requireResults(attribute: string): CvResults {
    if (!this.cvResults) throw new InvalidParameterError(messages.searchNotFitted(this.constructor.name, attribute));
    return this.cvResults;
  }

  private async refit(data: SearchData): Promise<void> {
    this.bestEstimator?.dispose();
    const started = performance.now();
    const best = this.estimator.clone().setParams(this.bestParams);
    // y holds ids into data.classes: the refitted estimator predicts the labels themselves.
    await best.fit({ data: data.X.data, shape: [data.X.nSamples, ...data.X.sampleShape] }, data.y, { classes: data.classes });
    this.bestEstimator = best;
    this.refitTime = (performance.now() - started) / 1000;
  }

  private describeRun(data: SearchData, cv: string, backend: string, scorers: Record<string, Scorer>, refit: string | false, nCandidates: number, started: number): RunMeta {
    const failed = this.fits.filter((f) => f.error).length;
    const nClasses = nClassesOf(data);
    return {
      name: this.constructor.name,
      searchKind: this.searchKind,
      estimator: this.estimator.constructor.name,
      estimatorParams: this.estimator.toSpec().params,
      data: { name: 'X', nSamples: data.X.nSamples, nFeatures: data.X.data.length / data.X.nSamples, nClasses, task: this.estimator.task, ...(data.classes ? { classes: data.classes } : {}) },
      backend,
      cv,
      nSplits: this.nSplits!,
      scoring: this.scorerNames,
      scorers: Object.fromEntries(Object.entries(scorers).map(([output, scorer]) => [output, scorer.name])),
      refit,
      nCandidates,
      nFits: this.fits.length,
      nFailedFits: failed,
      nJobs: this.options.nJobs,
      seed: this.estimator.getParams().seed as number,
      wallTime: (performance.now() - started) / 1000,
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      gridfoldVersion: VERSION,
      ...(refit !== false ? { bestIndex: this.bestIndex, bestParams: this.bestParams, bestScore: this.bestScore } : {}),
    };
  }
}

/**
 * Halving on nSamples: a seeded random subset of `rows` rows of each training fold (kept
 * in ascending order). Not the first rows: a fold's training rows are sorted by index,
 * and data sorted by class (MNIST's files) would then train on a few classes only.
 */
export function roundSplits(splits: ReadonlyArray<readonly [Int32Array, Int32Array]>, rows: number | undefined, seed: number) {
  if (rows === undefined) return splits;
  const rng = new Rng(seed);
  return splits.map(([train, test]) => {
    if (rows >= train.length) return [train, test] as const;
    const picked = rng.permutation(train.length).subarray(0, rows).sort();
    return [picked.map((position) => train[position]), test] as const;
  });
}
