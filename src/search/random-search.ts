import { checkInteger, messages, warn, type RunMeta } from '../core/index.js';
import type { NeuralNet } from '../estimators/index.js';
import { ParameterSampler, type DistributionSpec } from '../params/index.js';
import { BaseSearchCV, type Evaluation, type SearchOptions, type SearchPlan } from './base-search.js';

export interface RandomSearchOptions extends SearchOptions {
  /** Candidates to draw. Default 10. */
  nIter?: number;
  /** Seeds the draw: the same seed gives the same candidates. Default 0. */
  seed?: number;
}

/**
 * nIter candidates drawn from distributions, each cross-validated (scikit-learn's
 * RandomizedSearchCV). A plain array in the space means "one of these"; when every entry
 * is a list, candidates are drawn without repeats and a space smaller than nIter is run whole.
 */
export class RandomizedSearchCV<E extends NeuralNet = NeuralNet> extends BaseSearchCV<E> {
  protected readonly searchKind: RunMeta['searchKind'] = 'random';
  readonly sampler: ParameterSampler;

  constructor(estimator: E, paramDistributions: DistributionSpec, options: RandomSearchOptions = {}) {
    super(estimator, options, ['nIter', 'seed']);
    const owner = 'RandomizedSearchCV';
    this.sampler = new ParameterSampler(paramDistributions, checkInteger(owner, 'nIter', options.nIter ?? 10, { min: 1 }), {
      owner,
      seed: checkInteger(owner, 'seed', options.seed ?? 0, { min: 0, max: 2 ** 32 - 1 }),
      checkValue: (name, value, alongside) => estimator.checkParam(name, value, alongside),
    });
  }

  get nIter(): number {
    return this.sampler.nIter;
  }

  get seed(): number {
    return this.sampler.seed;
  }

  protected override searchSpace(): Record<string, string> {
    return this.sampler.describe();
  }

  protected planRounds(): Pick<SearchPlan, 'candidates' | 'rounds'> {
    const candidates = this.sampler.toArray();
    return { candidates, rounds: [{ nCandidates: candidates.length }] };
  }

  protected async runSearch(evaluate: (evaluation: Evaluation) => Promise<unknown>, plan: SearchPlan): Promise<void> {
    if (this.sampler.capped) {
      warn('UserWarning', messages.samplerSpaceSmaller(this.sampler.length, this.sampler.nIter));
    }
    await evaluate({ candidates: plan.candidates });
  }
}
