/**
 * The lean step for k folds at once: every weight carries a leading fold axis, each
 * matmul is one batched call over the folds, and one optimizer update moves all of them.
 * Per fold it is the same arithmetic as `leanStep` — folds never mix, since a batched
 * matmul multiplies fold f's batch by fold f's weights only.
 *
 * The folds' last batches can differ in size (fold sizes differ by a row or two): the
 * batch is then padded with zero rows to the largest, and `rowScale` (1 / the fold's batch
 * size on real rows, 0 on padding) keeps padding out of every gradient and loss.
 */
import { tf, type Tensor } from '../../backend/index.js';
import { activationGradient, lossAndGradient } from './step.js';
import type { LeanActivation, LeanLoss } from './plan.js';

/** One Dense layer of the stacked model: kernel [k, in, out], bias [k, out]. */
export interface StackedLayer {
  kernel: tf.Variable;
  bias: tf.Variable | undefined;
  activation: LeanActivation;
  alpha: number;
}

export interface StackedPlan {
  layers: StackedLayer[];
  loss: LeanLoss;
}

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** [k, n]: one bias row per fold. */
  bias?: Tensor;
  activation?: 'linear' | 'relu';
}

/** A batched matmul over the leading fold axis (src/backend/kernels on wasm, tf ops elsewhere). */
export type StackedMatMul = (a: Tensor, b: Tensor, options?: MatMulOptions) => Tensor;

/** Which rows of a stacked batch are real, per fold. */
export interface FoldRows {
  /** [k, m, 1]: 1 / the fold's batch size on its real rows, 0 on padding. */
  rowScale: Tensor;
  /** [k]: each fold's real rows (for the weight-decay penalty). */
  batchSizes: Tensor;
  /** [k]: 1 for a fold with rows in this step, 0 for one sitting it out. */
  active: Tensor;
}

export interface StackedStepResult {
  gradients: Record<string, Tensor>;
  /** [k]: Σ over each fold's real rows of their loss. */
  lossSums: Tensor;
}

/**
 * Forward, loss and backward for a stacked batch: xb [k, m, in], yb [k, m, out]. Call
 * inside `tf.tidy`; the caller applies the gradients.
 */
export function stackedStep(plan: StackedPlan, matMul: StackedMatMul, xb: Tensor, yb: Tensor, rows: FoldRows, weightDecay: number): StackedStepResult {
  const outputs: Tensor[] = [xb];
  for (const layer of plan.layers) outputs.push(stackedForward(layer, matMul, outputs[outputs.length - 1]));
  const output = outputs[outputs.length - 1];
  // Padding rows have y = 0; with their output zeroed too, they add no loss and no gradient.
  const realOutput = plan.loss === 'meanSquaredError' ? tf.mul(output, tf.notEqual(rows.rowScale, 0)) : output;
  const loss = lossAndGradient(plan.loss, realOutput, yb, rows.rowScale);
  let lossSums = loss.lossSum;
  let dz = activationGradient(plan.layers[plan.layers.length - 1], output, loss.dOutput);
  const gradients: Record<string, Tensor> = {};
  for (let l = plan.layers.length - 1; l >= 0; l--) {
    const layer = plan.layers[l];
    gradients[layer.kernel.name] = matMul(outputs[l], dz, { transposeA: true });
    if (layer.bias) gradients[layer.bias.name] = tf.sum(dz, 1);
    if (l > 0) dz = activationGradient(plan.layers[l - 1], outputs[l], matMul(dz, layer.kernel, { transposeB: true }));
  }
  if (weightDecay > 0) {
    const weights = plan.layers.flatMap((layer) => (layer.bias ? [layer.kernel, layer.bias] : [layer.kernel]));
    // A fold sitting this step out must not decay either.
    const decay = tf.mul(rows.active, weightDecay);
    for (const w of weights) {
      gradients[w.name] = tf.add(gradients[w.name], tf.mul(w, tf.reshape(decay, [-1, ...w.shape.slice(1).map(() => 1)])));
    }
    const perFold = tf.addN(weights.map((w) => tf.sum(tf.square(w), w.shape.map((_, axis) => axis).slice(1))));
    lossSums = tf.add(lossSums, tf.mul(tf.mul(perFold, rows.batchSizes), weightDecay / 2));
  }
  return { gradients, lossSums };
}

/** A layer's output for every fold; relu and linear fuse into the matmul. */
export function stackedForward(layer: StackedLayer, matMul: StackedMatMul, input: Tensor): Tensor {
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

/** The tf-ops batched matmul: correct on every backend (wasm runs it as a scalar loop). */
export const tfStackedMatMul: StackedMatMul = (a, b, options = {}) => {
  let z = tf.matMul(a, b, options.transposeA ?? false, options.transposeB ?? false);
  if (options.bias) z = tf.add(z, tf.expandDims(options.bias, 1));
  return options.activation === 'relu' ? tf.relu(z) : z;
};
