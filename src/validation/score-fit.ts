/**
 * Scoring one fitted fold, as scikit-learn's `_score`: each metric on its own, so a metric
 * that fails (throws, or a custom scorer that returns something that is not a number)
 * sets only its own score to errorScore and the fit's other metrics keep their values; a
 * train score that fails leaves the test scores alone. What failed is kept in the record
 * (`scoreErrors`, keyed `test_<metric>` / `train_<metric>`), where the engine warns about
 * it — or stops, with errorScore 'raise' — and the failures summary counts it per metric.
 */
import { argmaxRows, messages, type Features, type FitRecord, type SerializedError, type Targets } from '../core/index.js';
import { takeRows, takeTargets, type NeuralNet, NeuralNetClassifier, NeuralNetRegressor } from '../estimators/index.js';
import { resolveScoring, scoreAll, type Scorer } from '../scoring/index.js';
import { decodeLabels } from '../data/index.js';
import type { FitTask, SearchData } from './task.js';

/** Fills the record's test scores (and train scores), with each failed metric's error in scoreErrors. */
export async function scoreInto(record: FitRecord, estimator: NeuralNet, scorers: Record<string, Scorer>, task: FitTask, data: SearchData): Promise<void> {
  record.nParameters = estimator.model.countParams();
  const started = performance.now();
  const test = await scoreOn(estimator, scorers, data, task.test, task);
  record.testScores = test.scores;
  record.scoreTime = (performance.now() - started) / 1000;
  const errors: Record<string, SerializedError> = {};
  for (const [metric, error] of Object.entries(test.errors)) errors[`test_${metric}`] = error;
  if (task.returnTrainScore) {
    const train = await scoreOn(estimator, scorers, data, task.train, task);
    record.trainScores = train.scores;
    for (const [metric, error] of Object.entries(train.errors)) errors[`train_${metric}`] = error;
  }
  if (Object.keys(errors).length > 0) record.scoreErrors = errors;
}

/** The score a failed fit or a failed metric gets: errorScore, or NaN when the search is to stop ('raise'). */
export function failedScore(task: Pick<FitTask, 'errorScore'>): number {
  return task.errorScore === 'raise' ? Number.NaN : task.errorScore;
}

export function scorersFromNames(names: Record<string, string>, data: SearchData): Record<string, Scorer> {
  const task = data.y instanceof Int32Array ? 'classification' : 'regression';
  const resolved: Record<string, Scorer> = {};
  for (const [output, name] of Object.entries(names)) resolved[output] = resolveScoring(name, { task }).score;
  return resolved;
}

/** The rows a fit is scored on, as predict takes them. */
export function subset(data: SearchData, rows: Int32Array) {
  const rowLength = data.X.sampleShape.reduce((a, b) => a * b, 1);
  return { data: takeRows(data.X.data, rowLength, rows), shape: [rows.length, ...data.X.sampleShape] };
}

interface Scored {
  scores: Record<string, number>;
  errors: Record<string, SerializedError>;
}

/** Predicts once (probabilities for a classifier) for the built-in scorers; custom scorers call the estimator themselves. */
async function scoreOn(estimator: NeuralNet, scorers: Record<string, Scorer>, data: SearchData, rows: Int32Array, task: FitTask): Promise<Scored> {
  const yTrue: Targets = takeTargets(data.y, rows);
  // The rows as a public FeaturesInput, copied only for what needs one (custom scorers).
  let X: ReturnType<typeof subset> | undefined;
  const scored: Scored = { scores: {}, errors: {} };
  const fail = (metric: string, error: unknown, score = failedScore(task)) => {
    scored.scores[metric] = score;
    scored.errors[metric] = serializeError(error);
  };
  const builtIn = Object.entries(scorers).filter(([, s]) => s.needs !== 'estimator');
  if (builtIn.length > 0) {
    const nClasses = task.nClasses ?? (estimator instanceof NeuralNetClassifier ? estimator.nClasses : 0);
    let outputs: { labels?: Int32Array; proba?: Float32Array; values?: Float32Array } | undefined;
    try {
      // The search checked its data once: the test rows go to the model without a copy or a second check.
      if (estimator instanceof NeuralNetClassifier) {
        const proba = await estimator.predictProbaRows(data.X, rows);
        outputs = { proba, labels: argmaxRows(proba, estimator.nClasses) };
      } else if (estimator instanceof NeuralNetRegressor) {
        outputs = { values: await estimator.predictRows(data.X, rows) };
      } else {
        outputs = { values: await (estimator as unknown as { predict(x: unknown): Promise<Float32Array> }).predict((X ??= subset(data, rows))) };
      }
    } catch (error) {
      // Every metric would have predicted: each fails with the prediction's error.
      for (const [metric] of builtIn) fail(metric, error);
    }
    if (outputs) {
      for (const [metric, scorer] of builtIn) {
        try {
          scored.scores[metric] = scoreAll({ [metric]: scorer }, yTrue, outputs, nClasses)[metric];
        } catch (error) {
          fail(metric, error);
        }
      }
    }
  }
  for (const [metric, scorer] of Object.entries(scorers)) {
    if (scorer.needs !== 'estimator') continue;
    X ??= subset(data, rows);
    let value: unknown;
    try {
      // A custom scorer compares the estimator's predictions with y in the labels' own space.
      value = await scorer.fn(estimator, X, data.classes ? decodeLabels(yTrue as Int32Array, data.classes) : yTrue);
    } catch (error) {
      fail(metric, error);
      continue;
    }
    if (typeof value !== 'number') fail(metric, scoringError(messages.scorerNotANumber(scorer.name, value)));
    else if (Number.isNaN(value)) fail(metric, scoringError(messages.scorerReturnedNaN(scorer.name)), Number.NaN);
    else scored.scores[metric] = value;
  }
  return scored;
}

function scoringError(message: string): SerializedError {
  return { name: 'ScoringError', message };
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  if (isSerializedError(error)) return error;
  return { name: 'Error', message: String(error) };
}

function isSerializedError(value: unknown): value is SerializedError {
  return typeof value === 'object' && value !== null && typeof (value as SerializedError).name === 'string' && typeof (value as SerializedError).message === 'string';
}
