/**
 * What every search shares (scikit-learn's BaseSearchCV): a strategy only *proposes*
 * candidates through `evaluate`; the engine fans them out over folds, and this class
 * aggregates, ranks, picks the best and refits it.
 */
import {
  InvalidParameterError, refuseInsideFitWorker, checkInteger, checkKnownOptions, messages, warn,
  type CvResults, type FeaturesInput, type FitRecord, type Params, type RunMeta, type RunResult, type TargetsInput,
} from '../core/index.js';
import { isEstimator, type NeuralNet } from '../estimators/index.js';
import type { Scorer, ScoringSpec } from '../scoring/index.js';
import type { CvSpec, Split } from '../splitters/index.js';
import {
  checkFitSettings, checkScoringAndCv, createExecutor, prepareSearch, reportFailures, runFits,
  type Executor, type FitJournal, type FitSettings, type JournalFactory, type PreparedSearch, type Progress,
} from '../validation/index.js';
import { initBackend } from '../backend/index.js';
import { aggregate } from './aggregate.js';
import { checkRunOptions, scorerLabels } from './search-options.js';
import { defaultRunName, runMeta } from './run-meta.js';
import { snapshotOf, type LiveRound, type SnapshotParts } from './snapshot.js';
import { idleFingerprint } from '../results/journal.js';
import { resultsFrame, type ResultsFrame } from '../results/frame.js';

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
  /** Called with the best candidate's parameters just before it is refitted on all rows. */
  onRefit?: (bestParams: Params) => void;
  /** Where finished fits go (resume): a journal, or a factory opened once the data is known (`runJournal`). */
  journal?: FitJournal | JournalFactory;
  signal?: AbortSignal;
  /**
   * Where the fits run instead of this process's pool (e.g. workers on other machines);
   * the caller closes it. The fits are planned as for a local run with nJobs.
   */
  executor?: Executor;
  /** Seconds one fit may train; past it the fit fails with FitTimeoutError and the search goes on (FitSettingsInput.fitTimeout). */
  fitTimeout?: number;
}

export const SEARCH_OPTIONS = ['cv', 'scoring', 'refit', 'returnTrainScore', 'errorScore', 'nJobs', 'foldBatching', 'verbose', 'onProgress', 'onRefit', 'journal', 'signal', 'executor', 'fitTimeout'];

/** One round of fits a strategy asks for. */
export interface Evaluation {
  candidates: readonly Params[];
  /** This round's folds (successive halving on nSamples trains on part of each); default: the search's. */
  splits?: readonly Split[];
}

/** A round as planned: how many candidates, and (successive halving) with how much resource each. */
export interface PlannedRound {
  nCandidates: number;
  nResources?: number;
}

/**
 * What a search will do on some data, worked out before any fit: the data checked and
 * split once (`prepared`), the first round's candidates and every round's size. `fit`
 * plans and runs the plan; the command line plans first, prints the plan, then runs it.
 */
export interface SearchPlan {
  prepared: PreparedSearch;
  /** The metric that picks the best candidate, or false (several metrics and refit false). */
  refitMetric: string | false;
  candidates: readonly Params[];
  rounds: readonly PlannedRound[];
  nFits: number;
}

/**
 * Generic over the estimator, so that `bestEstimator` has the estimator's own type
 * (a NeuralNetClassifier's `predict` and `predictProba`).
 */
export abstract class BaseSearchCV<E extends NeuralNet = NeuralNet> {
  readonly estimator: E;
  protected readonly options: SearchOptions & FitSettings & { verbose: number };
  cvResults: CvResults | undefined;
  /** Every (candidate, fold) fit with its epoch history, in (candidate, fold) order. */
  fits: FitRecord[] = [];
  bestEstimator: E | undefined;
  refitTime: number | undefined;
  nSplits: number | undefined;
  scorerNames: string[] = [];
  meta: RunMeta | undefined;
  /** Score name → scorer name, as resolved from `scoring` (`{ score: 'accuracy' }` for one named metric). */
  private readonly scorerLabels: Record<string, string>;
  /** The plans this search made: a plan is run only by the search that made it. */
  private readonly plans = new WeakSet<SearchPlan>();
  /** While fitPlan runs: what snapshot() needs. */
  private live: { round: LiveRound; parts: Omit<SnapshotParts, 'finished' | 'round' | 'extra'> } | undefined;

