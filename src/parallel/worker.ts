/**
 * The piscina task file: one exported function taking one plain object. A worker thread
 * loads it once, initialises its TensorFlow.js backend once and warms its training kernels
 * up (src/parallel/warm-up.ts) before its first task; then each call fits a group of
 * (candidate, fold) tasks on the group's dataset (shared memory, viewed, not copied) and
 * returns their records.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchInWorkerError, markFitWorkerThread, messages, searchStartedInFitWorker, type FitRecord } from '../core/index.js';
import { initBackend } from '../backend/index.js';
import { fitAndScore, fitAndScoreGroup, serializeError, type FitTask } from '../validation/index.js';
import { datasetFromShared, type SharedDataset } from './shared-data.js';
import { failedRecord } from './failed-record.js';
import { UNIT_STARTED } from './fit-timer.js';
import { warmUp } from './warm-up.js';

export interface WorkerData {
  /** The backend the main thread runs ('wasm' or 'cpu'); undefined: GRIDFOLD_BACKEND / auto. */
  backend?: string;
}

/** A group of fits: one task, or the folds of one or more candidates to train as one stacked model. */
export interface TaskGroup {
  /** Names the unit in the message that starts its fitTimeout clock (src/parallel/fit-timer.ts). */
  id: number;
  tasks: FitTask[];
  /** The search's dataset: SharedArrayBuffers cross to the worker without a copy. */
  dataset: SharedDataset;
}

// Before any user file is imported (a module file that, wrongly, starts a search itself).
markFitWorkerThread();

const { backend } = workerData as WorkerData;

// Top-level await on purpose: besides initialising the backend before the first task,
// it makes this file ESM-only, so piscina's `require(filename)` attempt fails under tsx's
// CommonJS hook and the file is imported as ESM — one copy of gridfold's modules per thread, not two.
// A backend that fails to start is reported in every record instead of killing the thread.
const backendReady: { error?: unknown } = await initBackend(backend).then(
  () => warmUp().then(() => ({})),
  (error: unknown) => ({ error }),
);

export default async function fitGroup(group: TaskGroup): Promise<FitRecord[]> {
  parentPort?.postMessage({ [UNIT_STARTED]: group.id });
  if (backendReady.error !== undefined) return group.tasks.map((task) => failedRecord(task, serializeError(backendReady.error)));
  const data = datasetFromShared(group.dataset);
  // Neither throws: an error inside a fit comes back in its record.
  let records: FitRecord[];
  if (group.tasks.length > 1) records = await fitAndScoreGroup(group.tasks, data);
  else records = [await fitAndScore(group.tasks[0], data)];
  // Importing the module's file started a search here (src/core/worker-thread.ts): whatever
  // the fits did, the main thread must stop the search and say why.
  if (searchStartedInFitWorker()) {
    const error = serializeError(new SearchInWorkerError(messages.searchInsideWorker()));
    return group.tasks.map((task) => failedRecord(task, error));
  }
  return records;
}
