/**
 * Setting up a search once. X and y are checked, the scorers and the cv resolved and the
 * folds split here, and nowhere else: every search, crossValidate and the command line's
 * plan read the result, and each fold then trains on rows taken from the checked data
 * without checking them again. No backend, no executor, no fit: preparing is cheap and
 * pure, so the CLI can print a search's plan before it runs it.
 */
import type { FeaturesInput, TargetsInput, TaskKind } from '../core/index.js';
import { checkTwoClasses, checkXy } from '../data/index.js';
import type { NeuralNet } from '../estimators/index.js';
import { resolveScoring, type Scorer, type ScoringSpec } from '../scoring/index.js';
import { resolveCv, type CvSpec, type Split } from '../splitters/index.js';
import { nClassesOf } from './options.js';
import type { SearchData } from './task.js';

export interface PrepareOptions {
  /** Who is asking, as the messages name it: 'GridSearchCV.fit', 'crossValidate'. */
  owner: string;
  /** Folds: a number (stratified for classifiers), a splitter, or [train, test] pairs. Default 5. */
  cv?: CvSpec;
  scoring?: ScoringSpec;
  /** Group labels, for splitters that keep a group in one fold (GroupKFold). */
  groups?: ArrayLike<number>;
}

export interface PreparedSearch {
  task: TaskKind;
  /** X and y, checked once (a classifier's labels encoded as ids into `data.classes`). */
  data: SearchData;
  /** Output name → scorer: `{ score: accuracy }` for one metric, a name per metric otherwise. */
  scorers: Record<string, Scorer>;
  /** The splitter as the report shows it: `StratifiedKFold(nSplits=3, shuffle=false)`. */
  cv: string;
  splits: readonly Split[];
  /** Classes of the whole dataset, so every fold's model has all of them as outputs. */
  nClasses: number | undefined;
  /** Rows of the smallest training fold: the most training rows one fit can be given. */
  minTrainRows: number;
  /** A function scorer needs the fitted estimator in this thread, so no fit goes to a worker. */
  inProcessOnly: boolean;
}

/**
 * What can be checked of a search's scoring and cv before any data: a scoring that names
 * no scorer, a cv that is no splitter. Constructors call it so that a mistake is refused
 * where it was made, not at fit(); returns the scorers.
 */
export function checkScoringAndCv(estimator: NeuralNet, options: { scoring?: ScoringSpec; cv?: CvSpec }): Record<string, Scorer> {
  const scorers = resolveScoring(options.scoring, { task: estimator.task });
  resolveCv(options.cv ?? 5, { classifier: estimator.task === 'classification' });
  return scorers;
}

export function prepareSearch(estimator: NeuralNet, X: FeaturesInput, y: TargetsInput, options: PrepareOptions): PreparedSearch {
  const task = estimator.task;
  const data: SearchData = checkXy(X, y, { owner: options.owner, task });
  const { X: features, y: targets } = data;
  if (data.classes) checkTwoClasses(data.classes);
  const scorers = resolveScoring(options.scoring, { task });
  const splitter = resolveCv(options.cv ?? 5, { classifier: task === 'classification', nSamples: features.nSamples, y: targets });
  const splits = splitter.split(features.nSamples, { y: targets, groups: options.groups });
  return {
    task,
    data,
    scorers,
    cv: splitter.describe(),
    splits,
    nClasses: nClassesOf(data),
    minTrainRows: Math.min(...splits.map(([train]) => train.length)),
    inProcessOnly: Object.values(scorers).some((scorer) => scorer.needs === 'estimator'),
  };
}
