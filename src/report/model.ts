/**
 * One table of candidates for the whole page, from one run or several (compare): each
 * candidate with its parameters, a short label, the refit metric's fold scores and the
 * statistics every plot reads. The plots are drawn from this, never from the raw runs.
 */
import { InvalidParameterError, messages, type FitRecord, type Params, type RunResult } from '../core/index.js';
import { numberColumn, varyingParamNames } from '../results/columns.js';
import { formatParamShort } from '../results/format.js';
import { MISSING_TEXT } from './plots/axes.js';

export interface Candidate {
  /** Row id across all runs of the page (0..n-1). */
  id: number;
  /** Index of the run in the page, and of the candidate within its run. */
  run: number;
  index: number;
  /** The run's label on the page (its search name unless two runs share one). */
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
  /** The scorer everything is ranked and coloured by (its cv_results name: `score` for one metric). */
  metric: string;
  /** What the metric is, for people: the scorer's name (`accuracy` where the column says `score`). */
  metricLabel: string;
  candidates: Candidate[];
  /** Parameter names that vary on the page (`search` is added as an axis in compare mode). */
  varying: string[];
  compare: boolean;
  /** How each run is named on the page: its search name, or its folder and date when names clash. */
  runLabels: string[];
  /**
   * Id of the best candidate, or undefined when every candidate failed. In one run it is the
   * search's own best (meta.bestIndex: for successive halving the last round's winner, which
   * need not have the highest mean); across runs, the run bests' highest mean.
   */
  bestId: number | undefined;
  /** Id of each run's own best (undefined where none finished). */
  runBestIds: Array<number | undefined>;
  /** Candidates left out because some of their folds have not run yet (a page written mid-run). */
  pending: number;
}

export interface ModelOptions {
  /** Where each run was read from (compare), to label runs whose names clash. */
  sources?: readonly string[];
}

export function buildModel(input: RunResult | readonly RunResult[], options: ModelOptions = {}): ReportModel {
  const runs = Array.isArray(input) ? [...(input as RunResult[])] : [input as RunResult];
  if (runs.length === 0 || runs.some((run) => !run || typeof run !== 'object' || !run.meta || !run.cvResults)) {
    throw new InvalidParameterError(messages.reportNeedsRuns(input));
  }
  const metric = refitMetricOf(runs[0]);
  const candidates: Candidate[] = [];
  const runLabels = runLabelsOf(runs, options.sources);
  let pending = 0;
  runs.forEach((run, r) => {
    if (!(`mean_test_${metric}` in run.cvResults)) throw new InvalidParameterError(messages.reportMetricMissing(runLabels[r], metric));
    // A page written while the search runs shows the candidates whose folds have all come in
    // (a fold not run yet is no failure); `pending` counts the others.
    const own = candidatesOf(run, r, runLabels[r], metric);
    const finished = run.fits.length === 0 ? own : own.filter((c) => c.fits.length >= c.splits.length);
    pending += own.length - finished.length;
    for (const c of finished) candidates.push({ ...c, id: candidates.length });
  });
  const varying = varyingParamNames(candidates.map((c) => c.params));
  labelCandidates(candidates, varying, runLabels);
  const ranks = rankMin(candidates.map((c) => c.mean));
  candidates.forEach((c, i) => (c.rank = ranks[i]));
  const byRank = (a: Candidate, b: Candidate) => a.rank - b.rank || a.id - b.id;
  const runBestIds = runs.map((run, r) => {
    const own = candidates.filter((c) => c.run === r);
    const chosen = own.find((c) => c.index === run.meta.bestIndex && Number.isFinite(c.mean));
    return (chosen ?? own.filter((c) => Number.isFinite(c.mean)).sort(byRank)[0])?.id;
  });
  const bests = runBestIds.filter((id): id is number => id !== undefined).map((id) => candidates[id]).sort(byRank);
  const metricLabel = runs[0].meta.scorers?.[metric] ?? metric;
  return { runs, metric, metricLabel, candidates, varying, compare: runs.length > 1, runLabels, bestId: bests[0]?.id, runBestIds, pending };
}

/**
 * Run names on the page: the search names when they differ; where two runs share one, each
 * of those is named by its folder (when known) and start time, `reports/a (2026-12-01 21:15)`.
 */
export function runLabelsOf(runs: readonly RunResult[], sources: readonly string[] = []): string[] {
  const names = runs.map((run) => run.meta.name);
  const clash = (name: string) => names.filter((n) => n === name).length > 1;
  const labels = runs.map((run, r) => {
    if (!clash(run.meta.name)) return run.meta.name;
    const folder = sources[r]?.replace(/[\\/]+$/, '').replace(/[\\/]results\.json$/, '');
    return `${folder || run.meta.name} (${startedText(run.meta.startedAt)})`;
  });
  // Two copies of one run (same folder and time): number them.
  return labels.map((label, r) => (labels.filter((l) => l === label).length > 1 ? `${label} #${labels.slice(0, r + 1).filter((l) => l === label).length}` : label));
}

/**
 * The runs grouped by the data they were made on (meta.data.fingerprint); more than one
 * group means their scores come from different data. Runs without a fingerprint (older
 * results) are left out: nothing can be said of them.
 */
export function dataGroups(runs: readonly RunResult[], labels: readonly string[]): Array<{ fingerprint: string; runs: string[] }> {
  const groups: Array<{ fingerprint: string; runs: string[] }> = [];
  runs.forEach((run, r) => {
    const fingerprint = run.meta.data?.fingerprint;
    if (typeof fingerprint !== 'string') return;
    const group = groups.find((g) => g.fingerprint === fingerprint);
    if (group) group.runs.push(labels[r]);
    else groups.push({ fingerprint, runs: [labels[r]] });
  });
  return groups;
}

/** `2026-12-01T21:15:55.123Z` → `2026-12-01 21:15 UTC`. */
export function startedText(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso ?? '');
  return match ? `${match[1]} ${match[2]} UTC` : String(iso);
}

/** The metric that picked the best candidate: `refit` when it names one, else the first scorer. */
export function refitMetricOf(run: RunResult): string {
  if (typeof run.meta.refit === 'string') return run.meta.refit;
  const first = run.meta.scoring?.[0];
  if (first !== undefined && `mean_test_${first}` in run.cvResults) return first;
  const fromColumns = Object.keys(run.cvResults).find((key) => key.startsWith('mean_test_'));
  return fromColumns ? fromColumns.slice('mean_test_'.length) : 'score';
}

/** The run's candidates (ids are given by the caller, once unfinished ones are left out). */
function candidatesOf(run: RunResult, r: number, label: string, metric: string): Candidate[] {
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
      id: -1, run: r, index: i, search: label, params, label: '', rank: 0,
      mean: means[i], std: stds[i], splits, meanFitTime: fitMeans[i], stdFitTime: fitStds[i],
      nTrain: average(fits.map((fit) => fit.nTrain)), nTest: average(fits.map((fit) => fit.nTest)),
      failedFolds: Math.max(fits.filter((fit) => fit.error).length, splits.filter(Number.isNaN).length),
      fits,
    };
  });
}

function labelCandidates(candidates: Candidate[], varying: string[], runLabels: readonly string[]): void {
  for (const c of candidates) {
    const shown = varying.map((name) => (name in c.params ? formatParamShort(c.params[name]) : MISSING_TEXT)).join(' · ');
    c.label = runLabels.length > 1 ? `${runLabels[c.run]}: ${shown || `#${c.index}`}` : shown || `#${c.index}`;
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
