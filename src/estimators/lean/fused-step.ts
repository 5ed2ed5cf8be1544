/**
 * The lean epoch as one kernel where it can be: on wasm, a single fit of a Dense stack with
 * relu or linear hidden layers and a linear output trained on softmax cross-entropy by
 * plain SGD without weight decay runs each epoch as backend's `denseSgdEpoch` — every
 * batch's forward, backward and the optimizer's update in one tfjs dispatch instead of ~43
 * per batch — and assigns the updated weights to the model's variables as tfjs' SGD does.
 * Everything else keeps the op-by-op step (step.ts) and the optimizer's own applyGradients.
 */
import { denseSgdEpoch, kernelModuleAvailable, tf, type DenseStepLayer, type Optimizer, type Tensor } from '../../backend/index.js';
import type { Params } from '../../core/index.js';
import type { TrainOptions } from '../train-options.js';
import type { LeanPlan } from './plan.js';

/** Runs the epoch's batches (of `batchSize` rows of `order`, in order) and returns the sum of their loss sums (a scalar, kept by the caller's tidy). */
export type FusedEpoch = (X: Tensor, Y: Tensor, order: Int32Array, batchSize: number) => Tensor;

let enabled = process.env.GRIDFOLD_FUSED_STEP !== 'off';
let stepsRun = 0;

/** Turns the one-kernel step on or off for this thread (benchmarks compare both; results agree within float tolerance). */
export function setFusedStep(on: boolean): void {
  enabled = on;
}

/** How many fused steps this thread has run: lets a test see which step trained a model. */
export function fusedStepsRun(): number {
  return stepsRun;
}

/**
 * Whether a fit of an estimator with these parameters trains on the fused step (where the
 * backend is wasm with gridfold's kernel): what fusedEpochFor accepts, read from the
 * parameters before any model is built, for deciding whether its folds should stack.
 */
export function fusedStepTrains(className: string, params: Params): boolean {
  if (!enabled || className !== 'NeuralNetClassifier' || params.module !== 'mlp') return false;
  const sgd = params.optimizer === 'sgd' && !params['optimizer.momentum'] && !params['optimizer.weightDecay'];
  const crossEntropyOnLogits = params.loss === 'crossEntropy' && (params['module.outputActivation'] === 'auto' || params['module.outputActivation'] === 'linear');
  const plainLayers = (params['module.activation'] === 'relu' || params['module.activation'] === 'linear') && !params['module.dropout'] && !params['module.batchNorm'];
  return sgd && crossEntropyOnLogits && plainLayers;
}

/** tfjs' SGDOptimizer as far as this step uses it: the rate it reads each step, the step counter it keeps. */
interface SgdOptimizer {
  learningRate: number;
  incrementIterations(): void;
}

/** The fused epoch for this fit, or undefined when the op-by-op step must train it. */
export function fusedEpochFor(plan: LeanPlan, o: Pick<TrainOptions, 'optimizer' | 'weightDecay'>): FusedEpoch | undefined {
  if (!enabled || plan.front || plan.loss !== 'softmaxCrossEntropy' || o.weightDecay !== 0) return undefined;
  const optimizer = o.optimizer;
  if (!isPlainSgd(optimizer)) return undefined;
  const output = plan.layers.length - 1;
  const plainLayers = plan.layers.every((layer, l) => layer.activation === 'linear' || (layer.activation === 'relu' && l < output));
  if (!plainLayers || !kernelModuleAvailable()) return undefined;
  const layers: DenseStepLayer[] = plan.layers.map((layer) => ({ kernel: layer.kernel, bias: layer.bias, relu: layer.activation === 'relu' }));
  const variables = plan.layers.flatMap((layer) => (layer.bias ? [layer.kernel, layer.bias] : [layer.kernel]));
  return (X, Y, order, batchSize) => {
    const { updated, lossSum } = denseSgdEpoch({ x: X, y: Y, order, batchSize, layers, learningRate: optimizer.learningRate });
    variables.forEach((variable, i) => variable.assign(updated[i]));
    // tfjs' SGD counts its steps; the epoch took one per batch.
    const batches = Math.ceil(order.length / batchSize);
    for (let b = 0; b < batches; b++) optimizer.incrementIterations();
    stepsRun += batches;
    return lossSum;
  };
}

function isPlainSgd(optimizer: Optimizer): optimizer is Optimizer & SgdOptimizer {
  const candidate = optimizer as unknown as Partial<SgdOptimizer>;
  return optimizer.getClassName() === 'SGD' && typeof candidate.learningRate === 'number' && typeof candidate.incrementIterations === 'function';
}
