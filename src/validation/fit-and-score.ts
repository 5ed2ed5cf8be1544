/**
 * One (candidate, fold): fit on the training rows, score on the test rows. Like
 * scikit-learn's `_fit_and_score`, it never throws: a failure comes back as data — the
 * error and `errorScore` in every score — and the engine decides what to do with it.
 * Scoring (each metric on its own) is score-fit.ts.
 */
import { threadId } from 'node:worker_threads';
import { withFitDeadline, type FitRecord } from '../core/index.js';
import {
  estimatorFromSpec, fitFoldBatched, importCallbackSources, takeTargets,
  type FitData, type NeuralNet, type SerializedCallback,
} from '../estimators/index.js';
import type { Scorer } from '../scoring/index.js';
import { failedScore, scoreInto, scorersFromNames, serializeError } from './score-fit.js';
import type { FitTask, SearchData } from './task.js';

export async function fitAndScore(task: FitTask, data: SearchData, customScorers?: Record<string, Scorer>): Promise<FitRecord> {
  const { record, estimator } = await fitAndScoreKeeping(task, data, customScorers);
  estimator?.dispose();
  return record;
}

/** fitAndScore that hands back the estimator (crossValidate's returnEstimator): fitted, or freed and unfitted when its fit failed. */
export async function fitAndScoreKeeping(task: FitTask, data: SearchData, customScorers?: Record<string, Scorer>): Promise<{ record: FitRecord; estimator?: NeuralNet }> {
  const record = emptyRecord(task);
  let estimator: NeuralNet | undefined;
  try {
    const scorers = customScorers ?? scorersFromNames(task.scoring, data);
    estimator = await rebuild(task);
    const started = performance.now();
    try {
      const fitting = estimator;
      // fitTimeout: a fit past it stops at an epoch's end (on a worker, a spin is stopped by terminating it).
      await withFitDeadline(task.fitTimeout, 1, () => fitting.fitChecked(rowsOf(data, task.train), labelOptions(task, data)));
    } finally {
      record.fitTime = (performance.now() - started) / 1000;
      record.history = estimator.history;
    }
    await scoreInto(record, estimator, scorers, task, data);
  } catch (error) {
    estimator?.dispose();
    return { record: failedInto(record, task, error, customScorers), estimator };
  }
  return { record, estimator };
}

/**
 * The folds of one or more candidates (a stack: src/validation/stack-groups.ts), trained as one stacked model when they can be
 * (src/estimators/fold-batch.ts) and one by one otherwise; either way, one record per
 * task, in task order. A stacked fit's time is shared: each record gets its 1/k part.
 */
export async function fitAndScoreGroup(tasks: readonly FitTask[], data: SearchData, customScorers?: Record<string, Scorer>): Promise<FitRecord[]> {
  // Each record says why it did not train stacked, so the reason survives the thread boundary and the journal.
  const separately = async (why: string) => {
    const records: FitRecord[] = [];
    for (const task of tasks) records.push({ ...(await fitAndScore(task, data, customScorers)), notBatched: why });
    return records;
  };
  if (tasks.length < 2) return separately('there is only one fit');
  let estimators: NeuralNet[];
  try {
    estimators = await Promise.all(tasks.map(rebuild));
  } catch (error) {
    return separately(`an estimator could not be rebuilt: ${(error as Error).message}`);
  }
  const started = performance.now();
  let result;
  try {
    // A stack's budget is fitTimeout for each of its fits; past it every fit still training fails.
    result = await withFitDeadline(tasks[0].fitTimeout, tasks.length, () => fitFoldBatched(tasks.map((task, f) => ({
      estimator: estimators[f], data: rowsOf(data, task.train), options: labelOptions(task, data),
    }))));
  } catch (error) {
    // Stacked training itself failed: each fold gets its own chance, and its own record.
    estimators.forEach((estimator) => estimator.dispose());
    return separately(`stacked training failed: ${(error as Error).message}`);
  }
  if ('notBatched' in result) return separately(result.notBatched);
  const fitTime = (performance.now() - started) / 1000 / tasks.length;
  const records: FitRecord[] = [];
  for (const [f, task] of tasks.entries()) {
    const record = emptyRecord(task);
    record.fitTime = fitTime;
    record.history = estimators[f].history;
    try {
      if (result.outcomes[f]) throw result.outcomes[f];
      await scoreInto(record, estimators[f], customScorers ?? scorersFromNames(task.scoring, data), task, data);
      records.push(record);
    } catch (error) {
      records.push(failedInto(record, task, error, customScorers));
    } finally {
      estimators[f].dispose();
    }
  }
  return records;
}

/** The task's estimator, unfitted; on a worker thread the files of a user's callbacks are imported first. */
async function rebuild(task: FitTask): Promise<NeuralNet> {
  await importCallbackSources(task.estimator.params.callbacks as SerializedCallback[]);
  return estimatorFromSpec(task.estimator);
}

function emptyRecord(task: FitTask): FitRecord {
  return {
    candidateIndex: task.candidateIndex,
    foldIndex: task.foldIndex,
    testScores: {},
    fitTime: 0,
    scoreTime: 0,
    nTrain: task.train.length,
    nTest: task.test.length,
    history: [],
    threadId,
  };
}

/** The fit's error, and `errorScore` in every score. */
function failedInto(record: FitRecord, task: FitTask, error: unknown, customScorers?: Record<string, Scorer>): FitRecord {
  record.error = serializeError(error);
  const failed = failedScore(task);
  record.testScores = Object.fromEntries(Object.keys(customScorers ?? task.scoring).map((name) => [name, failed]));
  if (task.returnTrainScore) record.trainScores = { ...record.testScores };
  return record;
}

/**
 * The rows of data a fit trains on, still checked (rows of checked data need no second
 * check); the features stay in the search's X, the fit takes its rows from there.
 */
function rowsOf(data: SearchData, rows: Int32Array): FitData {
  return { X: data.X, rows, y: takeTargets(data.y, rows) };
}

/**
 * How a fold's y (ids into the search's classes) is given to fit: with the labels where this
 * thread has them, so the fold's estimator predicts labels as the user gave them (a custom
 * scorer, returnEstimator); as plain ids where it has only the count (a worker).
 */
function labelOptions(task: FitTask, data: SearchData): { classes: SearchData['classes'] } | { nClasses: number | undefined } {
  return data.classes ? { classes: data.classes } : { nClasses: task.nClasses };
}

export { serializeError };
