/**
 * A whole epoch of plain SGD on a Dense stack (hidden layers relu or linear, a linear output
 * layer, softmax cross-entropy on its logits) as ONE tfjs kernel on wasm: dense.c's
 * dense_sgd_epoch gathers each batch's rows, runs the forward and backward products on
 * gridfold's GEMM and updates the weights, batch after batch; the updated weights come back
 * as new tensors, which the caller assigns to its variables.
 *
 * Why: written with tfjs ops (the lean step, src/estimators/lean/step.ts, plus the
 * optimizer's update) a step of 784 → 32 → 16 → 10 is ~43 kernel dispatches, whose engine
 * bookkeeping took longer than the arithmetic. One kernel per batch, driven from
 * JavaScript, still cost ~0.1 ms of host work per batch, and its hot function was compiled
 * by V8 about five times per thread (≈ 0.35 s of a search's CPU per worker, taken from the
 * fits on a machine whose cores they already fill). Here the loop over batches is in wasm.
 *
 * The arithmetic is the lean step's, op for op: the same gemm() calls (so the same bits),
 * bias gradients summed over the rows in order as tf.sum does, tfjs' SGD update
 * (−lr · g + w, rounded twice), the batch losses added in order as tf.addN adds them. The
 * loss (dense.c) is computed in float32 steps with its own e^x and ln x, which may differ
 * from wasm's expf / logf in the last bit of a probability.
 */
import { tf, type Tensor } from '../tf.js';
import { heapOffset, kernelModuleFor, withHeapBlocks, type WasmHeap } from './instance.js';
import { registerWasmKernel } from './register.js';

const KERNEL = 'GridfoldDenseSgdEpoch';

export interface DenseStepLayer {
  /** [in, out] */
  kernel: Tensor;
  /** [out], or undefined for a layer without bias. */
  bias: Tensor | undefined;
  /** relu after this layer (hidden layers only); linear otherwise. */
  relu: boolean;
}

export interface DenseSgdEpoch {
  /** The fold's rows [n, ...] (float32), one flattened sample per row. */
  x: Tensor;
  /** The fold's one-hot targets [n, classes] (float32). */
  y: Tensor;
  /** The epoch's rows in training order, as indices into x and y: batch b is order[b · batchSize …]. */
  order: Int32Array;
  batchSize: number;
  layers: DenseStepLayer[];
  learningRate: number;
}

export interface DenseSgdEpochResult {
  /** Each layer's updated kernel, then its bias (when it has one), in layer order. */
  updated: Tensor[];
  /** Σ over the batches of Σ over their rows of the cross-entropy: a scalar. */
  lossSum: Tensor;
}

interface EpochAttrs {
  order: Int32Array;
  batchSize: number;
  relu: boolean[];
  hasBias: boolean[];
  learningRate: number;
}

