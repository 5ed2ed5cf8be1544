import { describeValue, listOf } from '../describe.js';

/** Messages of src/results (results.json, the ranked table) and src/report. */

export function resultsFileMissing(path: string): string {
  return `No results.json at ${path}: give the directory of a finished run (it holds results.json, results.csv and index.html).`;
}

export function resultsFileInvalid(path: string, reason: string): string {
  return `${path} is not a gridfold results file: ${reason}.`;
}

export function rankedTableScoringUnknown(value: unknown, available: readonly string[]): string {
  return `formatRankedTable: scoring must be one of ${listOf(available)} (the cvResults have mean_test_<name> columns for these); got ${describeValue(value)}.`;
}

export function cvResultsInvalid(owner: string, reason: string): string {
  return `${owner}: cvResults must be scikit-learn style columns with a params array; ${reason}.`;
}

export function reportNeedsRuns(value: unknown): string {
  return `renderReport: expected a RunResult or a non-empty array of RunResults; got ${describeValue(value)}.`;
}

export function reportMetricMissing(search: string, metric: string): string {
  return `renderReport: run '${search}' has no mean_test_${metric} column, so it cannot be compared on ${metric} with the first run.`;
}

/** resultsFrame() without danfojs-node, an optional peer dependency, installed. */
export function frameLibraryMissing(): string {
  return (
    'resultsFrame() needs danfojs-node, which gridfold does not install: add it with ' +
    '`npm install danfojs-node@1.2.0` and, in your package.json, the overrides it needs to ' +
    'install from the npm registry and to share gridfold\'s TensorFlow.js: ' +
    '"overrides": { "@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@4.22.0", "xlsx": "npm:@e965/xlsx@0.20.3" }. ' +
    'cvResults, writeResults (JSON and CSV) and the report need none of it.'
  );
}
