import { describeValue } from '../describe.js';

export function nJobsInvalid(value: unknown, max: number): string {
  return `nJobs must be a positive integer up to ${max}, or -1 for all cores; got ${describeValue(value)}.`;
}

export function errorScoreInvalid(value: unknown): string {
  return `errorScore must be a number (NaN by default) or 'raise'; got ${describeValue(value)}.`;
}

export function refitInvalid(value: unknown, metrics: readonly string[]): string {
  return metrics.length > 1
    ? `refit must be false or the name of the metric that picks the best candidate (one of ${metrics.join(', ')}) when scoring has several metrics; got ${describeValue(value)}.`
    : `refit must be true or false; got ${describeValue(value)}.`;
}

/** One metric: refit names it by its column ('score') or its scorer ('accuracy'), or is true / false. */
export function refitInvalidOneMetric(value: unknown, column: string, scorer: string | undefined): string {
  const names = scorer && scorer !== column ? `'${column}' or '${scorer}'` : `'${column}'`;
  return `refit must be true, false or the name of the one metric (${names}); got ${describeValue(value)}.`;
}

export function notAnEstimator(owner: string, value: unknown): string {
  return `${owner}: estimator must be a NeuralNetClassifier or NeuralNetRegressor; got ${describeValue(value)}.`;
}

export function someFitsFailed(failed: number, total: number, summary: string): string {
  return (
    `${failed} fits failed out of a total of ${total}. The score on these train-test partitions for these ` +
    `parameters will be set to errorScore.\nBelow are more details about the failures:\n${summary}`
  );
}

export function fitsFailedWith(n: number, line: string): string {
  return `${n} fits failed with the following error:\n${line}`;
}

/** Metrics that failed while their fit trained: `line` is `<test|train>_<metric>: <error>`. */
export function scoresFailedWith(n: number, line: string): string {
  return `${n} ${n === 1 ? 'score' : 'scores'} failed with the following error:\n${line}`;
}

export function someScoresFailed(failed: number, summary: string): string {
  return (
    `${failed} ${failed === 1 ? 'score' : 'scores'} of fits that trained could not be computed. Each is set to errorScore ` +
    `(NaN where a custom scorer returned NaN); the fit's other scores keep their values.\nBelow are more details about the failures:\n${summary}`
  );
}

export function failuresPerMetric(rows: ReadonlyArray<{ metric: string; failedFits: number; failedScores: number }>, total: number): string {
  const row = ({ metric, failedFits, failedScores }: { metric: string; failedFits: number; failedScores: number }) => {
    const why = [failedFits > 0 ? `${failedFits} failed ${failedFits === 1 ? 'fit' : 'fits'}` : '', failedScores > 0 ? `${failedScores} failed ${failedScores === 1 ? 'scoring' : 'scorings'}` : ''].filter(Boolean).join(', ');
    return `${metric} ${failedFits + failedScores} of ${total} (${why})`;
  };
  return `Test scores set to errorScore, per metric: ${rows.map(row).join('; ')}.`;
}

export function allFitsFailed(total: number, summary: string): string {
  return `All the ${total} fits failed. It is very likely that your model is misconfigured.\nBelow are more details about the failures:\n${summary}`;
}

export function fitRaised(params: string, fold: number, message: string): string {
  return `fit failed for candidate {${params}} on fold ${fold} (errorScore: 'raise'): ${message}`;
}

export function searchNotFitted(owner: string, attribute: string): string {
  return `This ${owner} instance is not fitted yet: call fit(X, y) before reading ${attribute}.`;
}

/** scikit-learn's verbose line at the start of a search round. */
export function fittingPlan(nSplits: number, nCandidates: number): string {
  return `Fitting ${nSplits} folds for each of ${nCandidates} candidates, totalling ${nSplits * nCandidates} fits`;
}

// ── successive halving ────────────────────────────────────────────────────────

export function halvingResourceInSpace(owner: string, resource: string): string {
  return (
    `${owner}: cannot use '${resource}' as the resource, since it is one of the searched parameters; ` +
    `remove it from the grid (halving sets it per round) or use resource 'nSamples'.`
  );
}

export function halvingMinResourcesInvalid(owner: string, value: unknown): string {
  return `${owner}: minResources must be 'exhaust', 'smallest' or a positive integer; got ${describeValue(value)}.`;
}

export function halvingMaxResourcesInvalid(owner: string, value: unknown): string {
  return `${owner}: maxResources must be 'auto' or a positive integer; got ${describeValue(value)}.`;
}

export function halvingMinAboveMax(owner: string, min: number, max: number): string {
  return `${owner}: minResources (${min}) is greater than maxResources (${max}); lower minResources or raise maxResources.`;
}

export function halvingMaxAboveTrainRows(owner: string, max: number, rows: number): string {
  return `${owner}: maxResources (${max}) is more than the smallest training fold holds (${rows} rows) with resource 'nSamples'; use at most ${rows}, or 'auto'.`;
}

export function halvingBothExhaust(owner: string): string {
  return `${owner}: nCandidates and minResources cannot both be 'exhaust' (each is derived from the other); set one of them.`;
}

export function halvingNCandidatesInvalid(owner: string, value: unknown): string {
  return `${owner}: nCandidates must be 'exhaust' or a positive integer; got ${describeValue(value)}.`;
}

export function halvingNeedsOneMetric(owner: string, metrics: readonly string[]): string {
  return `${owner}: successive halving promotes candidates by one metric; with several (${metrics.join(', ')}) set refit to the name of the one to use.`;
}

export function planOfAnotherSearch(owner: string): string {
  return `${owner}.fitPlan: the plan was not made by this search; pass what this search's plan(X, y) returned, or call fit(X, y).`;
}

/** The rounds `gridfold run` prints before a halving search starts. */
export function cliHalvingPlan(resource: string, nCandidates: readonly number[], resources: readonly number[], nSplits: number): string {
  const fits = nCandidates.reduce((a, b) => a + b, 0) * nSplits;
  const rounds = nCandidates.map((n, i) => `${n} at ${resource} ${resources[i]}`).join(' → ');
  return `successive halving in ${nCandidates.length} ${nCandidates.length === 1 ? 'round' : 'rounds'}: ${rounds}; × ${nSplits} folds = ${fits} fits`;
}