/** Runs the epoch (wasm only, with gridfold's kernel module loaded). Call inside tf.tidy. */
export function denseSgdEpoch(epoch: DenseSgdEpoch): DenseSgdEpochResult {
  registerWasmKernel(KERNEL, epochKernel);
  const inputs: tf.NamedTensorMap = { x: epoch.x, y: epoch.y };
  epoch.layers.forEach((layer, l) => {
    inputs[`w${l}`] = layer.kernel;
    if (layer.bias) inputs[`b${l}`] = layer.bias;
  });
  const attrs: EpochAttrs = {
    order: epoch.order, batchSize: epoch.batchSize, relu: epoch.layers.map((l) => l.relu),
    hasBias: epoch.layers.map((l) => l.bias !== undefined), learningRate: epoch.learningRate,
  };
  const outputs = tf.engine().runKernel(KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as Tensor[];
  return { updated: outputs.slice(0, -1), lossSum: outputs[outputs.length - 1] };
}

const FLOAT = 4;
const INT = 4;

const epochKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { order, batchSize, relu, hasBias, learningRate } = attrs as unknown as EpochAttrs;
  const heap = backend as unknown as WasmHeap;
  const kernels = relu.map((_, l) => inputs[`w${l}`] as tf.TensorInfo);
  const biases = relu.map((_, l) => (hasBias[l] ? (inputs[`b${l}`] as tf.TensorInfo) : undefined));
  const x = inputs.x as tf.TensorInfo;
  const y = inputs.y as tf.TensorInfo;
  for (const t of [x, y, ...kernels, ...biases]) if (t && t.dtype !== 'float32') throw new Error(`${KERNEL}: expected float32, got ${t.dtype}`);
  const n = order.length;
  const m = Math.min(batchSize, n);
  const inSize = x.shape.slice(1).reduce((a, b) => a * b, 1);
  const widths = kernels.map((k) => k.shape[1]);
  const units = widths[widths.length - 1];
  if (kernels[0].shape[0] !== inSize || y.shape[1] !== units) throw new Error(`${KERNEL}: shapes x ${x.shape}, y ${y.shape}, first kernel ${kernels[0].shape} do not fit`);
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error(`${KERNEL}: batch size ${batchSize}`);
  for (let i = 0; i < n; i++) if (!(order[i] >= 0 && order[i] < x.shape[0])) throw new Error(`${KERNEL}: row ${order[i]} is outside [0, ${x.shape[0]})`);

  // Outputs first: makeOutput may grow the memory (offsets stay valid, views do not).
  const newKernels = kernels.map((k) => heap.makeOutput([...k.shape], 'float32'));
  const newBiases = biases.map((b) => (b ? heap.makeOutput([...b.shape], 'float32') : undefined));
  const lossOut = heap.makeOutput([], 'float32');
  // The epoch updates copies of the weights in place: a variable's memory may be shared
  // (a clone, a checkpoint of the best weights), so it is never written.
  const copies = [...newKernels, ...newBiases];
  [...kernels, ...biases].forEach((from, i) => {
    if (from) heap.typedArrayFromHeap(copies[i]!).set(heap.typedArrayFromHeap(from));
  });
  const layers = widths.length;
  const widest = Math.max(...widths);
  const largestKernel = Math.max(...widths.map((w, l) => w * (l > 0 ? widths[l - 1] : inSize)));
  const blocks = [
    n * INT, m * inSize * FLOAT, ...widths.map((w) => m * w * FLOAT), m * widest * FLOAT, m * widest * FLOAT,
    largestKernel * FLOAT, widest * FLOAT, 5 * layers * INT,
  ];
  withHeapBlocks(heap, blocks, ([orderAt, xb, ...rest]) => {
    const acts = rest.slice(0, layers);
    const [dz, dPrevious, grad, biasGrad, tables] = rest.slice(layers);
    const module = kernelModuleFor(heap);
    const memory = (heap.wasm!.asm!.memory as WebAssembly.Memory).buffer;
    new Int32Array(memory, orderAt, n).set(order);
    // Five tables of one int per layer: widths, relu, kernel, bias and activation offsets.
    const table = new Int32Array(memory, tables, 5 * layers);
    widths.forEach((width, l) => {
      table[l] = width;
      table[layers + l] = relu[l] ? 1 : 0;
      table[2 * layers + l] = heapOffset(heap, newKernels[l]);
      table[3 * layers + l] = newBiases[l] ? heapOffset(heap, newBiases[l]!) : 0;
      table[4 * layers + l] = acts[l];
    });
    const at = (offset: number) => tables + offset * layers * INT;
    const loss = module.dense_sgd_epoch(
      n, batchSize, orderAt, inSize, layers, at(0), at(1), at(2), at(3), heapOffset(heap, x), heapOffset(heap, y),
      -learningRate, xb, at(4), dz, dPrevious, grad, biasGrad, module.scratch,
    );
    new Float32Array(memory, heapOffset(heap, lossOut), 1)[0] = loss;
  });
  return [...newKernels.flatMap((k, l) => (newBiases[l] ? [k, newBiases[l]!] : [k])), lossOut];
};
