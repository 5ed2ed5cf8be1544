/**
 * Class labels as scikit-learn's classifiers take them (its LabelEncoder): any numbers,
 * strings or booleans, one kind per y. `classes` are the sorted distinct labels; inside
 * gridfold a label is its position in `classes` (an Int32Array of ids 0..k-1, what folds,
 * workers and scorers see), and predictions map back at the boundary.
 */
import { DataError, messages, type Label } from '../core/index.js';

export interface EncodedLabels {
  ids: Int32Array;
  classes: Label[];
}

const KINDS = new Set(['number', 'string', 'boolean']);

/** Encodes y: ids into the sorted distinct labels. Refuses NaN, objects and mixed kinds. */
export function encodeLabels(values: ArrayLike<unknown>, owner: string): EncodedLabels {
  const n = values.length;
  let firstKind: string | undefined;
  const seen = new Set<Label>();
  for (let i = 0; i < n; i++) {
    const value = values[i];
    const kind = typeof value;
    if (!KINDS.has(kind) || (kind === 'number' && !Number.isFinite(value))) throw new DataError(messages.badClassLabel(owner, i, value));
    if (firstKind === undefined) firstKind = kind;
    else if (kind !== firstKind) {
      const first = Array.prototype.findIndex.call(values, (v: unknown) => typeof v === firstKind);
      throw new DataError(messages.mixedLabels(owner, values[first], first, value, i));
    }
    seen.add(value as Label);
  }
  const classes = [...seen].sort(compareLabels);
  const ids = new Int32Array(n);
  if (isIdentity(classes)) {
    for (let i = 0; i < n; i++) ids[i] = values[i] as number;
  } else {
    const idOf = new Map<Label, number>(classes.map((label, id) => [label, id]));
    for (let i = 0; i < n; i++) ids[i] = idOf.get(values[i] as Label)!;
  }
  return { ids, classes };
}

/**
 * y given as positions in known classes (a fold of an encoded y, a refit): integers from 0
 * to nClasses - 1, kept as they are.
 */
export function checkClassIds(values: ArrayLike<unknown>, nClasses: number, owner: string): Int32Array {
  const ids = values instanceof Int32Array ? values : new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= nClasses) {
      throw new DataError(messages.badClassId(owner, i, value, nClasses));
    }
    if (ids !== values) ids[i] = value;
  }
  return ids;
}

/** Ids of y's labels in `classes`; a label the classes lack is -1 (or refused, with `strict`). */
export function labelIds(values: ArrayLike<unknown>, classes: readonly Label[], owner: string, strict: boolean): Int32Array {
  const idOf = new Map<unknown, number>(classes.map((label, id) => [label, id]));
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const id = idOf.get(values[i]);
    if (id === undefined && strict) throw new DataError(messages.unknownLabel(owner, i, values[i], classes));
    ids[i] = id ?? -1;
  }
  return ids;
}

/**
 * The labels of ids: an Int32Array when every class is a 32-bit integer (class ids as
 * before, and labels such as 3, 7, 200000), else an array of the labels.
 */
export function decodeLabels(ids: Int32Array, classes: readonly Label[]): Int32Array | Label[] {
  if (isIdentity(classes)) return ids;
  if (classes.every((label) => typeof label === 'number' && (label | 0) === label)) {
    return ids.map((id) => classes[id] as number);
  }
  return Array.from(ids, (id) => classes[id]);
}

/** Refuses a y with a single class before any training. */
export function checkTwoClasses(classes: readonly Label[]): void {
  if (classes.length === 1) throw new DataError(messages.oneClass(classes[0]));
}

/** numbers ascending, strings by code unit, false before true (numpy's unique order). */
function compareLabels(a: Label, b: Label): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** classes are 0, 1, …, k-1: ids are the labels themselves. */
function isIdentity(classes: readonly Label[]): boolean {
  return classes.every((label, id) => label === id);
}
