/**
 * `ParameterSampler`: nIter candidates drawn from distributions, reproducible from the
 * seed (scikit-learn's ParameterSampler). When every entry is a finite list, it samples
 * the grid without replacement, so no candidate repeats and a small space is run whole.
 */
import { InvalidParameterError, Rng, checkInteger, messages, type Params } from '../core/index.js';
import { isChoice, isDistribution, type Distribution } from './distributions.js';
import { ParameterGrid, checkValueList, gridEntries, isPlainObject, valueListsOf, type GridOptions, type ValueList } from './grid.js';

/** Like a grid entry (see GridEntry for why undefined appears), with distributions allowed. */
export type DistributionEntry = Readonly<Record<string, Distribution | ValueList | undefined>>;

export type DistributionSpec = DistributionEntry | ReadonlyArray<DistributionEntry>;

export interface SamplerOptions extends GridOptions {
  /** Default 0: the same seed gives the same candidates. */
  seed?: number;
}

type Space = Array<{ keys: string[]; entries: Array<Distribution | unknown[]> }>;

export class ParameterSampler implements Iterable<Params> {
  readonly nIter: number;
  readonly seed: number;
  private readonly space: Space;
  /** Set when every entry is a finite list: candidates are drawn from this grid. */
  private readonly grid: ParameterGrid | undefined;

  constructor(distributions: DistributionSpec, nIter: number, options: SamplerOptions = {}) {
    const owner = options.owner ?? 'ParameterSampler';
    this.nIter = checkInteger(owner, 'nIter', nIter, { min: 1 });
    this.seed = checkInteger(owner, 'seed', options.seed ?? 0, { min: 0 });
    this.space = gridEntries(owner, distributions).map((entry, index) => {
      if (!isPlainObject(entry)) throw new InvalidParameterError(messages.gridEntryNotObject(owner, index, entry));
      const keys = Object.keys(entry).sort();
      const alongside = listedValues(entry);
      return { keys, entries: keys.map((key) => checkEntry(owner, key, entry[key], options, alongside)) };
    });
    const allLists = this.space.every(({ entries }) => entries.every((entry) => Array.isArray(entry)));
    this.grid = allLists ? new ParameterGrid(this.space.map(asGridObject)) : undefined;
  }

  /** nIter, or the grid's size when every entry is a list and the grid is smaller. */
  get length(): number {
    return this.grid === undefined ? this.nIter : Math.min(this.nIter, this.grid.length);
  }

  /** True when the space is a grid smaller than nIter (sklearn warns: see messages.samplerSpaceSmaller). */
  get capped(): boolean {
    return this.grid !== undefined && this.grid.length < this.nIter;
  }

  *[Symbol.iterator](): Iterator<Params> {
    const rng = new Rng(this.seed);
    if (this.grid !== undefined) {
      for (const index of sampleWithoutReplacement(this.grid.length, this.length, rng)) yield this.grid.at(index);
      return;
    }
    for (let i = 0; i < this.nIter; i++) {
      const { keys, entries } = this.space.length === 1 ? this.space[0] : this.space[rng.int(0, this.space.length)];
      const candidate: Params = {};
      keys.forEach((key, k) => {
        const entry = entries[k];
        candidate[key] = Array.isArray(entry) ? entry[rng.int(0, entry.length)] : entry.sample(rng);
      });
      yield candidate;
    }
  }

  toArray(): Params[] {
    return [...this];
  }

  /**
   * How each drawn parameter is distributed (`{ lr: 'loguniform(0.001, 0.1)' }`), lists
   * left out; with several spaces, a parameter's first distribution. The report puts a
   * log-uniform parameter on a log axis.
   */
  describe(): Record<string, string> {
    const described: Record<string, string> = {};
    for (const { keys, entries } of this.space) {
      keys.forEach((key, k) => {
        const entry = entries[k];
        if (!Array.isArray(entry) && !(key in described)) described[key] = entry.describe();
      });
    }
    return described;
  }
}

/** A distribution, or a list of values (a `choice` counts as its list). */
function checkEntry(owner: string, name: string, value: unknown, options: GridOptions, alongside: Record<string, unknown[]>): Distribution | unknown[] {
  if (isChoice(value)) return checkValueList(owner, name, value.options, options, messages.distributionValueInvalid, alongside);
  if (!isDistribution(value)) return checkValueList(owner, name, value, options, messages.distributionValueInvalid, alongside);
  checkValueList(owner, name, boundsOf(value), options, messages.distributionValueInvalid, alongside);
  return value;
}

/** The entries of an object of value lists or distributions that list their values (a `choice` its options). */
export function listedValues(entry: Record<string, unknown>): Record<string, unknown[]> {
  const choices = Object.entries(entry).filter(([, value]) => isChoice(value)).map(([key, value]) => [key, [...(value as { options: readonly unknown[] }).options]]);
  return { ...valueListsOf(entry), ...Object.fromEntries(choices) };
}

/** What checkValue sees for a numeric distribution: the smallest and largest values it can draw. */
function boundsOf(distribution: Distribution): unknown[] {
  const json = distribution.toJSON();
  if (json.distribution === 'choice') return json.options;
  return json.distribution === 'randint' ? [json.lo, json.hi - 1] : [json.lo, json.hi];
}

function asGridObject({ keys, entries }: Space[number]): Record<string, unknown[]> {
  return Object.fromEntries(keys.map((key, k) => [key, entries[k] as unknown[]]));
}

/** `count` distinct indices in [0, n), in random order. */
export function sampleWithoutReplacement(n: number, count: number, rng: Rng): number[] {
  if (count * 2 > n) {
    // Dense: a partial Fisher–Yates shuffle of all indices.
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < count; i++) {
      const j = i + randomIndex(rng, n - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, count);
  }
  // Sparse (n may be huge): draw and reject repeats; fewer than 2 draws per index on average.
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(randomIndex(rng, n));
  return [...chosen];
}

/** Uniform in [0, n) with 64 random bits, so grids beyond 2^32 candidates are covered. */
function randomIndex(rng: Rng, n: number): number {
  const u = rng.next() + rng.next() / 4294967296;
  return Math.min(n - 1, Math.floor(u * n));
}
