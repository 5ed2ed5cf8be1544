/**
 * Named scorers (scikit-learn's names). Every scorer is "greater is better": losses and
 * errors are negated (`neg_log_loss`, `neg_mean_squared_error`, ...), as in sklearn.
 */
import type { Label, Targets } from '../core/index.js';
import { accuracyScore, balancedAccuracyScore, f1Score, precisionScore, recallScore } from './classification.js';
import { logLoss, rocAucOvr } from './probabilistic.js';
import { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression.js';

export type ScorerTask = 'classification' | 'regression' | 'any';

export interface ScoreContext {
  /** Number of classes the estimator was fitted on (0 for regression). */
  nClasses: number;
}

/** A built-in scorer: a pure function of yTrue and one kind of model output. */
export interface BuiltinScorer {
  name: string;
  /** Which output it scores: predicted labels (Int32Array), probabilities (row-major n × nClasses) or values. */
  needs: 'labels' | 'proba' | 'values';
  task: ScorerTask;
  greaterIsBetter: true;
  score(yTrue: ArrayLike<number>, output: ArrayLike<number>, context: ScoreContext): number;
}

/**
 * scikit-learn's callable scorer convention, `(estimator, X, y) => number`. Parameters are
 * `any` so that a function typed for NeuralNetClassifier is accepted here.
 */
/** y as the user gave it: labels for a classifier (the same kind its predict returns), targets for a regressor. */
export type CustomScorerFn = (estimator: any, X: any, y: Targets | Label[]) => number | Promise<number>;

export interface CustomScorer {
  name: string;
  needs: 'estimator';
  task: 'any';
  greaterIsBetter: true;
  fn: CustomScorerFn;
}

export type Scorer = BuiltinScorer | CustomScorer;

function scorer(name: string, needs: BuiltinScorer['needs'], task: ScorerTask, score: BuiltinScorer['score']): BuiltinScorer {
  return Object.freeze({ name, needs, task, greaterIsBetter: true as const, score });
}

const negate = (metric: (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number): BuiltinScorer['score'] =>
  (yTrue, output) => -metric(yTrue, output);

export const SCORERS = {
  accuracy: scorer('accuracy', 'labels', 'classification', (y, labels) => accuracyScore(y, labels)),
  balanced_accuracy: scorer('balanced_accuracy', 'labels', 'classification', (y, labels) => balancedAccuracyScore(y, labels)),
  f1_macro: scorer('f1_macro', 'labels', 'classification', (y, labels) => f1Score(y, labels, 'macro')),
  f1_weighted: scorer('f1_weighted', 'labels', 'classification', (y, labels) => f1Score(y, labels, 'weighted')),
  precision_macro: scorer('precision_macro', 'labels', 'classification', (y, labels) => precisionScore(y, labels, 'macro')),
  recall_macro: scorer('recall_macro', 'labels', 'classification', (y, labels) => recallScore(y, labels, 'macro')),
  neg_log_loss: scorer('neg_log_loss', 'proba', 'classification', (y, proba, { nClasses }) => -logLoss(y, proba, nClasses)),
  roc_auc_ovr: scorer('roc_auc_ovr', 'proba', 'classification', (y, proba, { nClasses }) => rocAucOvr(y, proba, nClasses)),
  r2: scorer('r2', 'values', 'regression', (y, values) => r2Score(y, values)),
  neg_mean_squared_error: scorer('neg_mean_squared_error', 'values', 'regression', negate(meanSquaredError)),
  neg_root_mean_squared_error: scorer('neg_root_mean_squared_error', 'values', 'regression', negate(rootMeanSquaredError)),
  neg_mean_absolute_error: scorer('neg_mean_absolute_error', 'values', 'regression', negate(meanAbsoluteError)),
} as const satisfies Record<string, BuiltinScorer>;

export type ScorerName = keyof typeof SCORERS;

export const SCORER_NAMES = Object.keys(SCORERS) as ScorerName[];

export function isScorerName(name: unknown): name is ScorerName {
  return typeof name === 'string' && Object.hasOwn(SCORERS, name);
}

/** One of the built-in scorer objects above (e.g. `SCORERS.accuracy`), by identity. */
export function isBuiltinScorer(value: unknown): value is BuiltinScorer {
  return (Object.values(SCORERS) as unknown[]).includes(value);
}
