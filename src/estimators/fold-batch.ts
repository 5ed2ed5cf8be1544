/**
 * Fitting several estimators as one stacked model (lean/fold-batch.ts): each estimator
 * checks its data and builds its model exactly as its own `fit` would — in its own seeded
 * section, so the initial weights are the same — then they train together, and each ends
 * fitted with its own weights and history.
 */
import { withSeededMathRandom } from '../core/index.js';
import type { FeaturesInput, TargetsInput } from '../core/index.js';
import type { FitData, FitOptions, FitSession, NeuralNet } from './neural-net.js';
import { planFoldBatch, trainFoldBatched } from './lean/fold-batch.js';

/** One estimator's fit: its data as `fit` takes it, or (a search's folds) already checked. */
export type BatchedFit = { estimator: NeuralNet; options?: FitOptions } & ({ X: FeaturesInput; y: TargetsInput } | { data: FitData });

/**
 * `{ outcomes }` — per fit, undefined (fitted) or the error that failed it alone — when
 * the fits trained stacked; `{ notBatched }` — why not — when they could not, in which
 * case nothing was fitted and the caller fits them one by one.
 */
export type FoldBatchResult = { outcomes: Array<Error | undefined> } | { notBatched: string };

export async function fitFoldBatched(fits: readonly BatchedFit[]): Promise<FoldBatchResult> {
  const sessions: FitSession[] = [];
  const failAll = () => sessions.forEach((session) => session.fail());
  try {
    for (const fit of fits) {
      const data = 'data' in fit ? fit.data : fit.estimator.checkData(fit.X, fit.y, fit.options);
      const plan = await fit.estimator.planFit(data, fit.options);
      sessions.push(await withSeededMathRandom(plan.mathRandomSeed, () => fit.estimator.openFit(plan)));
    }
  } catch (error) {
    // The fit that failed here fails the same way when fitted alone, and says so there.
    failAll();
    return { notBatched: `preparing a fit failed: ${(error as Error).message}` };
  }
  const plans = planFoldBatch(sessions.map((s) => s.options));
  if (typeof plans === 'string') {
    failAll();
    return { notBatched: plans };
  }
  let outcomes;
  try {
    outcomes = await trainFoldBatched(sessions.map((s) => s.options), plans);
  } catch (error) {
    failAll();
    throw error;
  }
  return {
    outcomes: outcomes.map((outcome, f) => {
      if ('error' in outcome) {
        sessions[f].fail();
        return outcome.error;
      }
      sessions[f].finish(outcome.history);
      return undefined;
    }),
  };
}
