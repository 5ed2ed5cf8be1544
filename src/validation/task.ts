import type { Features, FitRecord, Label, Targets } from '../core/index.js';
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
  /** Seconds a fit may train (each fit of a stack as much); past it the fit fails with FitTimeoutError. None when undefined. */
  fitTimeout?: number;
}

/**
 * The units an executor runs: the pending fits of each stack in `groups` (candidate →
 * stack id) together, to train as one stacked model; every other task alone; in the order
 * of each unit's first task (the engine's longest-first order).
 */
export function unitsOf(tasks: readonly FitTask[], groups: ReadonlyMap<number, number> = new Map()): FitTask[][] {
  const units: FitTask[][] = [];
  const byGroup = new Map<number, FitTask[]>();
  for (const task of tasks) {
    const group = groups.get(task.candidateIndex);
    if (group === undefined) {
      units.push([task]);
      continue;
    }
    const unit = byGroup.get(group);
    if (unit) {
      unit.push(task);
      continue;
    }
    const fresh = [task];
    byGroup.set(group, fresh);
    units.push(fresh);
  }
  return units;
}

/** The whole dataset a search runs on; workers receive it once, shared. */
export interface SearchData {
  X: Features;
  /** Classification: ids into `classes` (labels are encoded once, in the calling thread). */
  y: Targets;
  /** Classification: the sorted labels. */
  classes?: Label[];
}

export type { FitRecord };
