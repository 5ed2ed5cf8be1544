/**
 * The run-time check of a search definition: every field by its path, so a search file's
 * mistake reads `estimator.params.optimizer: NeuralNetClassifier: optimizer must be one of …`.
 * Parameter values are checked by the estimator itself (its own messages), prefixed with
 * the field they came from.
 */
import { InvalidParameterError, SearchDefinitionError, messages } from '../core/index.js';
import { DATASET_NAMES } from '../data/index.js';
import { NeuralNetClassifier, NeuralNetRegressor, isEstimator, type NeuralNet } from '../estimators/index.js';
import { isDistribution, listedValues } from '../params/index.js';
import { isMultiMetric, resolveScoring } from '../scoring/index.js';
import { resolveCv } from '../splitters/index.js';
import { checkFitSettings, checkFoldBatching, resolveNJobs } from '../validation/index.js';
import { HalvingGridSearchCV, HalvingRandomSearchCV } from '../search/index.js';
import { createEstimator, createSearch } from './create-search.js';
import type { SearchDefinition, SearchKind } from './search-definition.js';

export const SEARCH_FIELDS = [
  'name', 'description', 'data', 'estimator', 'search', 'paramGrid', 'paramDistributions', 'nIter', 'halving',
  'cv', 'scoring', 'refit', 'nJobs', 'foldBatching', 'fitTimeout', 'seed', 'errorScore', 'returnTrainScore',
] as const;
export const SEARCH_KINDS: readonly SearchKind[] = ['grid', 'random', 'halving-grid', 'halving-random'];
const HALVING_FIELDS = ['resource', 'factor', 'minResources', 'maxResources', 'aggressiveElimination'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const expected = (path: string, accepted: string, value: unknown) => new SearchDefinitionError(messages.searchFieldExpected(path, accepted, value));
const refused = (path: string, error: unknown) => new SearchDefinitionError(messages.searchFieldRefused(path, (error as Error).message));

/** Throws a SearchDefinitionError naming the first wrong field; returns the definition. */
export function checkSearchDefinition(value: unknown): SearchDefinition {
  if (!isPlainObject(value)) throw new SearchDefinitionError(messages.searchNotAnObject(value));
  for (const key of Object.keys(value)) {
    if (!(SEARCH_FIELDS as readonly string[]).includes(key)) throw new SearchDefinitionError(messages.searchFieldUnknown(key, SEARCH_FIELDS));
  }
  const definition = value as unknown as SearchDefinition;
  if (typeof definition.name !== 'string' || !NAME.test(definition.name)) {
    throw expected('name', "a name of letters, digits, '.', '_' or '-' (it names the report directory)", definition.name);
  }
  if (definition.description !== undefined && typeof definition.description !== 'string') throw expected('description', 'a string', definition.description);
  checkData(definition.data);
  const kind = definition.search ?? 'grid';
  if (!SEARCH_KINDS.includes(kind)) throw expected('search', `one of ${SEARCH_KINDS.join(', ')}`, kind);
  const estimator = checkEstimator(definition.estimator);
  const usesGrid = kind === 'grid' || kind === 'halving-grid';
  const spaceField = usesGrid ? 'paramGrid' : 'paramDistributions';
  refuseField(definition, usesGrid ? 'paramDistributions' : 'paramGrid', kind, usesGrid ? ['random', 'halving-random'] : ['grid', 'halving-grid']);
  if (kind !== 'random') refuseField(definition, 'nIter', kind, ['random']);
  if (!kind.startsWith('halving')) refuseField(definition, 'halving', kind, ['halving-grid', 'halving-random']);
  const space = (definition as unknown as Record<string, unknown>)[spaceField];
  if (space === undefined) throw new SearchDefinitionError(messages.searchFieldMissing(spaceField, kind));
  checkSpace(spaceField, space, estimator, !usesGrid);
  checkCommon(definition, estimator);
  if (kind.startsWith('halving')) checkHalving(definition.halving, kind, estimator);
  try {
    createSearch(definition, createEstimator(definition));
  } catch (error) {
    throw refused(spaceField, error);
  }
  return definition;
}

function checkData(data: unknown): void {
  if (typeof data === 'function') return;
  if (!isPlainObject(data)) throw expected('data', `a dataset spec such as { dataset: 'mnist' } (dataset one of ${DATASET_NAMES.join(', ')}) or a loader function`, data);
  if (!(DATASET_NAMES as readonly unknown[]).includes(data.dataset)) throw expected('data.dataset', `one of ${DATASET_NAMES.join(', ')}`, data.dataset);
}

function checkEstimator(field: unknown): NeuralNet {
  if (isEstimator(field)) return field;
  if (!isPlainObject(field)) throw expected('estimator', "{ kind: 'classifier' | 'regressor', params: { ... } } or a NeuralNetClassifier / NeuralNetRegressor", field);
  for (const key of Object.keys(field)) {
    if (key !== 'kind' && key !== 'params') throw new SearchDefinitionError(messages.searchFieldUnknown(`estimator.${key}`, ['kind', 'params']));
  }
  if (field.kind !== 'classifier' && field.kind !== 'regressor') throw expected('estimator.kind', "one of classifier, regressor", field.kind);
  const params = field.params ?? {};
  if (!isPlainObject(params)) throw expected('estimator.params', 'an object of estimator parameters', params);
  const Estimator = field.kind === 'classifier' ? NeuralNetClassifier : NeuralNetRegressor;
  // The module comes first: it decides which module.* names exist. Then one name at a
  // time, each checked by the estimator's own rule, so a refusal names its path.
  const moduleOnly: Record<string, unknown> = 'module' in params ? { module: params.module } : {};
  let estimator: NeuralNet;
  try {
    estimator = new Estimator(moduleOnly);
  } catch (error) {
    throw refused('estimator.params.module', error);
  }
  for (const [name, value] of Object.entries(params)) {
    if (name === 'module') continue;
    try {
      estimator.setParams({ [name]: value });
    } catch (error) {
      throw refused(`estimator.params.${name}`, error);
    }
  }
  return estimator;
}

/** Each name and each value of a grid (or distributions), checked by the estimator. */
function checkSpace(field: string, space: unknown, estimator: NeuralNet, distributions: boolean): void {
  const entries = Array.isArray(space) ? space : [space];
  if (Array.isArray(space) && space.length === 0) throw expected(field, 'a non-empty array of objects, or one object', space);
  entries.forEach((entry, index) => {
    const at = Array.isArray(space) ? `${field}[${index}]` : field;
    if (!isPlainObject(entry)) throw expected(at, distributions ? 'an object of distributions or value lists' : 'an object of value lists', entry);
    // The sub-grid's module decides which module.* names its other keys may use; it is checked first.
    const alongside = listedValues(entry);
    const names = Object.keys(entry).sort((a, b) => Number(b === 'module') - Number(a === 'module'));
    for (const [name, values] of names.map((key) => [key, entry[key]] as const)) {
      const path = `${at}.${name}`;
      const isList = Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
      if (distributions && isDistribution(values)) {
        const json = values.toJSON();
        const bounds = json.distribution === 'choice' ? json.options : [json.lo, json.distribution === 'randint' ? json.hi - 1 : json.hi];
        bounds.forEach((bound) => checkValue(estimator, name, bound, path, path, alongside));
        continue;
      }
      if (!isList) throw expected(path, distributions ? 'a distribution (uniform, loguniform, randint, choice) or a list of values' : 'a list of values (wrap a single value: [x])', values);
      const list = Array.from(values as ArrayLike<unknown>);
      if (list.length === 0) throw expected(path, 'a non-empty list of values', values);
      list.forEach((item, i) => checkValue(estimator, name, item, path, `${path}[${i}]`, alongside));
    }
  });
}

function checkValue(estimator: NeuralNet, name: string, value: unknown, namePath: string, valuePath: string, alongside: Record<string, unknown[]>): void {
  try {
    estimator.checkParam(name, value, alongside);
  } catch (error) {
    // An unknown name is the key's fault, not one value's.
    const unknownName = (error as Error).message.startsWith(`Invalid parameter '${name}'`);
    throw refused(unknownName ? namePath : valuePath, error);
  }
}

function checkCommon(definition: SearchDefinition, estimator: NeuralNet): void {
  let nScorers = 1;
  const attempt = (path: string, check: () => void) => {
    try {
      check();
    } catch (error) {
      throw refused(path, error);
    }
  };
  if (definition.cv !== undefined) attempt('cv', () => resolveCv(definition.cv, { classifier: estimator.task === 'classification' }));
  if (definition.scoring !== undefined) {
    attempt('scoring', () => {
      const scorers = resolveScoring(definition.scoring, { task: estimator.task });
      nScorers = isMultiMetric(scorers) ? Object.keys(scorers).length : 1;
      // One metric may be named by its column ('score') or its scorer ('accuracy'), as in scikit-learn.
      const oneMetric = nScorers === 1 ? Object.values(scorers)[0].name : undefined;
      if (typeof definition.refit === 'string' && !(definition.refit in scorers) && definition.refit !== oneMetric) {
        throw new InvalidParameterError(oneMetric ? messages.refitInvalidOneMetric(definition.refit, Object.keys(scorers)[0], oneMetric) : messages.refitInvalid(definition.refit, Object.keys(scorers)));
      }
    });
  }
  if (definition.refit !== undefined && typeof definition.refit !== 'boolean' && typeof definition.refit !== 'string') {
    throw expected('refit', nScorers > 1 ? 'true, false or the name of a metric' : 'true or false', definition.refit);
  }
  if (definition.nJobs !== undefined) attempt('nJobs', () => resolveNJobs(definition.nJobs));
  if (definition.foldBatching !== undefined) attempt('foldBatching', () => checkFoldBatching('defineSearch', definition.foldBatching));
  if (definition.fitTimeout !== undefined) attempt('fitTimeout', () => checkFitSettings('defineSearch', { fitTimeout: definition.fitTimeout }));
  if (definition.seed !== undefined && !accepts(estimator, 'seed', definition.seed)) throw expected('seed', 'an integer in [0, 4294967295]', definition.seed);
  const nIter = (definition as { nIter?: unknown }).nIter;
  if (nIter !== undefined && !(typeof nIter === 'number' && Number.isInteger(nIter) && nIter >= 1)) throw expected('nIter', 'an integer >= 1', nIter);
  if (definition.errorScore !== undefined && definition.errorScore !== 'raise' && typeof definition.errorScore !== 'number') {
    throw expected('errorScore', "a number or 'raise'", definition.errorScore);
  }
  if (definition.returnTrainScore !== undefined && typeof definition.returnTrainScore !== 'boolean') {
    throw expected('returnTrainScore', 'true or false', definition.returnTrainScore);
  }
}

/** Each halving setting alone (so the path names it), then the settings together. */
function checkHalving(settings: unknown, kind: SearchKind, estimator: NeuralNet): void {
  if (settings === undefined) return;
  if (!isPlainObject(settings)) throw expected('halving', 'an object of halving settings', settings);
  const valid = kind === 'halving-random' ? [...HALVING_FIELDS, 'nCandidates'] : HALVING_FIELDS;
  const build = (options: Record<string, unknown>) =>
    kind === 'halving-random' ? new HalvingRandomSearchCV(estimator, {}, { nCandidates: 1, ...options }) : new HalvingGridSearchCV(estimator, {}, options);
  for (const [key, value] of Object.entries(settings)) {
    if (!valid.includes(key)) throw new SearchDefinitionError(messages.searchFieldUnknown(`halving.${key}`, valid));
    try {
      build({ [key]: value });
    } catch (error) {
      throw refused(`halving.${key}`, error);
    }
  }
  try {
    build(settings);
  } catch (error) {
    throw refused('halving', error);
  }
}

/** The search's seed seeds the estimator: the estimator's rule decides which are seeds. */
function accepts(estimator: NeuralNet, name: string, value: unknown): boolean {
  try {
    estimator.checkParam(name, value);
    return true;
  } catch {
    return false;
  }
}

function refuseField(definition: SearchDefinition, field: string, kind: SearchKind, usedBy: readonly SearchKind[]): void {
  if ((definition as unknown as Record<string, unknown>)[field] !== undefined) {
    throw new SearchDefinitionError(messages.searchFieldWrongSearch(field, kind, usedBy));
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
