/**
 * What one training loop is given: the model, its optimizer and loss, the rows already on
 * the device, and the loop's settings. Types only, in a file of their own, so that the
 * generic loop (train.ts) and the lean epoch (lean/) both name them without importing
 * each other.
 */
import type { LayersModel, Optimizer, Tensor } from '../backend/index.js';
import type { Callback } from './callbacks/index.js';
import type { LossSpec } from './losses.js';

export interface DeviceSet {
  X: Tensor;
  /** One-hot rows (classifier) or target columns (regressor). */
  Y: Tensor;
  /** Class ids, for accuracy (classifier only). */
  labels?: Tensor;
  n: number;
}

export interface TrainOptions {
  model: LayersModel;
  optimizer: Optimizer;
  loss: LossSpec;
  train: DeviceSet;
  valid?: DeviceSet;
  batchSize: number;
  maxEpochs: number;
  shuffle: boolean;
  seed: number;
  weightDecay: number;
  callbacks: readonly Callback[];
  verbose: number;
  /** Epoch numbering continues from here (warm start). */
  firstEpoch: number;
  log: (line: string) => void;
}
