import type { RunMeta } from '../core/index.js';
import type { NeuralNet } from '../estimators/index.js';
import { ParameterGrid, type GridSpec } from '../params/index.js';
import { BaseSearchCV, type Evaluation, type SearchOptions, type SearchPlan } from './base-search.js';

/** Every combination of a parameter grid, each cross-validated (scikit-learn's GridSearchCV). */
export class GridSearchCV<E extends NeuralNet = NeuralNet> extends BaseSearchCV<E> {
  protected readonly searchKind: RunMeta['searchKind'] = 'grid';
  readonly paramGrid: ParameterGrid;

  constructor(estimator: E, paramGrid: GridSpec, options: SearchOptions = {}) {
    super(estimator, options);
    this.paramGrid = new ParameterGrid(paramGrid, {
      owner: 'GridSearchCV',
      checkValue: (name, value, alongside) => estimator.checkParam(name, value, alongside),
    });
  }

  protected planRounds(): Pick<SearchPlan, 'candidates' | 'rounds'> {
    const candidates = this.paramGrid.toArray();
    return { candidates, rounds: [{ nCandidates: candidates.length }] };
  }

  protected async runSearch(evaluate: (evaluation: Evaluation) => Promise<unknown>, plan: SearchPlan): Promise<void> {
    await evaluate({ candidates: plan.candidates });
  }
}
