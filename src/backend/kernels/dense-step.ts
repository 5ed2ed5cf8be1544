/**
 * One SGD step of a Dense stack (hidden layers relu or linear, a linear output layer,
 * softmax cross-entropy on its logits) as ONE tfjs kernel on wasm: the batch's rows are
 * gathered, the forward and backward products run on gridfold's GEMM, and the updated
 * weights come back as new tensors, which the caller assigns to its variables.
 *
 * Why: written with tfjs ops (the lean step, src/estimators/lean/step.ts, plus the
 * optimizer's update) a step of 784 → 32 → 16 → 10 is ~43 kernel dispatches, whose engine
 * bookkeeping took longer than the arithmetic. Here it is one dispatch and a dozen calls
 * into the kernel module (gemm.c, conv.c's column_sums, dense.c: rows, loss, relu, update).
 *
 * The arithmetic is the lean step's, op for op: the same gemm() calls (so the same bits),
 * bias gradients summed over the rows in order as tf.sum does, tfjs' SGD update
 * (−lr · g + w, rounded twice). The loss (dense.c) is computed in float32 steps with its
 * own e^x and ln x, which may differ from wasm's expf / logf in the last bit of a probability.
 */
import { tf, type Tensor } from '../tf.js';
import { FLAG_BIAS, FLAG_RELU, FLAG_TRANSPOSE_A, FLAG_TRANSPOSE_B, heapOffset, kernelModuleFor, withHeapBlocks, type WasmHeap } from './instance.js';
import { registerWasmKernel } from './register.js';

const KERNEL = 'GridfoldDenseSgdStep';

export interface DenseStepLayer {
  /** [in, out] */
  kernel: Tensor;
  /** [out], or undefined for a layer without bias. */
  bias: Tensor | undefined;
  /** relu after this layer (hidden layers only); linear otherwise. */
  relu: boolean;
}

export interface DenseSgdStep {
  /** The fold's rows [n, ...] (float32), one flattened sample per row. */
  x: Tensor;
  /** The fold's one-hot targets [n, classes] (float32). */
  y: Tensor;
  /** The rows of this batch, as indices into x and y. */
  rows: Int32Array;
  layers: DenseStepLayer[];
  learningRate: number;
}

export interface DenseSgdStepResult {
  /** Each layer's updated kernel, then its bias (when it has one), in layer order. */
  updated: Tensor[];
  /** Σ over the batch's rows of their cross-entropy: a scalar. */
  lossSum: Tensor;
}

interface StepAttrs {
  rows: Int32Array;
  relu: boolean[];
  hasBias: boolean[];
  learningRate: number;
}

