/**
 * results.json and results.csv beside a run's report. JSON has no NaN, so non-finite
 * numbers are written as `null`; the reader turns them back into NaN everywhere except
 * inside parameter values, where `null` is a value a user may have chosen (and where a
 * `param_<name>` cell is restored from the candidate's params, `undefined` when absent).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, FileSystemError, ensureDirectory, fsFailure, messages, type CvResults, type Params, type RunResult } from '../core/index.js';
import { cvResultsToCsv } from './csv.js';
import { cvResultsProblem } from './columns.js';
import { fitRecordProblem, isCount, isNumber, isObject, isString, type Check } from './record-check.js';

export const RESULTS_JSON = 'results.json';
export const RESULTS_CSV = 'results.csv';

/** The RunResult as JSON text: two-space indented, NaN and ±Infinity as null. */
export function resultsToJson(runResult: RunResult): string {
  return `${JSON.stringify(runResult, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

/** Parses results.json text back into a RunResult with its NaN scores. */
export function parseResults(text: string, source = RESULTS_JSON): RunResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DataError(messages.resultsFileInvalid(source, `it is not JSON (${(error as Error).message})`));
  }
  const run = raw as Partial<RunResult> | null;
  if (run === null || typeof run !== 'object' || Array.isArray(run)) throw invalid(source, 'the top level is not an object');
  if (!run.meta || typeof run.meta !== 'object') throw invalid(source, 'it has no meta object');
  if (!run.cvResults || !Array.isArray(run.cvResults.params)) throw invalid(source, 'it has no cvResults.params array');
  if (!Array.isArray(run.fits)) throw invalid(source, 'it has no fits array');
  // The params are read to restore the param_ columns: check them first.
  const params = run.cvResults.params as unknown[];
  const notParams = params.findIndex((candidate) => !isObject(candidate));
  if (notParams >= 0) throw invalid(source, messages.fieldHolds(`cvResults.params[${notParams}]`, params[notParams], 'an object of parameters'));
  const restored: RunResult = {
    meta: restoreMeta(run.meta),
    cvResults: restoreCvResults(run.cvResults),
    fits: run.fits.map((fit) => nullsToNaN(fit) as RunResult['fits'][number]),
  };
  const problem = metaProblem(restored.meta) ?? cvResultsProblem(restored.cvResults, 'cvResults') ?? fitsProblem(restored);
  if (problem) throw invalid(source, problem);
  return restored;
}

/** Every search kind a run may record (a Record, so that a new kind must be added here). */
const RUN_KINDS: Record<RunResult['meta']['searchKind'], true> = { grid: true, random: true, 'halving-grid': true, 'halving-random': true, 'cross-validate': true };
const SEARCH_KINDS = Object.keys(RUN_KINDS);

/** What the report and `show` read from meta, each with what it must hold ([path, check, expected, optional]). */
const META_FIELDS: ReadonlyArray<[string, Check, string, boolean?]> = [
  ['name', isString, 'a string'],
  ['searchKind', (v) => SEARCH_KINDS.includes(v as never), `one of ${SEARCH_KINDS.join(', ')}`],
  ['estimator', isString, 'a string'],
  ['estimatorParams', isObject, 'an object'],
  ['data', isObject, 'an object'],
  ['data.name', isString, 'a string'],
  ['data.nSamples', isCount, 'an integer >= 0'],
  ['data.nFeatures', isCount, 'an integer >= 0'],
  ['data.nClasses', isCount, 'an integer >= 0', true],
  ['data.task', (v) => v === 'classification' || v === 'regression', 'classification or regression'],
  ['backend', isString, 'a string'],
  ['cv', isString, 'a string'],
  ['nSplits', isCount, 'an integer >= 0'],
  ['scoring', (v) => Array.isArray(v) && v.every(isString), 'an array of score names'],
  ['scorers', (v) => isObject(v) && Object.values(v as object).every(isString), 'an object of scorer names', true],
  ['refit', (v) => isString(v) || v === false, 'a metric name or false'],
  ['nCandidates', isCount, 'an integer >= 0'],
  ['nFits', isCount, 'an integer >= 0'],
  ['nFailedFits', isCount, 'an integer >= 0'],
  ['nJobs', isCount, 'an integer >= 0'],
  ['seed', isNumber, 'a number'],
  ['wallTime', isNumber, 'a number'],
  ['startedAt', isString, 'a string'],
  ['gridfoldVersion', isString, 'a string'],
  ['bestIndex', isCount, 'an integer >= 0', true],
  ['bestParams', isObject, 'an object', true],
  ['bestScore', isNumber, 'a number', true],
];

function metaProblem(meta: RunResult['meta']): string | undefined {
  for (const [path, check, expected, optional] of META_FIELDS) {
    const value = path.split('.').reduce<unknown>((at, key) => (isObject(at) ? (at as Record<string, unknown>)[key] : undefined), meta);
    if (optional && value === undefined) continue;
    if (!check(value)) return messages.fieldHolds(`meta.${path}`, value, expected);
  }
  return undefined;
}

/** Each fit a record, of a candidate and a fold the run has. */
function fitsProblem(run: RunResult): string | undefined {
  const nCandidates = run.cvResults.params.length;
  for (const [i, fit] of run.fits.entries()) {
    const problem = fitRecordProblem(fit, `fits[${i}]`);
    if (problem) return problem;
    if (fit.candidateIndex >= nCandidates) return messages.fitOutOfRange(`fits[${i}]`, 'candidateIndex', fit.candidateIndex, nCandidates, 'candidates');
    if (fit.foldIndex >= run.meta.nSplits) return messages.fitOutOfRange(`fits[${i}]`, 'foldIndex', fit.foldIndex, run.meta.nSplits, 'folds');
  }
  return undefined;
}

/** Writes results.json and results.csv into `dir` (created if needed); returns both paths. */
export async function writeResults(dir: string, runResult: RunResult): Promise<{ json: string; csv: string }> {
  await ensureDirectory(dir);
  const json = join(dir, RESULTS_JSON);
  const csv = join(dir, RESULTS_CSV);
  await writeFile(json, resultsToJson(runResult));
  await writeFile(csv, cvResultsToCsv(runResult.cvResults));
  return { json, csv };
}

/** Reads `dir/results.json` (or the file itself when `path` ends in .json). */
export async function readResults(path: string): Promise<RunResult> {
  const file = path.endsWith('.json') ? path : join(path, RESULTS_JSON);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DataError(messages.resultsFileMissing(file));
    const failure = await fsFailure(error, file);
    throw new FileSystemError(messages.fileFailed(file, failure.reason), failure);
  }
  return parseResults(text, file);
}

function invalid(source: string, reason: string): DataError {
  return new DataError(messages.resultsFileInvalid(source, reason));
}

function restoreMeta(meta: RunResult['meta']): RunResult['meta'] {
  const { estimatorParams, bestParams, ...rest } = meta;
  const restored = nullsToNaN(rest) as Omit<RunResult['meta'], 'estimatorParams' | 'bestParams'>;
  return { ...restored, estimatorParams, ...(bestParams !== undefined ? { bestParams } : {}) } as RunResult['meta'];
}

function restoreCvResults(cvResults: CvResults): CvResults {
  const restored: Record<string, unknown[]> = {};
  const params: Params[] = cvResults.params;
  for (const [key, column] of Object.entries(cvResults)) {
    if (key === 'params') restored[key] = column;
    else if (key.startsWith('param_')) {
      const name = key.slice('param_'.length);
      restored[key] = params.map((candidate) => (name in candidate ? candidate[name] : undefined));
    } else restored[key] = column.map((cell) => (cell === null ? Number.NaN : cell));
  }
  return restored as CvResults;
}

/** Deep copy turning every null into NaN (outside parameter values, null only ever came from NaN). */
function nullsToNaN(value: unknown): unknown {
  if (value === null) return Number.NaN;
  if (Array.isArray(value)) return value.map(nullsToNaN);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, nullsToNaN(v)]));
  }
  return value;
}
