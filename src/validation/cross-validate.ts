/**
 * crossValidate: every fold of one estimator, as scikit-learn's `cross_validate`.
 */
import { InvalidParameterError, refuseInsideFitWorker, checkBoolean, checkKnownOptions, messages, warn, type FeaturesInput, type TargetsInput } from '../core/index.js';
import { isEstimator, type NeuralNet } from '../estimators/index.js';
import type { ScoringSpec } from '../scoring/index.js';
import type { CvSpec } from '../splitters/index.js';
import { reportFailures, runFits } from './engine.js';
import { checkFitSettings, type FitSettingsInput } from './options.js';
import { checkScoringAndCv, prepareSearch } from './prepare.js';

export interface CrossValidateOptions extends FitSettingsInput {
  cv?: CvSpec;
  scoring?: ScoringSpec;
  groups?: ArrayLike<number>;
  /** Keep each fold's fitted estimator (result.estimator); the folds then train in this thread. */
  returnEstimator?: boolean;
  /** As in the searches: stack the folds into one model where they allow it (and, with 'auto', where it is faster). Default 'auto'. */
  foldBatching?: boolean | 'auto';
}

/** fit_time, score_time, test_<metric> (and train_<metric>) per fold; `estimator` with returnEstimator, typed as the estimator given. */
export interface CrossValidateResult<E extends NeuralNet = NeuralNet> {
  fit_time: number[];
  score_time: number[];
  /** test_<metric> and, with returnTrainScore, train_<metric>: one score per fold. */
  [score: `test_${string}` | `train_${string}`]: number[];
  /** With returnEstimator: each fold's estimator, fitted (unfitted where the fold's fit failed, as scikit-learn returns it). */
  estimator?: E[];
}

const OWNER = 'crossValidate';
const OPTIONS = ['cv', 'scoring', 'groups', 'returnTrainScore', 'returnEstimator', 'errorScore', 'nJobs', 'foldBatching', 'fitTimeout'];

export async function crossValidate<E extends NeuralNet>(estimator: E, X: FeaturesInput, y: TargetsInput, options: CrossValidateOptions = {}): Promise<CrossValidateResult<E>> {
  refuseInsideFitWorker();
  if (!isEstimator(estimator)) throw new InvalidParameterError(messages.notAnEstimator(OWNER, estimator));
  checkKnownOptions(OWNER, options, OPTIONS);
  const settings = checkFitSettings(OWNER, options);
  const returnEstimator = checkBoolean(OWNER, 'returnEstimator', options.returnEstimator ?? false);
  // Every option before the data: a wrong scoring or cv is named even when X is wrong too.
  checkScoringAndCv(estimator, options);
  const prepared = prepareSearch(estimator, X, y, { owner: OWNER, cv: options.cv, scoring: options.scoring, groups: options.groups });
  const kept: Array<E | undefined> = new Array(prepared.splits.length).fill(undefined);
  let records;
  try {
    records = await runFits({
      ...settings, estimator, candidates: [{}], splits: prepared.splits, data: prepared.data, scorers: prepared.scorers, nClasses: prepared.nClasses,
      ...(returnEstimator ? { keepEstimator: (task, fitted) => void (kept[task.foldIndex] = fitted as E) } : {}),
    });
  } catch (error) {
    // errorScore 'raise' (or a stop): the folds fitted before it are nobody's to free.
    kept.forEach((fitted) => fitted?.dispose());
    throw error;
  }
  const warning = reportFailures(records);
  if (warning) warn('FitFailedWarning', warning);
  const result: CrossValidateResult<E> = { fit_time: records.map((r) => r.fitTime), score_time: records.map((r) => r.scoreTime) };
  for (const name of Object.keys(prepared.scorers)) {
    result[`test_${name}`] = records.map((r) => r.testScores[name]);
    if (settings.returnTrainScore) result[`train_${name}`] = records.map((r) => r.trainScores![name]);
  }
  if (returnEstimator) result.estimator = kept.map((fitted) => fitted ?? estimator.clone());
  return result;
}
