/**
 * The failures summary of a search, said once as scikit-learn's
 * `_warn_or_raise_about_fit_failures`: the fits that failed, counted by error; the metrics
 * that failed while their fit trained (scikit-learn's "Scoring failed"), counted the same
 * way; and, where there are several metrics or a metric failed on its own, how many test
 * scores of each metric are errorScore.
 */
import { FitFailedError, messages, type FitRecord } from '../core/index.js';

/** The summary to warn with, or undefined when nothing failed; throws when every fit failed. */
export function reportFailures(records: readonly FitRecord[]): string | undefined {
  const failed = records.filter((r) => r.error);
  const scoring = records.flatMap((r) => Object.entries(r.scoreErrors ?? {}).map(([score, error]) => ({ score, error })));
  if (failed.length === 0 && scoring.length === 0) return undefined;
  const fitSummary = countLines(failed.map((r) => `${r.error!.name}: ${r.error!.message}`), (n, line) => messages.fitsFailedWith(n, line));
  if (failed.length === records.length) throw new FitFailedError(messages.allFitsFailed(records.length, fitSummary));
  const parts: string[] = [];
  if (failed.length > 0) parts.push(messages.someFitsFailed(failed.length, records.length, fitSummary));
  if (scoring.length > 0) {
    parts.push(messages.someScoresFailed(scoring.length, countLines(scoring.map(({ score, error }) => `${score}: ${error.name}: ${error.message}`), (n, line) => messages.scoresFailedWith(n, line))));
  }
  const metrics = [...new Set(records.flatMap((r) => Object.keys(r.testScores)))];
  if (metrics.length > 1 || scoring.some(({ score }) => score.startsWith('test_'))) {
    const rows = metrics.map((metric) => ({
      metric,
      failedFits: failed.length,
      failedScores: scoring.filter(({ score }) => score === `test_${metric}`).length,
    })).filter((row) => row.failedFits + row.failedScores > 0);
    parts.push(messages.failuresPerMetric(rows, records.length));
  }
  return parts.join('\n\n');
}

/** Identical lines counted, in order of first appearance, each rendered by `render(count, line)`. */
function countLines(lines: readonly string[], render: (n: number, line: string) => string): string {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, n]) => render(n, line)).join('\n\n');
}
