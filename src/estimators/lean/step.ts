/**
 * One training step of a Dense stack with the gradients written out by hand: the forward
 * pass keeps each layer's output, the loss gives dZ directly ((softmax − y) / n for cross-
 * entropy on logits, 2 (z − y) / (n·m) for mse), and each layer's weight gradient is one
 * matmul. Autograd would record ~90 kernels per step and, on wasm, run two of the three
 * matmuls of each layer with transposeA / transposeB, which wasm sends to a scalar loop
 * at ~2.5 GFLOP/s instead of XNNPACK's ~30 GFLOP/s: here those operands are transposed
 * explicitly so every matmul takes the fast path.
 *
 * wasm also re-packs a matmul's right operand for XNNPACK whenever that tensor is new, and
 * after every update the weights are. For a large first layer (784 × 128 and up) the
 * forward pass is therefore computed as (Wᵀ·Xᵀ)ᵀ, which packs the batch instead of the
 * weights, and the same Xᵀ serves the weight gradient: 7–12 % per step at u ≥ 128, while
 * for small layers the extra kernels cost more than the packing (−6 % at u = 32).
 */
import { tf, type Tensor } from '../../backend/index.js';
import type { LeanActivation, LeanLayer, LeanLoss, LeanPlan } from './plan.js';

/** Weight gradients by variable name (what `optimizer.applyGradients` takes) and the batch's summed loss. */
export interface StepResult {
  gradients: Record<string, Tensor>;
  /** Σ over the batch's samples of their loss (the mean times the batch size). */
  lossSum: tf.Scalar;
}

/** Matmul helpers that keep wasm on its XNNPACK path (no transpose flags). */
export interface MatMuls {
  /** aᵀ · b */
  tn(a: Tensor, b: Tensor): Tensor;
  /** a · bᵀ */
  nt(a: Tensor, b: Tensor): Tensor;
  /** Whether the first layer's forward pass runs as (Wᵀ·Xᵀ)ᵀ (see above). */
  transposedFirstLayer(layer: LeanLayer): boolean;
}

/** The first layer's kernel size (in × out) from which its forward runs transposed on wasm. */
const TRANSPOSED_FIRST_LAYER_MIN_WEIGHTS = 65536;

export function matMulsFor(backendName: string): MatMuls {
  if (backendName === 'wasm') {
    return {
      tn: (a, b) => tf.matMul(tf.transpose(a), b),
      nt: (a, b) => tf.matMul(a, tf.transpose(b)),
      transposedFirstLayer: (layer) => layer.kernel.size >= TRANSPOSED_FIRST_LAYER_MIN_WEIGHTS,
    };
  }
  return {
    tn: (a, b) => tf.matMul(a, b, true, false),
    nt: (a, b) => tf.matMul(a, b, false, true),
    transposedFirstLayer: () => false,
  };
}

/**
 * Forward, loss and backward for one batch. Call inside `tf.tidy`; the caller applies the
 * gradients. `weightDecay` adds (wd / 2)·Σ‖w‖² to the loss (and wd·w to each gradient),
 * as the generic loop does.
 */
export function leanStep(plan: LeanPlan, mm: MatMuls, xb: Tensor, yb: Tensor, weightDecay: number): StepResult {
  const size = xb.shape[0];
  const xT = mm.transposedFirstLayer(plan.layers[0]) ? tf.transpose(xb) : undefined;
  const outputs: Tensor[] = [xb];
  plan.layers.forEach((layer, l) => {
    outputs.push(l === 0 && xT ? forwardTransposed(layer, xT) : forwardLayer(layer, outputs[l]));
  });
  const output = outputs[outputs.length - 1];
  const loss = lossAndGradient(plan.loss, output, yb, 1 / size);
  let lossSum = loss.lossSum as tf.Scalar;
  let dz = activationGradient(plan.layers[plan.layers.length - 1], output, loss.dOutput);
  const gradients: Record<string, Tensor> = {};
  for (let l = plan.layers.length - 1; l >= 0; l--) {
    const layer = plan.layers[l];
    gradients[layer.kernel.name] = l === 0 && xT ? tf.matMul(xT, dz) : mm.tn(outputs[l], dz);
    if (layer.bias) gradients[layer.bias.name] = tf.sum(dz, 0);
    if (l > 0) dz = activationGradient(plan.layers[l - 1], outputs[l], mm.nt(dz, layer.kernel));
  }
  if (weightDecay > 0) {
    const weights = plan.layers.flatMap((layer) => (layer.bias ? [layer.kernel, layer.bias] : [layer.kernel]));
    for (const w of weights) gradients[w.name] = tf.add(gradients[w.name], tf.mul(w, weightDecay));
    const penalty = tf.mul(tf.addN(weights.map((w) => tf.sum(tf.square(w)))), (weightDecay / 2) * size);
    lossSum = tf.add(lossSum, penalty);
  }
  return { gradients, lossSum };
}

/** A Dense layer's output: activations tfjs can fuse into the matmul are fused. */
export function forwardLayer(layer: LeanLayer, input: Tensor): Tensor {
  const bias = layer.bias ?? undefined;
  switch (layer.activation) {
    case 'linear':
    case 'relu':
    case 'elu':
    case 'sigmoid':
      return tf.fused.matMul({ a: input, b: layer.kernel, bias, activation: layer.activation });
    case 'leakyRelu':
      return tf.fused.matMul({ a: input, b: layer.kernel, bias, activation: 'leakyrelu', leakyreluAlpha: layer.alpha });
    case 'tanh':
      return tf.tanh(tf.fused.matMul({ a: input, b: layer.kernel, bias }));
    case 'softmax':
      return tf.softmax(tf.fused.matMul({ a: input, b: layer.kernel, bias }));
  }
}

/** A Dense layer's output from the transposed input, as (Wᵀ·Xᵀ)ᵀ + b, then the activation. */
function forwardTransposed(layer: LeanLayer, inputT: Tensor): Tensor {
  const product = tf.transpose(tf.matMul(tf.transpose(layer.kernel), inputT));
  const z = layer.bias ? tf.add(product, layer.bias) : product;
  switch (layer.activation) {
    case 'linear':
      return z;
    case 'relu':
      return tf.relu(z);
    case 'elu':
      return tf.elu(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'tanh':
      return tf.tanh(z);
    case 'leakyRelu':
      return tf.leakyRelu(z, layer.alpha);
    case 'softmax':
      return tf.softmax(z);
  }
}

/** dL/d(pre-activation) from dL/d(output), written with the layer's output y as tfjs' own gradients are. */
export function activationGradient(layer: { activation: LeanActivation; alpha: number }, y: Tensor, dy: Tensor): Tensor {
  switch (layer.activation) {
    case 'linear':
      return dy;
    case 'relu':
      return tf.mul(dy, tf.step(y));
    case 'leakyRelu':
      return tf.where(tf.greater(y, 0), dy, tf.mul(dy, layer.alpha));
    case 'elu':
      return tf.engine().runKernel('EluGrad', { dy, y }) as Tensor;
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y)));
    case 'sigmoid':
      return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
    case 'softmax':
      // y ⊙ (dy − Σ_row dy ⊙ y): the softmax Jacobian applied to dy, row by row.
      return tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), -1, true)));
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
  const rowAxes = output.shape.length === 2 ? [0, 1] : [1, 2];
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