  constructor(estimator: E, options: SearchOptions, extraOptions: string[] = []) {
    const owner = this.constructor.name;
    if (!isEstimator(estimator)) throw new InvalidParameterError(messages.notAnEstimator(owner, estimator));
    checkKnownOptions(owner, options, [...SEARCH_OPTIONS, ...extraOptions]);
    this.estimator = estimator;
    this.options = { ...options, ...checkFitSettings(owner, options), verbose: checkInteger(owner, 'verbose', options.verbose ?? 0, { min: 0, max: 3 }) };
    checkRunOptions(owner, options);
    // scoring, cv and refit are refused here, where the mistake was made, not at fit().
    this.scorerLabels = scorerLabels(checkScoringAndCv(estimator, options));
    this.refitMetric(undefined, this.resolvedScoreNames);
  }

  /** The strategy: propose the plan's candidates by calling `evaluate` one or more times. */
  protected abstract runSearch(evaluate: (evaluation: Evaluation) => Promise<CvResults>, plan: SearchPlan): Promise<void>;
  /** The first round's candidates and the rounds, for data prepared as `prepared` (and whatever else the strategy's runSearch needs). */
  protected abstract planRounds(prepared: PreparedSearch, refitMetric: string | false): Pick<SearchPlan, 'candidates' | 'rounds'>;
  protected abstract readonly searchKind: RunMeta['searchKind'];

  /** The score names `scoring` resolves to (before any data): what refit may name. */
  protected get resolvedScoreNames(): string[] {
    return Object.keys(this.scorerLabels);
  }

  /** Columns a strategy adds to cvResults, one value per candidate evaluated so far (halving's iter, n_resources). */
  protected candidateColumns(): Record<string, unknown[]> {
    return {};
  }

  /** Checks X and y, resolves the scoring and the cv, splits, and works out the rounds: no fit yet. */
  plan(X: FeaturesInput, y: TargetsInput, fitOptions: { groups?: ArrayLike<number> } = {}): SearchPlan {
    const prepared = prepareSearch(this.estimator, X, y, { owner: `${this.constructor.name}.fit`, cv: this.options.cv, scoring: this.options.scoring, groups: fitOptions.groups });
    const refitMetric = this.refitMetric(prepared.scorers);
    // A strategy may add to its plan (halving: the schedule); what it adds comes along.
    const rounds = this.planRounds(prepared, refitMetric);
    const nFits = rounds.rounds.reduce((sum, round) => sum + round.nCandidates, 0) * prepared.splits.length;
    const plan = { prepared, refitMetric, ...rounds, nFits };
    this.plans.add(plan);
    return plan;
  }

  async fit(X: FeaturesInput, y: TargetsInput, fitOptions: { groups?: ArrayLike<number> } = {}): Promise<this> {
    return this.fitPlan(this.plan(X, y, fitOptions));
  }

