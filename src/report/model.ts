/**
 * One table of candidates for the whole page, from one run or several (compare): each
 * candidate with its parameters, a short label, the refit metric's fold scores and the
 * statistics every plot reads. The plots are drawn from this, never from the raw runs.
 */
import { InvalidParameterError, messages, type FitRecord, type Params, type RunResult } from '../core/index.js';
import { numberColumn, varyingParamNames } from '../results/columns.js';
import { formatParamText } from '../results/format.js';

export interface Candidate {
  /** Row id across all runs of the page (0..n-1). */
  id: number;
  /** Index of the run in the page, and of the candidate within its run. */
  run: number;
  index: number;
  search: string;
  params: Params;
  /** The varying parameters shown compactly (`64-32 · normal`), unique on the page. */
  label: string;
  /** Rank on the page by mean score (min-rank, failed last); in a single run, sklearn's rank. */
  rank: number;
  mean: number;
  std: number;
  /** Test score of the refit metric per fold (NaN where the fit failed). */
  splits: number[];
  meanFitTime: number;
  stdFitTime: number;
  /** Mean training and test set sizes over the candidate's fits (for the corrected t-test). */
  nTrain: number;
  nTest: number;
  failedFolds: number;
  fits: FitRecord[];
}

export interface ReportModel {
  runs: RunResult[];
  /** The scorer everything is ranked and coloured by. */
  metric: string;
  candidates: Candidate[];
  /** Parameter names that vary on the page (`search` is added as an axis in compare mode). */
  varying: string[];
  compare: boolean;
  /** Id of the best candidate, or undefined when every candidate failed. */
  bestId: number | undefined;
}

export function buildModel(input: RunResult | readonly RunResult[]): ReportModel {
  const runs = Array.isArray(input) ? [...(input as RunResult[])] : [input as RunResult];
  if (runs.length === 0 || runs.some((run) => !run || typeof run !== 'object' || !run.meta || !run.cvResults)) {
    throw new InvalidParameterError(messages.reportNeedsRuns(input));
  }
  const metric = refitMetricOf(runs[0]);
  const candidates: Candidate[] = [];
  runs.forEach((run, r) => {
    if (!(`mean_test_${metric}` in run.cvResults)) throw new InvalidParameterError(messages.reportMetricMissing(run.meta.name, metric));
    candidates.push(...candidatesOf(run, r, metric, candidates.length));
  });
  const varying = varyingParamNames(candidates.map((c) => c.params));
  labelCandidates(candidates, varying, runs.length > 1);
  const ranks = rankMin(candidates.map((c) => c.mean));
  candidates.forEach((c, i) => (c.rank = ranks[i]));
  const ranked = candidates.filter((c) => !Number.isNaN(c.mean)).sort((a, b) => a.rank - b.rank || a.id - b.id);
  return { runs, metric, candidates, varying, compare: runs.length > 1, bestId: ranked[0]?.id };
}

/** The metric that picked the best candidate: `refit` when it names one, else the first scorer. */
export function refitMetricOf(run: RunResult): string {
  if (typeof run.meta.refit === 'string') return run.meta.refit;
  const first = run.meta.scoring?.[0];
  if (first !== undefined && `mean_test_${first}` in run.cvResults) return first;
  const fromColumns = Object.keys(run.cvResults).find((key) => key.startsWith('mean_test_'));
  return fromColumns ? fromColumns.slice('mean_test_'.length) : 'score';
}

function candidatesOf(run: RunResult, r: number, metric: string, firstId: number): Candidate[] {
  const cv = run.cvResults;
  const means = numberColumn(cv, `mean_test_${metric}`);
  const stds = numberColumn(cv, `std_test_${metric}`);
  const fitMeans = numberColumn(cv, 'mean_fit_time');
  const fitStds = numberColumn(cv, 'std_fit_time');
  const splitKeys = Object.keys(cv).filter((key) => /^split\d+_test_/.test(key) && key.endsWith(`_test_${metric}`));
  return cv.params.map((params, i) => {
    const fits = run.fits.filter((fit) => fit.candidateIndex === i).sort((a, b) => a.foldIndex - b.foldIndex);
    const splits = splitKeys.map((key) => numberColumn(cv, key)[i]);
    return {
      id: firstId + i, run: r, index: i, search: run.meta.name, params, label: '', rank: 0,
      mean: means[i], std: stds[i], splits, meanFitTime: fitMeans[i], stdFitTime: fitStds[i],
      nTrain: average(fits.map((fit) => fit.nTrain)), nTest: average(fits.map((fit) => fit.nTest)),
      failedFolds: Math.max(fits.filter((fit) => fit.error).length, splits.filter(Number.isNaN).length),
      fits,
    };
  });
}

function labelCandidates(candidates: Candidate[], varying: string[], compare: boolean): void {
  for (const c of candidates) {
    const shown = varying.map((name) => (name in c.params ? formatParamText(c.params[name]) : '–')).join(' · ');
    c.label = compare ? `${c.search}: ${shown || `#${c.index}`}` : shown || `#${c.index}`;
  }
  const seen = new Map<string, number>();
  for (const c of candidates) seen.set(c.label, (seen.get(c.label) ?? 0) + 1);
  for (const c of candidates) if (seen.get(c.label)! > 1) c.label = `${c.label} (#${c.id})`;
}

/** scipy's rankdata(-means, method='min') with NaN last, as the search ranks. */
export function rankMin(means: readonly number[]): number[] {
  const key = (m: number) => (Number.isNaN(m) ? -Infinity : m);
  return means.map((m) => 1 + means.filter((other) => key(other) > key(m)).length);
}

function average(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
