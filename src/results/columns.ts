/**
 * Reading scikit-learn style cv_results columns: which scorers they hold, which
 * parameters vary, and a check that the columns line up.
 */
import { InvalidParameterError, messages, type CvResults, type Params } from '../core/index.js';
import { formatParamText } from './format.js';
import { isCount, isNumber, type Check } from './record-check.js';

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

/** Refuses anything that is not a dict of equal-length columns with `params`, each holding what its name says. */
export function checkCvResults(owner: string, cvResults: unknown): CvResults {
  if (cvResults === null || typeof cvResults !== 'object' || Array.isArray(cvResults)) {
    throw new InvalidParameterError(messages.cvResultsInvalid(owner, 'got a value that is not an object'));
  }
  const columns = cvResults as Record<string, unknown>;
  if (!Array.isArray(columns.params)) {
    throw new InvalidParameterError(messages.cvResultsInvalid(owner, 'the params column is missing'));
  }
  const problem = cvResultsProblem(columns);
  if (problem) throw new InvalidParameterError(messages.cvResultsInvalid(owner, problem));
  return cvResults as CvResults;
}

/**
 * What each cv_results column must hold, by its name (scikit-learn's naming): scores and
 * times are numbers (NaN for a failed fit), ranks integers >= 1, params objects. Columns
 * of other names (a parameter's value, a column a newer gridfold adds) may hold anything.
 */
const COLUMN_TYPES: ReadonlyArray<[RegExp, Check, string]> = [
  [/^params$/, (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object of parameters'],
  [/^rank_/, (v) => Number.isSafeInteger(v) && (v as number) >= 1, 'an integer >= 1'],
  [/^(split\d+|mean|std)_(test|train)_|^(mean|std)_(fit|score)_time$/, isNumber, 'a number'],
  // A model's size: NaN when every fold of the candidate failed before it was fitted.
  [/^n_parameters$/, (v) => isCount(v) || Number.isNaN(v), 'an integer >= 0'],
  [/^(iter|n_resources)$/, isCount, 'an integer >= 0'],
];

/** The first problem of cv_results columns (NaN where JSON had null), or undefined. */
export function cvResultsProblem(columns: Record<string, unknown>, path = ''): string | undefined {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (!Array.isArray(columns.params)) return messages.fieldHolds(at('params'), columns.params, 'an array of parameter objects');
  const length = columns.params.length;
  for (const [key, column] of Object.entries(columns)) {
    if (!Array.isArray(column) || column.length !== length) return messages.columnLength(at(key), Array.isArray(column) ? column.length : undefined, length);
    if (key.startsWith('param_')) continue;
    const type = COLUMN_TYPES.find(([pattern]) => pattern.test(key));
    if (!type) continue;
    const bad = column.findIndex((cell) => !type[1](cell));
    if (bad >= 0) return messages.fieldHolds(`${at(key)}[${bad}]`, column[bad], type[2]);
  }
  return undefined;
}
