/**
 * One training step of a Dense stack with the gradients written out by hand: the forward
 * pass keeps each layer's output, the loss gives dL/d(output) directly, and each layer's
 * weight gradient is one matmul (Xᵀ·dZ) and its input gradient another (dZ·Wᵀ). Autograd
 * would record ~90 kernels per step; this records about a third of that.
 *
 * The same step trains one fit (x [n, in], weights [in, out]) or k stacked folds (x
 * [k, n, in], weights [k, in, out]): every op here is either per row, per fold (the sums
 * over rows keep the fold axis) or a batched matmul, so folds never mix. Stacked folds'
 * last batches can differ in size: the batch is padded with zero rows to the largest and
 * `rowScale` — 1 / the fold's batch size on real rows, 0 on padding — keeps padding out of
 * every loss and gradient.
 */
import { tf, type Tensor } from '../../backend/index.js';
import type { LeanActivation, LeanLoss } from './types.js';
import type { LeanMatMul } from './matmul.js';
import type { FeaturePlan } from './conv-plan.js';
import { activationGradient } from './activations.js';
import { frontBackward, frontForward, frontWeights } from './conv-step.js';

/** One Dense layer: kernel [in, out] and bias [out], or with a leading fold axis. */
export interface DenseWeights {
  kernel: tf.Variable;
  bias: tf.Variable | undefined;
  activation: LeanActivation;
  /** Negative slope of leakyRelu (unused otherwise). */
  alpha: number;
}

export interface DenseStack {
  /** Convolutions before the Dense layers (their weights with a leading fold axis when stacked). */
  front?: FeaturePlan;
  layers: DenseWeights[];
  loss: LeanLoss;
}

/** Which rows of the batch are real: numbers for one fit, tensors for stacked folds. */
export interface BatchRows {
  /** 1 / the batch size, or [k, m, 1]: 1 / the fold's batch size on real rows, 0 on padding. */
  rowScale: number | Tensor;
  /** The batch size, or [k]: each fold's real rows (for the weight-decay penalty). */
  batchSizes: number | Tensor;
  /** Stacked only, [k]: 1 for a fold with rows in this step, 0 for one sitting it out. */
  active?: Tensor;
}

export interface StepResult {
  /** Weight gradients by variable name (what `optimizer.applyGradients` takes). */
  gradients: Record<string, Tensor>;
  /** Σ over the real rows of their loss: a scalar, or [k] for stacked folds. */
  lossSum: Tensor;
}

/**
 * Forward, loss and backward for one batch. Call inside `tf.tidy`; the caller applies the
 * gradients. `weightDecay` adds (wd / 2)·Σ‖w‖² to each fit's loss (and wd·w to each
 * gradient), as the generic loop does.
 */
export function leanStep(stack: DenseStack, matMul: LeanMatMul, xb: Tensor, yb: Tensor, rows: BatchRows, weightDecay: number): StepResult {
  const stacked = xb.rank === 3;
  const front = stack.front ? frontForward(stack.front, matMul, xb) : undefined;
  const outputs: Tensor[] = [front ? front.features : xb];
  for (const layer of stack.layers) outputs.push(denseForward(layer, matMul, outputs[outputs.length - 1]));
  const output = outputs[outputs.length - 1];
  // Padding rows have y = 0; with their output zeroed too, mse counts nothing for them
  // (cross-entropy and nll already count nothing where y = 0).
  const realOutput = stacked && stack.loss === 'meanSquaredError' ? tf.mul(output, tf.notEqual(rows.rowScale, 0)) : output;
  const loss = lossAndGradient(stack.loss, realOutput, yb, rows.rowScale);
  let lossSum = loss.lossSum;
  let dz = activationGradient(stack.layers[stack.layers.length - 1], output, loss.dOutput);
  const gradients: Record<string, Tensor> = {};
  for (let l = stack.layers.length - 1; l >= 0; l--) {
    const layer = stack.layers[l];
    gradients[layer.kernel.name] = matMul(outputs[l], dz, { transposeA: true });
    if (layer.bias) gradients[layer.bias.name] = tf.sum(dz, stacked ? 1 : 0);
    if (l > 0) dz = activationGradient(stack.layers[l - 1], outputs[l], matMul(dz, layer.kernel, { transposeB: true }));
    else if (front) frontBackward(stack.front!, matMul, front, matMul(dz, layer.kernel, { transposeB: true }), gradients);
  }
  if (weightDecay > 0) {
    const weights = [...(stack.front ? frontWeights(stack.front) : []), ...stack.layers.flatMap((layer) => (layer.bias ? [layer.kernel, layer.bias] : [layer.kernel]))];
    // A stacked fold sitting this step out must not decay either.
    const decay = rows.active ? tf.mul(rows.active, weightDecay) : weightDecay;
    for (const w of weights) {
      const perFold = typeof decay === 'number' ? decay : tf.reshape(decay, [-1, ...w.shape.slice(1).map(() => 1)]);
      gradients[w.name] = tf.add(gradients[w.name], tf.mul(w, perFold));
    }
    const squares = tf.addN(weights.map((w) => tf.sum(tf.square(w), stacked ? w.shape.map((_, axis) => axis).slice(1) : undefined)));
    lossSum = tf.add(lossSum, tf.mul(tf.mul(squares, rows.batchSizes), weightDecay / 2));
  }
  return { gradients, lossSum };
}

