/**
 * crossValidate: every fold of one estimator, as scikit-learn's `cross_validate`.
 */
import { InvalidParameterError, refuseInsideFitWorker, checkBoolean, checkKnownOptions, messages, warn, type FeaturesInput, type TargetsInput } from '../core/index.js';
import { checkTwoClasses, checkXy } from '../data/index.js';
import { isEstimator, type NeuralNet } from '../estimators/index.js';
import { resolveScoring, type ScoringSpec } from '../scoring/index.js';
import { resolveCv, type CvSpec } from '../splitters/index.js';
import { reportFailures, runFits, buildTasks } from './engine.js';
import { resolveNJobs } from './executor.js';
import { checkErrorScore, checkFoldBatching, nClassesOf } from './options.js';
import { fitAndScoreKeeping } from './fit-and-score.js';

export interface CrossValidateOptions {
  cv?: CvSpec;
  scoring?: ScoringSpec;
  groups?: ArrayLike<number>;
  returnTrainScore?: boolean;
  returnEstimator?: boolean;
  errorScore?: number | 'raise';
  nJobs?: number;
  /** As in the searches: stack the folds into one model where they allow it (and, with 'auto', where it is faster). Default 'auto'. */
  foldBatching?: boolean | 'auto';
}

/** fit_time, score_time, test_<metric> (and train_<metric>) per fold; `estimator` with returnEstimator, typed as the estimator given. */
export interface CrossValidateResult<E extends NeuralNet = NeuralNet> {
  fit_time: number[];
  score_time: number[];
  /** test_<metric> and, with returnTrainScore, train_<metric>: one score per fold. */
  [score: `test_${string}` | `train_${string}`]: number[];
  estimator?: E[];
}

const OWNER = 'crossValidate';
const OPTIONS = ['cv', 'scoring', 'groups', 'returnTrainScore', 'returnEstimator', 'errorScore', 'nJobs', 'foldBatching'];

export async function crossValidate<E extends NeuralNet>(estimator: E, X: FeaturesInput, y: TargetsInput, options: CrossValidateOptions = {}): Promise<CrossValidateResult<E>> {
  refuseInsideFitWorker();
  if (!isEstimator(estimator)) throw new InvalidParameterError(messages.notAnEstimator(OWNER, estimator));
  checkKnownOptions(OWNER, options, OPTIONS);
  const data = checkXy(X, y, { owner: OWNER, task: estimator.task });
  if (data.classes) checkTwoClasses(data.classes);
  const scorers = resolveScoring(options.scoring, { task: estimator.task });
  const returnTrainScore = checkBoolean(OWNER, 'returnTrainScore', options.returnTrainScore ?? false);
  const returnEstimator = checkBoolean(OWNER, 'returnEstimator', options.returnEstimator ?? false);
  const errorScore = checkErrorScore(options.errorScore);
  const nJobs = resolveNJobs(options.nJobs ?? 1);
  const foldBatching = checkFoldBatching(OWNER, options.foldBatching);
  const splitter = resolveCv(options.cv ?? 5, { classifier: estimator.task === 'classification', nSamples: data.X.nSamples, y: data.y });
  const splits = splitter.split(data.X.nSamples, { y: data.y, groups: options.groups });
  const engine = {
    estimator, candidates: [{}], splits, data, scorers, returnTrainScore, errorScore, nJobs,
    nClasses: nClassesOf(data), foldBatching,
  };
  const result: CrossValidateResult<E> = { fit_time: [], score_time: [] };
  let records;
  if (returnEstimator) {
    // Fitted models stay in this thread, so the folds run here.
    const kept = [];
    for (const task of buildTasks(engine)) kept.push(await fitAndScoreKeeping(task, data, scorers));
    records = kept.map((k) => k.record);
    result.estimator = kept.map((k) => k.estimator as E);
  } else {
    records = await runFits(engine);
  }
  const warning = reportFailures(records);
  if (warning) warn('FitFailedWarning', warning);
  result.fit_time = records.map((r) => r.fitTime);
  result.score_time = records.map((r) => r.scoreTime);
  for (const name of Object.keys(scorers)) {
    result[`test_${name}`] = records.map((r) => r.testScores[name]);
    if (returnTrainScore) result[`train_${name}`] = records.map((r) => r.trainScores![name]);
  }
  return result;
}
