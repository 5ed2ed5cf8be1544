/**
 * The content check of a fit record read back (a journal line, a fit of results.json). JSON that parses is not yet a result: a score that
 * is a string would end up in a split column and shift the ranks. Each check returns the
 * first problem as a sentence naming the field (`testScores.score is "high", not a number`),
 * or undefined.
 */
import { messages } from '../core/index.js';

export type Check = (value: unknown) => boolean;

export const isNumber: Check = (v) => typeof v === 'number';
export const isCount: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
export const isString: Check = (v) => typeof v === 'string';
export const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first problem of a fit record, or undefined. `path` prefixes the fields named (e.g. `fits[3]`). */
export function fitRecordProblem(value: unknown, path = 'record'): string | undefined {
  if (!isObject(value)) return messages.fieldHolds(path, value, 'an object');
  const record = value as Record<string, unknown>;
  const field = (name: string, check: Check, expected: string, optional = false): string | undefined => {
    const v = record[name];
    if (optional && v === undefined) return undefined;
    return check(v) ? undefined : messages.fieldHolds(`${path}.${name}`, v, expected);
  };
  return (
    field('candidateIndex', isCount, 'an integer >= 0') ??
    field('foldIndex', isCount, 'an integer >= 0') ??
    scoresProblem(record.testScores, `${path}.testScores`) ??
    (record.trainScores === undefined ? undefined : scoresProblem(record.trainScores, `${path}.trainScores`)) ??
    field('fitTime', isNumber, 'a number') ??
    field('scoreTime', isNumber, 'a number') ??
    field('nTrain', isCount, 'an integer >= 0') ??
    field('nTest', isCount, 'an integer >= 0') ??
    field('nParameters', isCount, 'an integer >= 0', true) ??
    historyProblem(record.history, `${path}.history`) ??
    (record.error === undefined ? undefined : errorProblem(record.error, `${path}.error`)) ??
    scoreErrorsProblem(record.scoreErrors, `${path}.scoreErrors`) ??
    field('threadId', isCount, 'an integer >= 0', true) ??
    field('notBatched', isString, 'a string', true) ??
    field('worker', isString, 'a string', true)
  );
}

function scoresProblem(scores: unknown, path: string): string | undefined {
  if (!isObject(scores)) return messages.fieldHolds(path, scores, 'an object of scores');
  for (const [name, score] of Object.entries(scores as Record<string, unknown>)) {
    if (!isNumber(score)) return messages.fieldHolds(`${path}.${name}`, score, 'a number');
  }
  return undefined;
}

function historyProblem(history: unknown, path: string): string | undefined {
  if (!Array.isArray(history)) return messages.fieldHolds(path, history, 'an array of epoch rows');
  for (const [i, row] of history.entries()) {
    if (!isObject(row)) return messages.fieldHolds(`${path}[${i}]`, row, 'an object');
    const { epoch, train_loss: trainLoss } = row as Record<string, unknown>;
    if (!isCount(epoch)) return messages.fieldHolds(`${path}[${i}].epoch`, epoch, 'an integer >= 0');
    if (!isNumber(trainLoss)) return messages.fieldHolds(`${path}[${i}].train_loss`, trainLoss, 'a number');
  }
  return undefined;
}

function scoreErrorsProblem(errors: unknown, path: string): string | undefined {
  if (errors === undefined) return undefined;
  if (!isObject(errors)) return messages.fieldHolds(path, errors, 'an object of errors by score');
  for (const [score, error] of Object.entries(errors as Record<string, unknown>)) {
    const problem = errorProblem(error, `${path}.${score}`);
    if (problem) return problem;
  }
  return undefined;
}

function errorProblem(error: unknown, path: string): string | undefined {
  if (!isObject(error)) return messages.fieldHolds(path, error, 'an object { name, message }');
  const { name, message } = error as Record<string, unknown>;
  if (!isString(name)) return messages.fieldHolds(`${path}.name`, name, 'a string');
  if (!isString(message)) return messages.fieldHolds(`${path}.message`, message, 'a string');
  return undefined;
}
