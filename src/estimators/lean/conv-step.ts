/**
 * The convolutional front of the lean step, forward and backward, written out by hand on
 * gridfold's wasm kernels: a conv is im2col then one GEMM with the bias and relu fused
 * (y = cols · W), its filter gradient colsᵀ · dz with the columns kept from the forward
 * pass, its input gradient col2im(dz · Wᵀ); a max pool records where each maximum came
 * from, and its gradient scatters dy back there. A 1×1 conv with unit stride needs no
 * columns (they are the input). tfjs' autograd would record every op with its saved
 * inputs and run the generic, re-packing kernels; this runs about a dozen kernels per conv.
 *
 * Stacked folds (x [k, m, …], kernels [k, filter_h, filter_w, in, out]) share every
 * per-image kernel — im2col, col2im and pooling see k·m images — and each GEMM is one
 * batched product over the fold axis, so folds never mix: fold f's rows meet only fold f's
 * filters. A padding row (no real sample) gets dL/d(features) = 0 from the head, so it adds
 * nothing to any gradient.
 */
import { col2im, columnSums, im2col, maxPoolBackward, maxPoolWithIndices, tf, type Tensor } from '../../backend/index.js';
import type { FeaturePlan } from './conv-plan.js';
import type { LeanMatMul } from './matmul.js';
import { activationGradient } from './activations.js';

/** What the backward pass needs of each feature layer's forward pass. */
type Saved =
  | { kind: 'conv'; input: Tensor; cols: Tensor; output: Tensor }
  | { kind: 'pool'; input: Tensor; argmax: Tensor };

export interface FrontForward {
  /** The flattened feature map [n, flatSize] the Dense head takes. */
  features: Tensor;
  saved: Saved[];
}

/**
 * A conv's filter as the GEMM's right operand [filter_h·filter_w·in_channels, out_channels],
 * or [k, …, out_channels] for stacked folds' filters.
 */
function filterMatrix(kernel: tf.Variable): Tensor {
  const [o] = kernel.shape.slice(-1);
  return tf.reshape(kernel, kernel.rank === 5 ? [kernel.shape[0], -1, o] : [-1, o]);
}

/** A fold axis k for stacked folds (1 for one fit) and the rows per fold m. */
function foldsOf(xb: Tensor): { k: number; m: number; stacked: boolean } {
  return xb.rank === 3 ? { k: xb.shape[0], m: xb.shape[1] as number, stacked: true } : { k: 1, m: xb.shape[0], stacked: false };
}

export function frontForward(front: FeaturePlan, matMul: LeanMatMul, xb: Tensor): FrontForward {
  const { k, m, stacked } = foldsOf(xb);
  const n = k * m;
  // One fold's GEMM rows: its m images' output pixels.
  const perFold = (rows: Tensor, width: number) => (stacked ? tf.reshape(rows, [k, -1, width]) : rows);
  let x = tf.reshape(xb, [n, ...front.imageShape]);
  const saved: Saved[] = [];
  for (const layer of front.features) {
    const { info } = layer;
    if (layer.kind === 'pool') {
      const [y, argmax] = maxPoolWithIndices(x, info);
      saved.push({ kind: 'pool', input: x, argmax });
      x = y;
      continue;
    }
    const columns = layer.pointwise ? tf.reshape(x, [n * info.inHeight * info.inWidth, info.inChannels]) : im2col(x, info);
    const cols = perFold(columns, columns.shape[1] as number);
    const fused = layer.activation === 'linear' || layer.activation === 'relu';
    const z = matMul(cols, filterMatrix(layer.kernel), { bias: layer.bias, activation: fused ? (layer.activation as 'linear' | 'relu') : 'linear' });
    const output = fused ? z : applyActivation(layer.activation, layer.alpha, z);
    saved.push({ kind: 'conv', input: x, cols, output });
    x = tf.reshape(output, [n, info.outHeight, info.outWidth, info.outChannels]);
  }
  return { features: tf.reshape(x, stacked ? [k, m, front.flatSize] : [n, front.flatSize]), saved };
}

function applyActivation(activation: string, alpha: number, z: Tensor): Tensor {
  switch (activation) {
    case 'elu':
      return tf.elu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'leakyRelu':
      return tf.leakyRelu(z, alpha);
    default:
      throw new Error(`lean conv step: no forward for activation '${activation}'`);
  }
}

/**
 * From dL/d(features) [n, flatSize]: every conv's kernel and bias gradient into
 * `gradients` (by variable name). The first layer's input gradient is never computed.
 */
export function frontBackward(front: FeaturePlan, matMul: LeanMatMul, forward: FrontForward, dFeatures: Tensor, gradients: Record<string, Tensor>): void {
  let dy = dFeatures;
  for (let i = front.features.length - 1; i >= 0; i--) {
    const layer = front.features[i];
    const saved = forward.saved[i];
    const needInput = i > 0;
    if (layer.kind === 'pool' && saved.kind === 'pool') {
      dy = maxPoolBackward(tf.reshape(dy, saved.argmax.shape), saved.argmax, saved.input.shape);
      continue;
    }
    if (layer.kind !== 'conv' || saved.kind !== 'conv') throw new Error('lean conv step: the saved forward pass does not match the plan');
    const { info } = layer;
    const dz = activationGradient(layer, saved.output, tf.reshape(dy, saved.output.shape));
    const stacked = dz.rank === 3;
    gradients[layer.kernel.name] = tf.reshape(matMul(saved.cols, dz, { transposeA: true }), layer.kernel.shape);
    if (layer.bias) gradients[layer.bias.name] = columnSums(dz);
    if (!needInput) break;
    const dCols = matMul(dz, filterMatrix(layer.kernel), { transposeB: true });
    const dColumns = stacked ? tf.reshape(dCols, [-1, dCols.shape[2] as number]) : dCols;
    dy = layer.pointwise ? tf.reshape(dColumns, saved.input.shape) : col2im(dColumns, info);
  }
}

/** The conv kernels and biases, for weight decay. */
export function frontWeights(front: FeaturePlan): tf.Variable[] {
  return front.features.flatMap((layer) => (layer.kind === 'conv' ? (layer.bias ? [layer.kernel, layer.bias] : [layer.kernel]) : []));
}
