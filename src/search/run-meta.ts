/**
 * What results.json and the report say about a finished search besides its table: the
 * data, the backend, the cv, the scorers, the counts, the wall time and the best candidate.
 */
import type { FitRecord, Params, RunMeta } from '../core/index.js';
import type { NeuralNet } from '../estimators/index.js';
import type { PreparedSearch } from '../validation/index.js';
import { varyingParamNames } from '../results/columns.js';
import { VERSION } from '../version.js';

/** The name of data given to fit() as arrays (the CLI names its datasets). */
export const DEFAULT_DATA_NAME = 'data given to fit()';

/**
 * The run's name when nobody gives one (the CLI names it after the search file): the search
 * class and what it varies, `GridSearchCV: module.hiddenUnits × module.init`.
 */
export function defaultRunName(searchClass: string, candidates: readonly Params[]): string {
  const varying = varyingParamNames(candidates);
  return varying.length > 0 ? `${searchClass}: ${varying.join(' × ')}` : searchClass;
}

export interface RunFacts {
  name: string;
  /** sha256 of X and y (results/journal's dataFingerprint), so runs on different data can be told apart. */
  fingerprint?: string;
  /** How a random search draws each parameter (`{ lr: 'loguniform(0.001, 0.1)' }`). */
  distributions?: Record<string, string>;
  searchKind: RunMeta['searchKind'];
  estimator: NeuralNet;
  prepared: PreparedSearch;
  backend: string;
  refit: string | false;
  nCandidates: number;
  fits: readonly FitRecord[];
  nJobs: number;
  /** performance.now() when the search started. */
  started: number;
  best?: { bestIndex: number; bestParams: Params; bestScore: number };
}

export function runMeta(o: RunFacts): RunMeta {
  const { data, scorers } = o.prepared;
  const elapsed = performance.now() - o.started;
  return {
    name: o.name,
    searchKind: o.searchKind,
    estimator: o.estimator.constructor.name,
    estimatorParams: o.estimator.toSpec().params,
    data: {
      name: DEFAULT_DATA_NAME, nSamples: data.X.nSamples, nFeatures: data.X.data.length / data.X.nSamples, sampleShape: [...data.X.sampleShape],
      nClasses: o.prepared.nClasses, task: o.prepared.task,
      ...(data.classes ? { classes: data.classes } : {}), ...(o.fingerprint ? { fingerprint: o.fingerprint } : {}),
    },
    backend: o.backend,
    cv: o.prepared.cv,
    nSplits: o.prepared.splits.length,
    scoring: Object.keys(scorers),
    scorers: Object.fromEntries(Object.entries(scorers).map(([output, scorer]) => [output, scorer.name])),
    refit: o.refit,
    nCandidates: o.nCandidates,
    nFits: o.fits.length,
    nFailedFits: o.fits.filter((f) => f.error).length,
    nJobs: o.nJobs,
    seed: o.estimator.getParams().seed,
    wallTime: elapsed / 1000,
    startedAt: new Date(Date.now() - elapsed).toISOString(),
    gridfoldVersion: VERSION,
    ...(o.distributions && Object.keys(o.distributions).length > 0 ? { distributions: o.distributions } : {}),
    ...(o.best ?? {}),
  };
}
