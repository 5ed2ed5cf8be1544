/**
 * From a checked search definition to the objects that run it: the estimator and the
 * search strategy, with the command line's overrides applied on top of the file.
 */
import { resolve } from 'node:path';
import { DataError, deriveSeed, messages, Rng } from '../core/index.js';
import { datasetProblem, loadDataset, type Dataset, type DatasetSpec } from '../data/index.js';
import { takeRows } from '../estimators/index.js';
import { NeuralNetClassifier, NeuralNetRegressor, estimatorFromSpec, isEstimator, type NeuralNet } from '../estimators/index.js';
import {
  GridSearchCV, HalvingGridSearchCV, HalvingRandomSearchCV, RandomizedSearchCV,
  type BaseSearchCV, type HalvingOptions, type SearchOptions,
} from '../search/index.js';
import type { SearchDefinition, SearchKind } from './search-definition.js';
import { unlessUnsettled } from './unsettled.js';

/** What `gridfold run` may change on top of the file. */
export interface Overrides {
  epochs?: number;
  limit?: number;
  nJobs?: number;
  seed?: number;
  fitTimeout?: number;
}

/** Options of the run itself (not in the file): progress, journal, stop signal, where the fits run. */
export type RunOptions = Pick<SearchOptions, 'onProgress' | 'onRefit' | 'journal' | 'signal' | 'verbose' | 'executor'>;

export function searchKindOf(definition: SearchDefinition): SearchKind {
  return definition.search ?? 'grid';
}

/** A fresh estimator for the definition, with the overrides' seed and epochs. */
export function createEstimator(definition: SearchDefinition, overrides: Overrides = {}): NeuralNet {
  const field = definition.estimator;
  const estimator = isEstimator(field)
    ? estimatorFromSpec(field.toSpec())
    : field.kind === 'regressor'
      ? new NeuralNetRegressor(field.params)
      : new NeuralNetClassifier(field.params);
  const seed = overrides.seed ?? definition.seed;
  if (seed !== undefined) estimator.setParams({ seed });
  if (overrides.epochs !== undefined) estimator.setParams({ maxEpochs: overrides.epochs });
  return estimator;
}

/** The search object for a definition; the grid or distributions as the file gives them. */
export function createSearch(definition: SearchDefinition, estimator: NeuralNet, overrides: Overrides = {}, run: RunOptions = {}): BaseSearchCV {
  const options: SearchOptions = {
    cv: definition.cv ?? 5, scoring: definition.scoring, refit: definition.refit, nJobs: overrides.nJobs ?? definition.nJobs ?? -1,
    foldBatching: definition.foldBatching, fitTimeout: overrides.fitTimeout ?? definition.fitTimeout,
    errorScore: definition.errorScore, returnTrainScore: definition.returnTrainScore, ...run,
  };
  for (const key of Object.keys(options) as Array<keyof SearchOptions>) if (options[key] === undefined) delete options[key];
  const seed = overrides.seed ?? definition.seed ?? 0;
  const grid = overrides.epochs === undefined ? definition.paramGrid : withoutEpochs(definition.paramGrid);
  const space = overrides.epochs === undefined ? definition.paramDistributions : withoutEpochs(definition.paramDistributions);
  switch (searchKindOf(definition)) {
    case 'grid':
      return new GridSearchCV(estimator, grid as never, options);
    case 'random':
      return new RandomizedSearchCV(estimator, space as never, { ...options, seed, ...(definition.nIter !== undefined ? { nIter: definition.nIter } : {}) });
    case 'halving-grid':
      return new HalvingGridSearchCV(estimator, grid as never, { ...options, ...halvingOptions(definition, overrides), seed });
    case 'halving-random':
      return new HalvingRandomSearchCV(estimator, space as never, { ...options, ...halvingOptions(definition, overrides), seed });
  }
}

/** --epochs caps the epochs resource of halving: maxResources becomes the epochs given. */
function halvingOptions(definition: SearchDefinition, overrides: Overrides): HalvingOptions & { nCandidates?: number | 'exhaust' } {
  const settings = { ...(definition.halving ?? {}) } as HalvingOptions & { nCandidates?: number | 'exhaust' };
  if (overrides.epochs !== undefined && (settings.resource ?? 'maxEpochs') === 'maxEpochs') {
    settings.maxResources = overrides.epochs;
    if (typeof settings.minResources === 'number' && settings.minResources > overrides.epochs) settings.minResources = overrides.epochs;
  }
  return settings;
}

/** --epochs wins over a grid that varies maxEpochs: that entry is dropped. */
function withoutEpochs<T>(space: T): T {
  if (space === undefined) return space;
  const strip = (entry: Record<string, unknown>) => Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'maxEpochs'));
  return (Array.isArray(space) ? space.map(strip) : strip(space as Record<string, unknown>)) as T;
}

/**
 * Loads the definition's data; --limit keeps a seeded random subset of that many samples.
 * Relative paths in it (a CSV's `path`, an IDX folder's `dir`) are the search file's, as in
 * a config file: they resolve against `baseDir`, the file's folder.
 */
export async function loadSearchData(definition: SearchDefinition, overrides: Overrides = {}, baseDir = process.cwd()): Promise<Dataset> {
  const data = typeof definition.data === 'function' ? definition.data : resolvePaths(definition.data, baseDir);
  const limit = overrides.limit;
  if (typeof data !== 'function' && data.dataset === 'mnist' && limit !== undefined) {
    // MNIST shuffles (seeded) before taking its limit: let it, rather than loading all of it.
    const spec = { ...data, limit: Math.min(limit, data.limit ?? limit) } as DatasetSpec;
    return loadDataset(spec);
  }
  const dataset = typeof data === 'function' ? await fromLoader(data) : await loadDataset(data);
  if (limit === undefined || limit >= dataset.shape[0]) return dataset;
  const rows = new Rng(deriveSeed(overrides.seed ?? definition.seed ?? 0, 'limit')).permutation(dataset.shape[0]).subarray(0, limit).sort();
  return subsetOf(dataset, rows);
}

/** A user's loader: its result must be a dataset, and its promise must settle. */
async function fromLoader(loader: () => Dataset | Promise<Dataset>): Promise<Dataset> {
  const returned: unknown = await unlessUnsettled(Promise.resolve(loader()), () => new DataError(messages.loaderUnsettled()));
  const problem = datasetProblem(returned);
  if (problem) throw new DataError(messages.loaderNotADataset(returned, problem));
  return returned as Dataset;
}

function resolvePaths(spec: DatasetSpec, baseDir: string): DatasetSpec {
  const resolved: Record<string, unknown> = { ...spec };
  for (const key of ['path', 'dir']) {
    const value = resolved[key];
    if (typeof value === 'string' && value !== '') resolved[key] = resolve(baseDir, value);
  }
  return resolved as unknown as DatasetSpec;
}

function subsetOf(dataset: Dataset, rows: Int32Array): Dataset {
  const rowLength = dataset.shape[1];
  const y = dataset.y instanceof Int32Array ? Int32Array.from(rows, (i) => dataset.y[i]) : Float32Array.from(rows, (i) => dataset.y[i]);
  return { ...dataset, X: takeRows(dataset.X, rowLength, rows), y, shape: [rows.length, rowLength] };
}
