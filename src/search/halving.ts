/**
 * Successive halving (scikit-learn's HalvingGridSearchCV / HalvingRandomSearchCV): every
 * candidate gets a small resource, the best 1/factor go on with factor times more, until
 * fewer than `factor` are left or the budget is spent.
 *
 * The resource is `maxEpochs` (default) or `nSamples`:
 * - `maxEpochs`: each round is an ordinary fit with `maxEpochs` set to the round's resource;
 *   it shows in `params` as scikit-learn shows its resource parameter. A promoted
 *   candidate is trained again from scratch with the larger budget — not continued from
 *   its previous round's weights: the fold engine's tasks carry parameters, not weights,
 *   so continuing would need the worker to ship models back and forth. With the same
 *   seed the new fit repeats the earlier epochs exactly, so scores are as a continuation's;
 *   the cost is the earlier epochs trained again.
 * - `nSamples`: the resource counts the training rows each fit sees, a seeded random
 *   subset of its training fold, drawn afresh each round; the test folds stay whole, so
 *   every round is scored on the same rows (scikit-learn counts samples of the whole set
 *   and subsamples the test folds too).
 *
 * `cvResults` adds scikit-learn's `iter` and `n_resources` columns. The best candidate is
 * the best of the last round, as scikit-learn's `_select_best_index` picks it.
 */
import {
  InvalidParameterError, Rng, checkBoolean, checkInteger, checkNumber, checkOneOf, deriveSeed, messages,
  type CvResults, type FeaturesInput, type Params, type RunMeta, type TargetsInput,
} from '../core/index.js';
import type { NeuralNet } from '../estimators/index.js';
import { ParameterGrid, ParameterSampler, type DistributionSpec, type GridSpec } from '../params/index.js';
import type { Split } from '../splitters/index.js';
import type { PreparedSearch } from '../validation/index.js';
import { BaseSearchCV, type Evaluation, type SearchOptions, type SearchPlan } from './base-search.js';
import { halvingSchedule, topK, type Schedule } from './halving-schedule.js';

export type HalvingResource = 'maxEpochs' | 'nSamples';

export interface HalvingOptions extends SearchOptions {
  /** What grows each round: epochs of training (default) or training rows. */
  resource?: HalvingResource;
  /** Keep 1/factor of the candidates and multiply the resource by factor each round. Default 3. */
  factor?: number;
  /** The first round's resource: a number, 'smallest' or 'exhaust' (the grid's default). */
  minResources?: 'exhaust' | 'smallest' | number;
  /** The most any round may use: 'auto' is the estimator's maxEpochs, or the smallest training fold. */
  maxResources?: 'auto' | number;
  /** Repeat the first resource until few enough candidates are left to end with fewer than factor. */
  aggressiveElimination?: boolean;
  /** Seeds the training-row subsets (nSamples) and the random candidates. Default 0. */
  seed?: number;
}

export interface HalvingRandomOptions extends HalvingOptions {
  /** First-round candidates: a number, or 'exhaust' (maxResources / minResources; the default). */
  nCandidates?: number | 'exhaust';
}

const HALVING_OPTIONS = ['resource', 'factor', 'minResources', 'maxResources', 'aggressiveElimination', 'seed'];

export interface HalvingRound {
  iter: number;
  nCandidates: number;
  nResources: number;
}

/** A halving search's plan: the rounds' sizes and resources, and how the schedule derived them. */
export interface HalvingPlan extends SearchPlan {
  resource: HalvingResource;
  schedule: Schedule;
}

abstract class BaseHalvingSearchCV<E extends NeuralNet = NeuralNet> extends BaseSearchCV<E> {
  readonly resource: HalvingResource;
  readonly factor: number;
  readonly minResources: 'exhaust' | 'smallest' | number;
  readonly maxResources: 'auto' | number;
  readonly aggressiveElimination: boolean;
  readonly seed: number;
  /** After fit: the rounds' resources and how they were derived. */
  schedule: Schedule | undefined;
  rounds: HalvingRound[] = [];
  nRemainingCandidates: number | undefined;
  /** cvResults' iter and n_resources columns: the round and resource of each candidate so far. */
  private iterColumn: number[] = [];
  private resourceColumn: number[] = [];

