/**
 * The plain-data shapes that cross module (and worker-thread) boundaries. Nothing here
 * holds a tensor or a class instance, so every value can be structured-cloned or written
 * as JSON.
 */

export type TaskKind = 'classification' | 'regression';

/** Features after normalisation at the boundary: row-major float32, one row per sample. */
export interface Features {
  data: Float32Array;
  nSamples: number;
  /** Shape of one sample: `[784]` for flat MNIST, `[28, 28, 1]` for images. */
  sampleShape: number[];
}

/** Class ids (0..k-1) for classification, float targets for regression. */
export type Targets = Int32Array | Float32Array;

/** What a user may pass as X; normalised to `Features` by `src/data/validate`. */
export type FeaturesInput =
  | Float32Array
  | Float64Array
  | ReadonlyArray<ReadonlyArray<number>>
  | { data: ArrayLike<number>; shape: readonly number[] }
  | { shape: readonly number[]; dataSync(): ArrayLike<number> };

/** What a user may pass as y. */
/** A class label as scikit-learn takes them: any number, string or boolean (one kind per y). */
export type Label = number | string | boolean;

/** y: class labels (classifier) or targets (regressor). */
export type TargetsInput = Int32Array | Float32Array | Float64Array | ReadonlyArray<Label>;

/** Flat estimator parameters keyed by dot path (`module.hiddenUnits`, `optimizer.momentum`). */
export type Params = Record<string, unknown>;

/** One row per epoch, as skorch's History: fixed columns first, callback events after. */
export interface HistoryRow {
  epoch: number;
  train_loss: number;
  valid_loss?: number;
  valid_acc?: number;
  dur: number;
  lr?: number;
  [event: string]: number | boolean | string | undefined;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

/** The outcome of one (candidate, fold) fit, as plain data. */
export interface FitRecord {
  candidateIndex: number;
  foldIndex: number;
  /** `NaN` (or the search's `errorScore`) for each scorer when the fit failed. */
  testScores: Record<string, number>;
  trainScores?: Record<string, number>;
  /** Seconds. */
  fitTime: number;
  scoreTime: number;
  nTrain: number;
  nTest: number;
  /** The fitted model's parameters (trainable and not), as summary().totalParams; absent when the fit failed. */
  nParameters?: number;
  history: HistoryRow[];
  error?: SerializedError;
  /**
   * Metrics that failed although the fit trained (scikit-learn's `_score`), keyed
   * `test_<metric>` / `train_<metric>`; their scores are errorScore (NaN for a scorer that returned NaN).
   */
  scoreErrors?: Record<string, SerializedError>;
  /**
   * The thread that ran the fit (node:worker_threads' threadId; 0 is the main thread).
   * It tells where a fit ran, never what it scored: it is the one field that differs with nJobs.
   */
  threadId?: number;
  /** Why a fit of a stack (foldBatching) trained on its own after all. */
  notBatched?: string;
  /** The `gridfold worker` that ran the fit (its --name, by default host:pid); absent for a local run. */
  worker?: string;
}

/**
 * scikit-learn's `cv_results_`: a dict of equal-length columns, one entry per candidate.
 * `param_<name>` entries are `undefined` where the parameter does not apply (sklearn's mask).
 */
export type CvResults = Record<string, unknown[]> & {
  params: Params[];
};

/** Everything a report needs about a finished (or partial) search, written as results.json. */
export interface RunMeta {
  name: string;
  searchKind: 'grid' | 'random' | 'halving-grid' | 'halving-random' | 'cross-validate';
  estimator: string;
  estimatorParams: Params;
  /**
   * `fingerprint`: sha256 of X and y (as the journal keys them), so runs on different data can be told apart;
   * `sampleShape`: one sample's shape (`[28, 28, 1]` for images), absent in older results.
   */
  data: { name: string; nSamples: number; nFeatures: number; sampleShape?: number[]; nClasses?: number; task: TaskKind; fingerprint?: string; /** Classification: the sorted labels, as given. */ classes?: Label[] };
  backend: string;
  cv: string;
  nSplits: number;
  /** Score names as in the cvResults columns (`score` for one metric); the first is the refit metric unless `refit` names another. */
  scoring: string[];
  /** Which scorer each score name is (`{ score: 'accuracy' }`); absent in older results. */
  scorers?: Record<string, string>;
  refit: string | false;
  nCandidates: number;
  nFits: number;
  nFailedFits: number;
  nJobs: number;
  seed: number;
  wallTime: number;
  startedAt: string;
  gridfoldVersion: string;
  bestIndex?: number;
  bestParams?: Params;
  bestScore?: number;
  /** How a random search drew each parameter (`{ lr: 'loguniform(0.001, 0.1)' }`); the report's axes follow it. */
  distributions?: Record<string, string>;
  /** The refitted best model's folder, relative to the run folder (`best-model`), when it was saved. */
  bestModel?: string;
}

export interface RunResult {
  meta: RunMeta;
  cvResults: CvResults;
  fits: FitRecord[];
}
