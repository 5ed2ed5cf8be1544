import { describeValue } from '../describe.js';

/** Messages of the metrics, the named scorers and `resolveScoring` (src/scoring). */

export function scoringInvalid(value: unknown): string {
  return (
    `scoring must be a scorer name, a function (estimator, X, y) => number, an array of scorer names, ` +
    `or an object of { name: scorer name or function }; got ${describeValue(value)}.`
  );
}

export function scorerUnknown(name: unknown, valid: readonly string[]): string {
  return `scoring ${describeValue(name)} is not a known scorer. Valid scorer names are: ${valid.join(', ')}.`;
}

export function scorerWrongTask(name: string, scorerTask: string, task: string, valid: readonly string[]): string {
  const estimator = task === 'classification' ? 'a classifier' : 'a regressor';
  return `scoring '${name}' is a ${scorerTask} metric, but the estimator is ${estimator}; ${task} scorers are: ${valid.join(', ')}.`;
}

export function scoringEmptyList(): string {
  return 'scoring is an empty array; name at least one scorer.';
}

export function scoringEmptyObject(): string {
  return 'scoring is an empty object; give at least one { name: scorer name or function }.';
}

export function scoringDuplicate(name: string): string {
  return `scoring names '${name}' more than once; each metric may appear once.`;
}

export function scoringListEntryInvalid(index: number, value: unknown): string {
  return `scoring[${index}] must be a scorer name; got ${describeValue(value)}. For custom functions in a multi-metric scoring use an object { name: fn }.`;
}

export function scoringObjectEntryInvalid(name: string, value: unknown): string {
  return `scoring.${name} must be a scorer name or a function (estimator, X, y) => number; got ${describeValue(value)}.`;
}

export function scorerOutputMissing(name: string, needs: string): string {
  const what = needs === 'proba' ? 'class probabilities (outputs.proba)' : needs === 'labels' ? 'predicted labels (outputs.labels or outputs.proba)' : 'predicted values (outputs.values)';
  return `scorer '${name}' needs ${what}, which were not given.`;
}

// ---- metric inputs ---------------------------------------------------------------------

export function metricLengthMismatch(metric: string, nTrue: number, nPred: number): string {
  return `${metric}: yTrue has ${nTrue} samples but the predictions have ${nPred}.`;
}

export function metricEmpty(metric: string): string {
  return `${metric}: yTrue is empty; a metric needs at least 1 sample.`;
}

export function metricProbaShape(metric: string, length: number, nSamples: number, nClasses: number): string {
  return `${metric}: proba has ${length} values, but ${nSamples} samples × nClasses ${nClasses} = ${nSamples * nClasses} were expected (row-major, one row per sample).`;
}

export function metricNClassesInvalid(metric: string, nClasses: unknown): string {
  return `${metric}: nClasses must be an integer >= 2; got ${describeValue(nClasses)}.`;
}

export function metricLabelOutOfRange(metric: string, index: number, label: unknown, nClasses: number): string {
  return `${metric}: yTrue[${index}] is ${describeValue(label)}, not a class id in 0..${nClasses - 1} (nClasses=${nClasses}).`;
}

export function metricProbaNotNormalized(metric: string, row: number, sum: number): string {
  return `${metric}: the probabilities of sample ${row} sum to ${sum}; target scores need to be probabilities that sum to 1 over the classes.`;
}

export function metricClassAbsent(metric: string, label: number, present: boolean): string {
  const why = present ? `every sample is of class ${label}` : `class ${label} has no sample`;
  return `${metric}: ${why} in yTrue, so its one-vs-rest ROC AUC is not defined; make sure every test fold holds every class (StratifiedKFold).`;
}

// ── scoring a fit (validation/score-fit.ts) ───────────────────────────────────

export function scorerNotANumber(name: string, value: unknown): string {
  return `custom scorer '${name}' returned ${describeValue(value)}; a scorer must return a number`;
}

export function scorerReturnedNaN(name: string): string {
  return `custom scorer '${name}' returned NaN`;
}

/** One metric of one fit that failed while the fit itself trained (scikit-learn's "Scoring failed"). */
export function scoringFailed(score: string, candidate: string, fold: number, reason: string, errorScore: number): string {
  return `Scoring failed: ${score} of candidate {${candidate}} on fold ${fold}: ${reason}. This score is set to ${Number.isNaN(errorScore) ? 'NaN' : errorScore}.`;
}

export function scoringRaised(score: string, candidate: string, fold: number, reason: string): string {
  return `scoring failed: ${score} of candidate {${candidate}} on fold ${fold} (errorScore: 'raise'): ${reason}`;
}
