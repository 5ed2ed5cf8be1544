/**
 * The search as it stands while it runs: every fit finished so far (earlier rounds' and the
 * current round's, in the order they came), aggregated over the candidates proposed so far
 * — a candidate with an unfinished fold has a NaN mean until the fold comes in. What the
 * CLI writes the live report from.
 */
import type { FitRecord, Params, RunMeta, RunResult } from '../core/index.js';
import { aggregate } from './aggregate.js';

export interface LiveRound {
  /** Every candidate proposed so far, this round's last. */
  candidates: Params[];
  /** Fits of this round finished so far. */
  records: FitRecord[];
}

export interface SnapshotParts {
  finished: readonly FitRecord[];
  round: LiveRound;
  nSplits: number;
  scoreNames: readonly string[];
  returnTrainScore: boolean;
  /** Per-candidate extra columns (halving's iter, n_resources) for the candidates so far. */
  extra: Record<string, unknown[]>;
  refitMetric: string | false;
  /** The meta for these fits, given the best so far. */
  meta: (fits: readonly FitRecord[], nCandidates: number, best: { bestIndex: number; bestParams: Params; bestScore: number } | undefined) => RunMeta;
}

export function snapshotOf(o: SnapshotParts): RunResult {
  const fits = [...o.finished, ...o.round.records];
  // Copies of the strategy's columns: they grow as the search goes on, a snapshot must not.
  const extra = Object.fromEntries(Object.entries(o.extra).map(([key, column]) => [key, column.slice(0, o.round.candidates.length)]));
  const cvResults = aggregate(fits, { candidates: o.round.candidates, nSplits: o.nSplits, scoreNames: o.scoreNames, returnTrainScore: o.returnTrainScore, extra });
  let best: { bestIndex: number; bestParams: Params; bestScore: number } | undefined;
  if (o.refitMetric !== false) {
    const means = cvResults[`mean_test_${o.refitMetric}`] as number[];
    const index = means.reduce((top, mean, i) => (Number.isFinite(mean) && (top < 0 || mean > means[top]) ? i : top), -1);
    if (index >= 0) best = { bestIndex: index, bestParams: { ...o.round.candidates[index] }, bestScore: means[index] };
  }
  return { meta: o.meta(fits, o.round.candidates.length, best), cvResults, fits };
}
