/**
 * What results.json and the report say about a finished search besides its table: the
 * data, the backend, the cv, the scorers, the counts, the wall time and the best candidate.
 */
import type { FitRecord, Params, RunMeta } from '../core/index.js';
import type { NeuralNet } from '../estimators/index.js';
import type { PreparedSearch } from '../validation/index.js';
import { VERSION } from '../version.js';

export interface RunFacts {
  name: string;
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
      name: 'X', nSamples: data.X.nSamples, nFeatures: data.X.data.length / data.X.nSamples, nClasses: o.prepared.nClasses, task: o.prepared.task,
      ...(data.classes ? { classes: data.classes } : {}),
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
    seed: o.estimator.getParams().seed as number,
    wallTime: elapsed / 1000,
    startedAt: new Date(Date.now() - elapsed).toISOString(),
    gridfoldVersion: VERSION,
    ...(o.best ?? {}),
  };
}