  /** Runs a plan this search made (`plan`), exactly as `fit` would on the same data. */
  async fitPlan(plan: SearchPlan): Promise<this> {
    refuseInsideFitWorker();
    if (!this.plans.has(plan)) throw new InvalidParameterError(messages.planOfAnotherSearch(this.constructor.name));
    const started = performance.now();
    const { prepared, refitMetric } = plan;
    const { data, scorers, splits } = prepared;
    this.scorerNames = Object.keys(scorers);
    this.nSplits = splits.length;
    const backend = await initBackend();
    const candidates: Params[] = [];
    this.fits = [];
    const fingerprint = idleFingerprint(data);
    const distributions = this.searchSpace();
    const meta = (fits: readonly FitRecord[], nCandidates: number, best?: { bestIndex: number; bestParams: Params; bestScore: number }) => runMeta({
      name: defaultRunName(this.constructor.name, candidates.length > 0 ? candidates : plan.candidates), fingerprint: fingerprint.get(), distributions,
      searchKind: this.searchKind, estimator: this.estimator, prepared, backend: backend.name, refit: refitMetric,
      nCandidates, fits, nJobs: this.options.nJobs, started, ...(best ? { best } : {}),
    });
    const parts = { nSplits: splits.length, scoreNames: this.scorerNames, returnTrainScore: this.options.returnTrainScore, refitMetric, meta };
    this.live = { round: { candidates: [], records: [] }, parts };
    const journalOption = this.options.journal;
    let journal = typeof journalOption === 'function' ? undefined : journalOption;
    // One executor for every round of the search: a pool's threads (and their backends)
    // stay up from the first round to the last instead of restarting per round.
    const executor = this.options.executor ?? createExecutor({ nJobs: this.options.nJobs, inProcessOnly: prepared.inProcessOnly, fitTimeout: this.options.fitTimeout });
    try {
      await this.runSearch(async (evaluation) => {
        const first = candidates.length;
        if (typeof journalOption === 'function') {
          journal ??= await journalOption({ data, estimator: this.estimator.toSpec(), candidates: evaluation.candidates });
        }
        if (this.options.verbose > 0) {
          process.stderr.write(`${messages.fittingPlan(splits.length, evaluation.candidates.length)}\n`);
        }
        const round: LiveRound = { candidates: [...candidates, ...evaluation.candidates], records: [] };
        this.live = { round, parts };
        const records = await runFits({
          estimator: this.estimator, candidates: evaluation.candidates, firstCandidateIndex: first, splits: evaluation.splits ?? splits,
          data, scorers, nClasses: prepared.nClasses, returnTrainScore: this.options.returnTrainScore, errorScore: this.options.errorScore,
          nJobs: this.options.nJobs, foldBatching: this.options.foldBatching, fitTimeout: this.options.fitTimeout, journal, signal: this.options.signal, executor,
          onProgress: (progress) => {
            round.records.push(progress.record);
            this.options.onProgress?.(progress);
          },
        });
        candidates.push(...evaluation.candidates);
        this.fits.push(...records);
        round.records = [];
        this.cvResults = aggregate(this.fits, {
          candidates, nSplits: splits.length, scoreNames: this.scorerNames, returnTrainScore: this.options.returnTrainScore, extra: this.candidateColumns(),
        });
        return this.cvResults;
      }, plan);
    } finally {
      fingerprint.cancel();
      if (executor !== this.options.executor) await executor.close();
    }
    const warning = reportFailures(this.fits);
    if (warning) warn('FitFailedWarning', warning);
    this.live = undefined;
    if (refitMetric !== false && this.options.refit !== false) {
      this.options.onRefit?.(this.bestParams);
      await this.refit(prepared);
    }
    this.meta = meta(this.fits, candidates.length, refitMetric !== false ? { bestIndex: this.bestIndex, bestParams: this.bestParams, bestScore: this.bestScore } : undefined);
    return this;
  }

  /**
   * While `fit` runs: the results so far as a RunResult (finished fits aggregated over the
   * candidates proposed so far; means of candidates with unfinished folds are NaN). Undefined
   * before the fits start and after they end. The CLI writes its live report from it.
   */
  snapshot(): RunResult | undefined {
    return this.live && snapshotOf({ ...this.live.parts, finished: this.fits, round: this.live.round, extra: this.candidateColumns() });
  }

  /** How a random search draws each parameter (`{ lr: 'loguniform(0.001, 0.1)' }`), for the report's axes. */
  protected searchSpace(): Record<string, string> | undefined {
    return undefined;
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

  /**
   * Name of the metric that picks the best candidate, or false (multi-metric, no refit). With
   * one metric, refit may name it by its column ('score') or by its scorer ('accuracy'), as in scikit-learn.
   */
  protected refitMetric(scorers: Record<string, Scorer> | undefined, scoreNames?: readonly string[]): string | false {
    const names = scoreNames ?? (scorers ? Object.keys(scorers) : this.scorerNames);
    const refit = this.options.refit ?? true;
    if (names.length === 1) {
      const label = this.scorerLabels[names[0]];
      if (typeof refit !== 'boolean' && refit !== names[0] && refit !== label) throw new InvalidParameterError(messages.refitInvalidOneMetric(refit, names[0], label));
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

  private async refit(prepared: PreparedSearch): Promise<void> {
    this.bestEstimator?.dispose();
    const started = performance.now();
    const best = this.estimator.clone().setParams(this.bestParams);
    // y holds ids into the search's classes: the refitted estimator predicts the labels themselves.
    await best.fitChecked(prepared.data, { classes: prepared.data.classes });
    this.bestEstimator = best;
    this.refitTime = (performance.now() - started) / 1000;
  }
}
