/**
 * `ParameterGrid`: every combination of a grid, in scikit-learn's order — per object the
 * keys sorted, the first sorted key varying slowest (itertools.product); objects in order.
 */
import { InvalidParameterError, messages, type Params } from '../core/index.js';

/** A list of values to try for one parameter (a typed array counts as a list of numbers). */
export type ValueList = readonly unknown[] | Float32Array | Float64Array | Int32Array;

/**
 * One object of value lists. `undefined` is allowed in the type only so that an array of
 * differently-keyed objects (inferred with `key?: undefined`) type-checks; a key that is
 * present with the value undefined is refused at run time.
 */
export type GridEntry = Readonly<Record<string, ValueList | undefined>>;

export type GridSpec = GridEntry | ReadonlyArray<GridEntry>;

export interface GridOptions {
  /** Names a grid may use; an unknown name is refused with this list. */
  validParams?: readonly string[];
  /** Who is asking, for messages (e.g. 'GridSearchCV'). Default 'ParameterGrid'. */
  owner?: string;
  /** Whose parameters these are, for the unknown-parameter message. Default: owner. */
  estimatorName?: string;
  /**
   * Checks one value of one parameter and throws if the estimator refuses it. `alongside`
   * holds the values of the sub-grid's other parameters (those given as lists), for checks
   * that depend on them: which `module.*` names exist depends on the sub-grid's `module`.
   */
  checkValue?: (name: string, value: unknown, alongside: Readonly<Record<string, readonly unknown[]>>) => void;
}

/** One object of a grid after checking: keys sorted, each with its values. */
export interface SubGrid {
  keys: string[];
  values: unknown[][];
}

export class ParameterGrid implements Iterable<Params> {
  readonly subGrids: readonly SubGrid[];

  constructor(grid: GridSpec, options: GridOptions = {}) {
    const owner = options.owner ?? 'ParameterGrid';
    const entries = gridEntries(owner, grid);
    this.subGrids = entries.map((entry, index) => {
      if (!isPlainObject(entry)) throw new InvalidParameterError(messages.gridEntryNotObject(owner, index, entry));
      const keys = Object.keys(entry).sort();
      const alongside = valueListsOf(entry);
      return { keys, values: keys.map((key) => checkValueList(owner, key, entry[key], options, messages.gridValueNotList, alongside)) };
    });
  }

  /** Number of candidates: the product of list lengths, summed over the objects. */
  get length(): number {
    return this.subGrids.reduce((total, { values }) => total + values.reduce((size, list) => size * list.length, 1), 0);
  }

  *[Symbol.iterator](): Iterator<Params> {
    for (const { keys, values } of this.subGrids) yield* product(keys, values);
  }

  toArray(): Params[] {
    return [...this];
  }

  /** The candidate at `index` of the iteration order, without expanding the grid. */
  at(index: number): Params {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new InvalidParameterError(messages.gridIndexOutOfRange(index, this.length));
    }
    let rest = index;
    for (const { keys, values } of this.subGrids) {
      const size = values.reduce((total, list) => total * list.length, 1);
      if (rest >= size) {
        rest -= size;
        continue;
      }
      const candidate: Params = {};
      // The last key varies fastest, so peel indices off from the last key backwards.
      for (let k = keys.length - 1; k >= 0; k--) {
        candidate[keys[k]] = values[k][rest % values[k].length];
        rest = Math.floor(rest / values[k].length);
      }
      return Object.fromEntries(keys.map((key) => [key, candidate[key]]));
    }
    throw new InvalidParameterError(messages.gridIndexOutOfRange(index, this.length));
  }
}

function* product(keys: string[], values: unknown[][], depth = 0, chosen: Params = {}): Generator<Params> {
  if (depth === keys.length) {
    yield { ...chosen };
    return;
  }
  for (const value of values[depth]) {
    chosen[keys[depth]] = value;
    yield* product(keys, values, depth + 1, chosen);
  }
}

/** An object, or an array of objects (refused when empty). */
export function gridEntries(owner: string, grid: unknown): unknown[] {
  if (Array.isArray(grid)) {
    if (grid.length === 0) throw new InvalidParameterError(messages.gridEmptyList(owner));
    return grid;
  }
  if (!isPlainObject(grid)) throw new InvalidParameterError(messages.gridNotObject(owner, grid));
  return [grid];
}

/** Checks one parameter's name and list of values; returns the values as a plain array. */
export function checkValueList(
  owner: string,
  name: string,
  list: unknown,
  { validParams, estimatorName, checkValue }: GridOptions,
  notListMessage: (owner: string, name: string, value: unknown) => string,
  alongside: Readonly<Record<string, readonly unknown[]>> = {},
): unknown[] {
  if (validParams !== undefined && !validParams.includes(name)) {
    throw new InvalidParameterError(messages.unknownParameter(estimatorName ?? owner, name, validParams));
  }
  if (!isValueList(list)) throw new InvalidParameterError(notListMessage(owner, name, list));
  const values = Array.from(list as ArrayLike<unknown>);
  if (values.length === 0) throw new InvalidParameterError(messages.gridValueEmpty(owner, name));
  if (checkValue !== undefined) for (const value of values) checkValue(name, value, alongside);
  return values;
}

/** The entries of a grid object that are lists of values, as plain arrays. */
export function valueListsOf(entry: Record<string, unknown>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(entry).filter(([, list]) => isValueList(list)).map(([key, list]) => [key, Array.from(list as ArrayLike<unknown>)]));
}

export function isValueList(value: unknown): boolean {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
