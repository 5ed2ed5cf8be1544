/**
 * The rows a fit reports valid_loss / valid_acc on: the internal validation split
 * (skorch's `train_split`), a seeded fraction of the training rows stratified by class for
 * a classifier so every class keeps its share, or the validationData given to fit.
 */
import { DataError, Rng, messages, type FeaturesInput, type Label, type Targets, type TargetsInput, type TaskKind } from '../core/index.js';
import { checkXy, labelIds } from '../data/index.js';

export interface TrainValidSplit {
  train: Int32Array;
  valid: Int32Array;
}

export function splitForValidation(task: TaskKind, y: Targets, fraction: number, seed: number): TrainValidSplit | undefined {
  if (fraction === 0) return undefined;
  const rng = new Rng(seed);
  const groups = task === 'classification' ? groupByClass(y as Int32Array) : [Int32Array.from({ length: y.length }, (_, i) => i)];
  const valid: number[] = [];
  const train: number[] = [];
  for (const members of groups) {
    rng.shuffle(members);
    const nValid = Math.round(members.length * fraction);
    members.forEach((index, position) => (position < nValid ? valid : train).push(index));
  }
  if (valid.length === 0 || train.length === 0) throw new DataError(messages.trainSplitTooSmall(y.length, fraction));
  return { train: Int32Array.from(train).sort(), valid: Int32Array.from(valid).sort() };
}

function groupByClass(y: Int32Array): Int32Array[] {
  const byClass = new Map<number, number[]>();
  y.forEach((label, index) => {
    const members = byClass.get(label) ?? [];
    members.push(index);
    byClass.set(label, members);
  });
  return [...byClass.keys()].sort((a, b) => a - b).map((label) => Int32Array.from(byClass.get(label)!));
}

/** validationData's y: labels encoded against the training classes (an unknown one is refused), or ids as y is. */
export function checkValidationData(validation: [FeaturesInput, TargetsInput], owner: string, task: TaskKind, known: number | undefined, classes: Label[] | undefined) {
  const [X, y] = validation;
  if (task === 'regression' || known !== undefined) return checkXy(X, y, { owner, task, nClasses: known });
  const values = Array.isArray(y) || ArrayBuffer.isView(y) ? (y as ArrayLike<unknown>) : undefined;
  return checkXy(X, values ? labelIds(values, classes!, owner, true) : y, { owner, task, nClasses: classes!.length });
}
