import type { Features, FitRecord, Targets } from '../core/index.js';
import type { EstimatorSpec } from '../estimators/index.js';

/**
 * One (candidate, fold) fit as plain data: what crosses to a worker thread. The estimator
 * spec already holds the candidate's parameters and the fit's own seed.
 */
export interface FitTask {
  candidateIndex: number;
  foldIndex: number;
  estimator: EstimatorSpec;
  train: Int32Array;
  test: Int32Array;
  /** Output name → built-in scorer name, e.g. `{ score: 'accuracy' }`. */
  scoring: Record<string, string>;
  returnTrainScore: boolean;
  errorScore: number | 'raise';
  /** Classes in the whole dataset, so every fold's model has the same outputs. */
  nClasses?: number;
}

/**
 * The tasks as fold-batching groups: the pending folds of each candidate together, the
 * groups in the order their first task comes (the engine's longest-first order).
 */
export function groupByCandidate(tasks: readonly FitTask[]): FitTask[][] {
  const groups = new Map<number, FitTask[]>();
  for (const task of tasks) {
    const group = groups.get(task.candidateIndex);
    if (group) group.push(task);
    else groups.set(task.candidateIndex, [task]);
  }
  return [...groups.values()];
}

/** The whole dataset a search runs on; workers receive it once, shared. */
export interface SearchData {
  X: Features;
  y: Targets;
}

export type { FitRecord };