  constructor(estimator: E, options: HalvingOptions, extraOptions: string[], defaultMin: 'exhaust' | 'smallest') {
    super(estimator, options, [...HALVING_OPTIONS, ...extraOptions]);
    const owner = this.constructor.name;
    this.resource = checkOneOf(owner, 'resource', options.resource ?? 'maxEpochs', ['maxEpochs', 'nSamples'] as const);
    this.factor = checkNumber(owner, 'factor', options.factor ?? 3, { min: 1, minExclusive: true });
    this.minResources = options.minResources ?? defaultMin;
    if (!['exhaust', 'smallest'].includes(this.minResources as string) && !isPositiveInteger(this.minResources)) {
      throw new InvalidParameterError(messages.halvingMinResourcesInvalid(owner, this.minResources));
    }
    this.maxResources = options.maxResources ?? 'auto';
    if (this.maxResources !== 'auto' && !isPositiveInteger(this.maxResources)) {
      throw new InvalidParameterError(messages.halvingMaxResourcesInvalid(owner, this.maxResources));
    }
    this.aggressiveElimination = checkBoolean(owner, 'aggressiveElimination', options.aggressiveElimination ?? false);
    this.seed = checkInteger(owner, 'seed', options.seed ?? 0, { min: 0, max: 2 ** 32 - 1 });
    // What needs no data is refused here: several metrics without one to promote by, a minimum above the maximum.
    this.promotionMetric(this.refitMetric(undefined, this.resolvedScoreNames), this.resolvedScoreNames);
    if (typeof this.minResources === 'number' && typeof this.maxResources === 'number' && this.minResources > this.maxResources) {
      throw new InvalidParameterError(messages.halvingMinAboveMax(owner, this.minResources, this.maxResources));
    }
  }

  /** The first round's candidates, given the resolved resources (random: 'exhaust' needs them). */
  protected abstract firstCandidates(minResources: number, maxResources: number): Params[];

  override plan(X: FeaturesInput, y: TargetsInput, fitOptions: { groups?: ArrayLike<number> } = {}): HalvingPlan {
    return super.plan(X, y, fitOptions) as HalvingPlan;
  }

  protected planRounds(prepared: PreparedSearch, refitMetric: string | false): Omit<HalvingPlan, keyof Omit<SearchPlan, 'candidates' | 'rounds'>> {
    this.promotionMetric(refitMetric, Object.keys(prepared.scorers));
    const { schedule, candidates } = this.resolve(prepared);
    const rounds = [{ nCandidates: candidates.length, nResources: schedule.resources[0] }];
    for (let i = 1; i < schedule.nIterations; i++) rounds.push({ nCandidates: Math.ceil(rounds[i - 1].nCandidates / this.factor), nResources: schedule.resources[i] });
    return { candidates, rounds, resource: this.resource, schedule };
  }

  private resolve(prepared: PreparedSearch): { schedule: Schedule; candidates: Params[] } {
    const owner = this.constructor.name;
    const smallest = this.resource === 'maxEpochs' ? 1 : 2 * prepared.splits.length * (prepared.nClasses ?? 1);
    const maxResources = this.maxResources === 'auto'
      ? this.resource === 'maxEpochs' ? this.estimator.getParams().maxEpochs : prepared.minTrainRows
      : this.maxResources;
    if (this.resource === 'nSamples' && maxResources > prepared.minTrainRows) {
      throw new InvalidParameterError(messages.halvingMaxAboveTrainRows(owner, maxResources, prepared.minTrainRows));
    }
    const minBeforeExhaust = typeof this.minResources === 'number' ? this.minResources : smallest;
    if (minBeforeExhaust > maxResources) throw new InvalidParameterError(messages.halvingMinAboveMax(owner, minBeforeExhaust, maxResources));
    const candidates = this.firstCandidates(minBeforeExhaust, maxResources);
    const schedule = halvingSchedule({
      nCandidates: candidates.length, factor: this.factor, minResources: this.minResources === 'exhaust' ? 'exhaust' : minBeforeExhaust,
      smallest, maxResources, aggressiveElimination: this.aggressiveElimination,
    });
    return { schedule, candidates };
  }

  /** The best candidate of the last round (NaN scores never win; all NaN: its first). */
  override get bestIndex(): number {
    const results = this.requireResults('bestIndex');
    const metric = this.promotionMetric(this.refitMetric(undefined), this.scorerNames);
    const iters = results.iter as number[];
    const last = Math.max(...iters);
    const means = results[`mean_test_${metric}`] as number[];
    let best = -1;
    iters.forEach((iter, i) => {
      if (iter !== last) return;
      if (best === -1 || (!Number.isNaN(means[i]) && (Number.isNaN(means[best]) || means[i] > means[best]))) best = i;
    });
    return best;
  }

  protected async runSearch(evaluate: (evaluation: Evaluation) => Promise<CvResults>, plan: SearchPlan): Promise<void> {
    const metric = plan.refitMetric as string;
    const { schedule } = plan as HalvingPlan;
    let candidates = plan.candidates;
    this.schedule = schedule;
    this.rounds = [];
    this.iterColumn = [];
    this.resourceColumn = [];
    for (let iter = 0; iter < schedule.nIterations; iter++) {
      const nResources = schedule.resources[iter];
      const round = this.resource === 'maxEpochs' ? candidates.map((c) => ({ ...c, maxEpochs: nResources })) : candidates.map((c) => ({ ...c }));
      this.iterColumn.push(...round.map(() => iter));
      this.resourceColumn.push(...round.map(() => nResources));
      // Each round has its own folds, as scikit-learn hands each round its own cv: on
      // nSamples a seeded subset of every training fold, drawn afresh per round.
      const splits = this.resource === 'nSamples' ? roundSplits(plan.prepared.splits, nResources, deriveSeed(this.seed, 'halving', iter)) : undefined;
      const results = await evaluate({ candidates: round, splits });
      this.rounds.push({ iter, nCandidates: round.length, nResources });
      const inRound = (results.iter as number[]).flatMap((value, i) => (value === iter ? [i] : []));
      const keep = topK(inRound, results[`mean_test_${metric}`] as number[], Math.ceil(round.length / this.factor));
      candidates = keep.map((i) => stripResource(results.params[i], this.resource));
    }
    this.nRemainingCandidates = candidates.length;
  }

