/**
 * Reading scikit-learn style cv_results columns: which scorers they hold, which
 * parameters vary, and a check that the columns line up.
 */
import { InvalidParameterError, messages, type CvResults, type Params } from '../core/index.js';
import { formatParamText } from './format.js';

/** Scorer names in column order, from `mean_test_<name>` (`['accuracy', 'f1_macro']`). */
export function scoreNamesOf(cvResults: CvResults): string[] {
  return Object.keys(cvResults)
    .filter((key) => key.startsWith('mean_test_'))
    .map((key) => key.slice('mean_test_'.length));
}

/** Parameter names in sorted order, as the `param_<name>` columns are. */
export function paramNamesOf(candidates: readonly Params[]): string[] {
  return [...new Set(candidates.flatMap((params) => Object.keys(params)))].sort();
}

/** Names of parameters whose shown value differs between at least two candidates. */
export function varyingParamNames(candidates: readonly Params[]): string[] {
  return paramNamesOf(candidates).filter((name) => {
    const shown = new Set(candidates.map((params) => (name in params ? formatParamText(params[name]) : '\u0000missing')));
    return shown.size > 1;
  });
}

/** A numeric column (NaN where a cell is not a number). */
export function numberColumn(cvResults: CvResults, key: string): number[] {
  const column = cvResults[key] ?? [];
  return cvResults.params.map((_, i) => (typeof column[i] === 'number' ? (column[i] as number) : Number.NaN));
}

/** Refuses anything that is not a dict of equal-length columns with `params`. */
export function checkCvResults(owner: string, cvResults: unknown): CvResults {
  if (cvResults === null || typeof cvResults !== 'object' || Array.isArray(cvResults)) {
    throw new InvalidParameterError(messages.cvResultsInvalid(owner, 'got a value that is not an object'));
  }
  const columns = cvResults as Record<string, unknown>;
  if (!Array.isArray(columns.params)) {
    throw new InvalidParameterError(messages.cvResultsInvalid(owner, 'the params column is missing'));
  }
  const length = columns.params.length;
  for (const [key, column] of Object.entries(columns)) {
    if (!Array.isArray(column) || column.length !== length) {
      throw new InvalidParameterError(
        messages.cvResultsInvalid(owner, `column ${key} has ${Array.isArray(column) ? column.length : 'no'} entries where params has ${length}`),
      );
    }
  }
  return cvResults as CvResults;
}
