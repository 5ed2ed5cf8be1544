/**
 * The shape of a search file's default export, as types only: what `defineSearch` accepts,
 * what the check refuses at run time and what `createSearch` builds from. A file of its
 * own so that the definition, its check and its construction can all name it without
 * importing each other.
 */
import type { Dataset, DatasetSpec } from '../data/index.js';
import type { EstimatorParams, NeuralNet } from '../estimators/index.js';
import type { Distribution } from '../params/index.js';
import type { ScoringSpec } from '../scoring/index.js';
import type { CvSpec } from '../splitters/index.js';

export type { EstimatorParams };

export type SearchKind = 'grid' | 'random' | 'halving-grid' | 'halving-random';

/** Values to try for each parameter: a list per name. */
export type ParamGrid = { [K in keyof EstimatorParams]?: ReadonlyArray<EstimatorParams[K]> };

/** A distribution or a list (one of its values) per name. */
export type ParamDistributions = { [K in keyof EstimatorParams]?: ReadonlyArray<EstimatorParams[K]> | Distribution };

/** The estimator: a kind and its parameters, or an estimator built in the file. */
export type EstimatorField = { kind: 'classifier' | 'regressor'; params?: EstimatorParams } | NeuralNet;

export type DataField = DatasetSpec | (() => Dataset | Promise<Dataset>);

export interface HalvingSettings {
  /** What grows each round: epochs (default) or training rows. */
  resource?: 'maxEpochs' | 'nSamples';
  factor?: number;
  minResources?: 'exhaust' | 'smallest' | number;
  maxResources?: 'auto' | number;
  aggressiveElimination?: boolean;
}

interface SearchCommon {
  /** Names the report directory: reports/<name>/. Letters, digits, '.', '_', '-'. */
  name: string;
  description?: string;
  /** A built-in dataset with its options (`{ dataset: 'mnist', limit: 5000 }`), or a loader. */
  data: DataField;
  estimator: EstimatorField;
  /** Folds: a number (stratified for classifiers), a splitter, or [train, test] pairs. Default 5. */
  cv?: CvSpec;
  scoring?: ScoringSpec;
  refit?: boolean | string;
  /** Parallel fits: a positive integer, or -1 for every core (the default). */
  nJobs?: number;
  /** Train each candidate's folds (true: and those of candidates differing only in lr, init, seed) as one stacked model where possible. Default 'auto'. */
  foldBatching?: boolean | 'auto';
  /** Seconds one fit may train; past it the fit fails with FitTimeoutError and the search goes on (`--fit-timeout`). */
  fitTimeout?: number;
  /** Seeds the estimator (weights, batches, dropout) and the drawing of candidates. Default 0. */
  seed?: number;
  errorScore?: number | 'raise';
  returnTrainScore?: boolean;
}

export interface GridSearchDefinition extends SearchCommon {
  search?: 'grid';
  paramGrid: ParamGrid | readonly ParamGrid[];
  paramDistributions?: never;
  nIter?: never;
  halving?: never;
}

export interface RandomSearchDefinition extends SearchCommon {
  search: 'random';
  paramDistributions: ParamDistributions | readonly ParamDistributions[];
  /** Candidates to draw. Default 10. */
  nIter?: number;
  paramGrid?: never;
  halving?: never;
}

export interface HalvingGridSearchDefinition extends SearchCommon {
  search: 'halving-grid';
  paramGrid: ParamGrid | readonly ParamGrid[];
  halving?: HalvingSettings;
  paramDistributions?: never;
  nIter?: never;
}

export interface HalvingRandomSearchDefinition extends SearchCommon {
  search: 'halving-random';
  paramDistributions: ParamDistributions | readonly ParamDistributions[];
  halving?: HalvingSettings & { nCandidates?: number | 'exhaust' };
  paramGrid?: never;
  nIter?: never;
}

export type SearchDefinition = GridSearchDefinition | RandomSearchDefinition | HalvingGridSearchDefinition | HalvingRandomSearchDefinition;