  protected override candidateColumns(): Record<string, unknown[]> {
    return { iter: this.iterColumn, n_resources: this.resourceColumn };
  }

  /** The one metric candidates are promoted by (halving cannot weigh several). */
  private promotionMetric(refitMetric: string | false, scorerNames: readonly string[]): string {
    if (refitMetric === false) throw new InvalidParameterError(messages.halvingNeedsOneMetric(this.constructor.name, scorerNames));
    return refitMetric;
  }
}

/** Grid candidates cut down round by round (scikit-learn's HalvingGridSearchCV). */
export class HalvingGridSearchCV<E extends NeuralNet = NeuralNet> extends BaseHalvingSearchCV<E> {
  protected readonly searchKind: RunMeta['searchKind'] = 'halving-grid';
  readonly paramGrid: ParameterGrid;

  constructor(estimator: E, paramGrid: GridSpec, options: HalvingOptions = {}) {
    super(estimator, options, [], 'exhaust');
    this.paramGrid = new ParameterGrid(paramGrid, { owner: 'HalvingGridSearchCV', checkValue: (name, value, alongside) => estimator.checkParam(name, value, alongside) });
    refuseResourceInSpace('HalvingGridSearchCV', this.resource, this.paramGrid.subGrids.flatMap((g) => g.keys));
  }

  protected firstCandidates(): Params[] {
    return this.paramGrid.toArray();
  }
}

/** Random candidates cut down round by round (scikit-learn's HalvingRandomSearchCV). */
export class HalvingRandomSearchCV<E extends NeuralNet = NeuralNet> extends BaseHalvingSearchCV<E> {
  protected readonly searchKind: RunMeta['searchKind'] = 'halving-random';
  readonly paramDistributions: DistributionSpec;
  readonly nCandidates: number | 'exhaust';

  constructor(estimator: E, paramDistributions: DistributionSpec, options: HalvingRandomOptions = {}) {
    super(estimator, options, ['nCandidates'], 'smallest');
    const owner = 'HalvingRandomSearchCV';
    this.nCandidates = options.nCandidates ?? 'exhaust';
    if (this.nCandidates !== 'exhaust' && !isPositiveInteger(this.nCandidates)) {
      throw new InvalidParameterError(messages.halvingNCandidatesInvalid(owner, this.nCandidates));
    }
    if (this.nCandidates === 'exhaust' && this.minResources === 'exhaust') throw new InvalidParameterError(messages.halvingBothExhaust(owner));
    this.paramDistributions = paramDistributions;
    // Checks the space now (names, values, distributions) rather than at fit.
    this.sampler(1);
    const keys = (Array.isArray(paramDistributions) ? paramDistributions : [paramDistributions]).flatMap((entry) => Object.keys(entry));
    refuseResourceInSpace(owner, this.resource, keys);
  }

  protected override searchSpace(): Record<string, string> {
    return this.sampler(1).describe();
  }

  protected firstCandidates(minResources: number, maxResources: number): Params[] {
    const n = this.nCandidates === 'exhaust' ? Math.max(1, Math.floor(maxResources / minResources)) : this.nCandidates;
    return this.sampler(n).toArray();
  }

  private sampler(nIter: number): ParameterSampler {
    return new ParameterSampler(this.paramDistributions, nIter, {
      owner: 'HalvingRandomSearchCV', seed: this.seed, checkValue: (name, value, alongside) => this.estimator.checkParam(name, value, alongside),
    });
  }
}

function refuseResourceInSpace(owner: string, resource: HalvingResource, keys: readonly string[]): void {
  if (keys.includes(resource)) throw new InvalidParameterError(messages.halvingResourceInSpace(owner, resource));
}

function stripResource(params: Params, resource: HalvingResource): Params {
  if (resource !== 'maxEpochs') return { ...params };
  const { maxEpochs: _resource, ...rest } = params;
  return rest;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/**
 * Halving on nSamples: a seeded random subset of `rows` rows of each training fold (kept
 * in ascending order). Not the first rows: a fold's training rows are sorted by index,
 * and data sorted by class (MNIST's files) would then train on a few classes only.
 */
export function roundSplits(splits: readonly Split[], rows: number, seed: number): Split[] {
  const rng = new Rng(seed);
  return splits.map(([train, test]) => {
    if (rows >= train.length) return [train, test];
    const picked = rng.permutation(train.length).subarray(0, rows).sort();
    return [picked.map((position) => train[position]), test];
  });
}
