/**
 * From fit records to scikit-learn's `cv_results_`: the same columns, the same order,
 * the same statistics (population std, min-rank for ties, failed means ranked last).
 */
import type { CvResults, FitRecord, Params } from '../core/index.js';

export interface AggregateOptions {
  candidates: readonly Params[];
  nSplits: number;
  scoreNames: readonly string[];
  returnTrainScore: boolean;
  /** Extra per-candidate columns (successive halving's `iter`, `n_resources`). */
  extra?: Record<string, unknown[]>;
}

export function aggregate(records: readonly FitRecord[], o: AggregateOptions): CvResults {
  const nCandidates = o.candidates.length;
  const grid = (pick: (r: FitRecord) => number): number[][] => {
    const rows = Array.from({ length: nCandidates }, () => new Array<number>(o.nSplits).fill(Number.NaN));
    for (const r of records) rows[r.candidateIndex][r.foldIndex] = pick(r);
    return rows;
  };
  const results: Record<string, unknown[]> = {};
  const store = (key: string, rows: number[][], splits: boolean, rank: boolean) => {
    if (splits) rows[0]?.forEach((_, k) => (results[`split${k}_${key}`] = rows.map((row) => row[k])));
    const means = rows.map(mean);
    results[`mean_${key}`] = means;
    results[`std_${key}`] = rows.map(populationStd);
    if (rank) results[`rank_${key}`] = rankMin(means);
  };
  store('fit_time', grid((r) => r.fitTime), false, false);
  store('score_time', grid((r) => r.scoreTime), false, false);
  // Records without a count (journals of an older gridfold) give no column rather than one of NaN.
  if (records.some((r) => r.nParameters !== undefined)) results.n_parameters = parameterCounts(records, nCandidates);
  for (const [key, column] of Object.entries(paramColumns(o.candidates))) results[key] = column;
  results.params = o.candidates.map((c) => ({ ...c }));
  for (const name of o.scoreNames) {
    store(`test_${name}`, grid((r) => r.testScores[name] ?? Number.NaN), true, true);
    if (o.returnTrainScore) store(`train_${name}`, grid((r) => r.trainScores?.[name] ?? Number.NaN), true, false);
  }
  Object.assign(results, o.extra ?? {});
  return results as CvResults;
}

/** Each candidate's model size, from any of its fitted folds (NaN when every fold failed). */
function parameterCounts(records: readonly FitRecord[], nCandidates: number): number[] {
  const counts = new Array<number>(nCandidates).fill(Number.NaN);
  for (const r of records) if (r.nParameters !== undefined) counts[r.candidateIndex] = r.nParameters;
  return counts;
}

/** `param_<name>` for every name any candidate has; `undefined` where one lacks it. */
export function paramColumns(candidates: readonly Params[]): Record<string, unknown[]> {
  const names = [...new Set(candidates.flatMap((c) => Object.keys(c)))].sort();
  return Object.fromEntries(names.map((name) => [`param_${name}`, candidates.map((c) => c[name])]));
}

/** numpy's mean: NaN if any value is NaN. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** numpy's std with ddof=0, as scikit-learn reports `std_test_score`. */
export function populationStd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/**
 * scipy's rankdata(-means, method='min'): the best is 1, ties share the lowest rank; NaN
 * means (failed fits) tie with one below the worst, and all-NaN ranks everything 1.
 */
export function rankMin(means: readonly number[]): number[] {
  const finite = means.filter((m) => !Number.isNaN(m));
  if (finite.length === 0) return means.map(() => 1);
  const floor = Math.min(...finite) - 1;
  const filled = means.map((m) => (Number.isNaN(m) ? floor : m));
  return filled.map((m) => 1 + filled.filter((other) => other > m).length);
}