/** Runs the step (wasm only, with gridfold's kernel module loaded). Call inside tf.tidy. */
export function denseSgdStep(step: DenseSgdStep): DenseSgdStepResult {
  registerWasmKernel(KERNEL, stepKernel);
  const inputs: tf.NamedTensorMap = { x: step.x, y: step.y };
  step.layers.forEach((layer, l) => {
    inputs[`w${l}`] = layer.kernel;
    if (layer.bias) inputs[`b${l}`] = layer.bias;
  });
  const attrs: StepAttrs = {
    rows: step.rows, relu: step.layers.map((l) => l.relu), hasBias: step.layers.map((l) => l.bias !== undefined), learningRate: step.learningRate,
  };
  const outputs = tf.engine().runKernel(KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as Tensor[];
  return { updated: outputs.slice(0, -1), lossSum: outputs[outputs.length - 1] };
}

const stepKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { rows, relu, hasBias, learningRate } = attrs as unknown as StepAttrs;
  const heap = backend as unknown as WasmHeap;
  const kernels = relu.map((_, l) => inputs[`w${l}`] as tf.TensorInfo);
  const biases = relu.map((_, l) => (hasBias[l] ? (inputs[`b${l}`] as tf.TensorInfo) : undefined));
  const x = inputs.x as tf.TensorInfo;
  const y = inputs.y as tf.TensorInfo;
  for (const t of [x, y, ...kernels, ...biases]) if (t && t.dtype !== 'float32') throw new Error(`${KERNEL}: expected float32, got ${t.dtype}`);
  const m = rows.length;
  const inSize = x.shape.slice(1).reduce((a, b) => a * b, 1);
  const widths = kernels.map((k) => k.shape[1]);
  const units = widths[widths.length - 1];
  if (kernels[0].shape[0] !== inSize || y.shape[1] !== units) throw new Error(`${KERNEL}: shapes x ${x.shape}, y ${y.shape}, first kernel ${kernels[0].shape} do not fit`);
  for (let i = 0; i < m; i++) if (!(rows[i] >= 0 && rows[i] < x.shape[0])) throw new Error(`${KERNEL}: row ${rows[i]} is outside [0, ${x.shape[0]})`);

  // Outputs first: makeOutput may grow the memory (offsets stay valid, views do not).
  const newKernels = kernels.map((k) => heap.makeOutput([...k.shape], 'float32'));
  const newBiases = biases.map((b) => (b ? heap.makeOutput([...b.shape], 'float32') : undefined));
  const lossOut = heap.makeOutput([], 'float32');
  const widest = Math.max(...widths);
  const floats = 4;
  const blocks = [m * 4, m * inSize * floats, ...widths.map((w) => m * w * floats), m * widest * floats, m * widest * floats];
  withHeapBlocks(heap, blocks, ([rowsAt, xb, ...rest]) => {
    const acts = rest.slice(0, widths.length);
    let [dz, dPrevious] = rest.slice(widths.length);
    const module = kernelModuleFor(heap);
    const memory = (heap.wasm!.asm!.memory as WebAssembly.Memory).buffer;
    new Int32Array(memory, rowsAt, m).set(rows);
    module.gather_rows(m, rowsAt, inSize, heapOffset(heap, x), xb);
    const at = (t: tf.TensorInfo | undefined) => (t ? heapOffset(heap, t) : 0);

    let input = xb;
    let inWidth = inSize;
    widths.forEach((width, l) => {
      const flags = (biases[l] ? FLAG_BIAS : 0) | (relu[l] ? FLAG_RELU : 0);
      module.gemm(1, m, width, inWidth, input, 0, at(kernels[l]), 0, at(biases[l]), 0, acts[l], flags, module.scratch);
      input = acts[l];
      inWidth = width;
    });

    new Float32Array(memory, at(lossOut), 1)[0] = module.softmax_cross_entropy(m, units, acts[acts.length - 1], at(y), rowsAt, dz);

    const c = -learningRate;
    for (let l = widths.length - 1; l >= 0; l--) {
      const below = l > 0 ? acts[l - 1] : xb;
      const belowWidth = l > 0 ? widths[l - 1] : inSize;
      const gradient = at(newKernels[l]);
      module.gemm(1, belowWidth, widths[l], m, below, 0, dz, 0, 0, 0, gradient, FLAG_TRANSPOSE_A, module.scratch);
      if (newBiases[l]) module.column_sums(m, widths[l], dz, at(newBiases[l]));
      if (l > 0) {
        module.gemm(1, m, belowWidth, widths[l], dz, 0, at(kernels[l]), 0, 0, 0, dPrevious, FLAG_TRANSPOSE_B, module.scratch);
        if (relu[l - 1]) module.relu_gradient(m * belowWidth, acts[l - 1], dPrevious);
        [dz, dPrevious] = [dPrevious, dz];
      }
      // The gradients of layer l are complete and its old weights are no longer read.
      module.sgd_update(belowWidth * widths[l], c, at(kernels[l]), gradient, gradient);
      if (newBiases[l]) module.sgd_update(widths[l], c, at(biases[l]), at(newBiases[l]), at(newBiases[l]));
    }
  });
  return [...newKernels.flatMap((k, l) => (newBiases[l] ? [k, newBiases[l]!] : [k])), lossOut];
};