/** A Dense layer's output; linear and relu fuse into the matmul, the rest follow it. */
export function denseForward(layer: DenseWeights, matMul: LeanMatMul, input: Tensor): Tensor {
  const bias = layer.bias ?? undefined;
  switch (layer.activation) {
    case 'linear':
    case 'relu':
      return matMul(input, layer.kernel, { bias, activation: layer.activation });
    case 'elu':
      return tf.elu(matMul(input, layer.kernel, { bias }));
    case 'sigmoid':
      return tf.sigmoid(matMul(input, layer.kernel, { bias }));
    case 'tanh':
      return tf.tanh(matMul(input, layer.kernel, { bias }));
    case 'leakyRelu':
      return tf.leakyRelu(matMul(input, layer.kernel, { bias }), layer.alpha);
    case 'softmax':
      return tf.softmax(matMul(input, layer.kernel, { bias }));
  }
}

/** The floor `nll` clips probabilities to before the log, as the generic loss does. */
const PROBABILITY_FLOOR = 1e-7;

/**
 * The loss summed over the batch's rows, and dL/d(output) of the mean loss, for an output
 * whose last axis holds the units: [n, units] (a scalar sum) or stacked [k, n, units] (one
 * sum per fold). `rowScale` is 1 / the batch size, or per row [k, n, 1] when stacked.
 */
export function lossAndGradient(loss: LeanLoss, output: Tensor, y: Tensor, rowScale: number | Tensor): { lossSum: Tensor; dOutput: Tensor } {
  const units = output.shape[output.shape.length - 1] as number;
  const rowAxes = output.rank === 2 ? [0, 1] : [1, 2];
  if (loss === 'softmaxCrossEntropy') {
    // PyTorch's CrossEntropyLoss takes the output as logits, whatever its last activation.
    const logProbabilities = tf.logSoftmax(output);
    const lossSum = tf.neg(tf.sum(tf.mul(y, logProbabilities), rowAxes));
    return { lossSum, dOutput: tf.mul(tf.sub(tf.exp(logProbabilities), y), rowScale) };
  }
  if (loss === 'negativeLogLikelihood') {
    const clipped = tf.clipByValue(output, PROBABILITY_FLOOR, 1);
    const lossSum = tf.neg(tf.sum(tf.mul(y, tf.log(clipped)), rowAxes));
    // d(−y·log p)/dp = −y / p where the clip lets p through, 0 where it clipped.
    const passes = tf.logicalAnd(tf.greaterEqual(output, PROBABILITY_FLOOR), tf.lessEqual(output, 1));
    return { lossSum, dOutput: tf.mul(tf.where(passes, tf.neg(tf.div(y, clipped)), tf.zerosLike(output)), rowScale) };
  }
  const difference = tf.sub(output, y);
  const lossSum = tf.mul(tf.sum(tf.square(difference), rowAxes), 1 / units);
  const scale = typeof rowScale === 'number' ? (2 * rowScale) / units : tf.mul(rowScale, 2 / units);
  return { lossSum, dOutput: tf.mul(difference, scale) };
}
