/**
 * Callbacks are small objects with hooks, as in skorch: they read the epoch's history row,
 * may add their own columns to it, and stop training by setting a flag — never by throwing.
 */
import { InvalidParameterError, messages, type HistoryRow } from '../../core/index.js';

export interface TrainingContext {
  /** 1-based epoch number of the row being written. */
  readonly epoch: number;
  readonly history: readonly HistoryRow[];
  /** The current epoch's row; callbacks add their events to it. */
  readonly row: HistoryRow;
  /** Set to true to end training after this epoch. */
  stopTraining: boolean;
  getLearningRate(): number;
  setLearningRate(lr: number): void;
  /** A copy of the model's weights (host memory, no tensors to free). */
  snapshotWeights(): Float32Array[];
  restoreWeights(weights: Float32Array[]): void;
}

export interface SerializedCallback {
  type: string;
  options: Record<string, unknown>;
  /** The file that registered a user's callback type (registerCallback); a worker imports it. */
  source?: string;
}

export abstract class Callback {
  onTrainBegin?(context: TrainingContext): void;
  onEpochEnd?(context: TrainingContext): void;
  onTrainEnd?(context: TrainingContext): void;
  /** Plain data that rebuilds an equal, fresh callback (for clone and worker threads). */
  abstract toJSON(): SerializedCallback;
}

export function isCallback(value: unknown): value is Callback {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['onTrainBegin', 'onEpochEnd', 'onTrainEnd'].some((hook) => typeof v[hook] === 'function');
}

/** Reads a monitored column, refusing a name the history does not have (listing those it has). */
export function monitoredValue(owner: string, monitor: string, row: HistoryRow): number {
  const value = row[monitor];
  if (typeof value !== 'number') throw new InvalidParameterError(messages.monitorMissing(owner, monitor, Object.keys(row)));
  return value;
}

/** Losses improve downwards, everything else (accuracy, scores) upwards. */
export function lowerIsBetter(monitor: string): boolean {
  return /loss|error/i.test(monitor);
}
