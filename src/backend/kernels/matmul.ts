/**
 * gridfold's own matmul on tfjs' wasm backend: C[f] = op(A[f]) · op(B[f]) (+ bias) (relu)
 * for every fold f of a leading batch axis, with transposes handled inside the kernel.
 *
 * tfjs-backend-wasm sends a BatchMatMul to XNNPACK only for one matrix with neither operand
 * transposed (re-packing the right operand whenever it is a new tensor); transposed or
 * batched products run as a scalar loop at ~2.5 GFLOP/s. Our kernel (gemm.c, compiled to
 * gemm-wasm.ts by build.mjs) is ~30 GFLOP/s in all four transpose cases and for batches,
 * ~40 with relaxed SIMD's fused multiply-add, which is used where the engine has it.
 *
 * The kernel module imports tfjs' own WebAssembly.Memory and reads/writes tensors where
 * tfjs keeps them (instance.ts); which build runs is gemm-builds.ts's choice, and
 * wasm-module.ts checks the binary owns no memory before it is ever instantiated. On any other backend `matMul`
 * runs the same product with tf ops, so callers need no branch.
 */
import { InvalidParameterError, messages } from '../../core/index.js';
import { tf, type Tensor } from '../tf.js';
import { FLAG_BIAS, FLAG_RELU, FLAG_TRANSPOSE_A, FLAG_TRANSPOSE_B, heapOffset, kernelModuleAvailable, kernelModuleFor, loadKernelModule, type WasmHeap } from './instance.js';

export const GRIDFOLD_MATMUL_KERNEL = 'GridfoldMatMul';

export interface MatMulOptions {
  /** Use Aᵀ: a is stored [k, m] (or [batch, k, m]). */
  transposeA?: boolean;
  /** Use Bᵀ: b is stored [n, k] (or [batch, n, k]). */
  transposeB?: boolean;
  /** [n], added to every row, or [batch, n]: one bias per matrix of the batch. */
  bias?: Tensor;
  activation?: 'linear' | 'relu';
}

/**
 * Whether matMul runs the gridfold kernel: the active backend is wasm and the kernel module
 * loads into its memory. False elsewhere (matMul then runs tf ops).
 */
export function gridfoldMatMulAvailable(): boolean {
  return kernelModuleAvailable();
}

/**
 * op(a) · op(b) (+ bias) (then relu). a and b are rank 2 ([m, k] · [k, n] → [m, n]) or
 * rank 3 with a leading batch axis (→ [batch, m, n]); an operand of rank 2 or batch 1 is
 * used for every matrix of the other's batch. float32 only.
 *
 * On wasm no gradient is registered for the kernel: it is for hand-written training steps
 * (which compute their gradients with more matMul calls), not for tf.grad. If the kernel
 * cannot load on wasm this throws, with the reason, rather than quietly running ~10× slower.
 */
export function matMul(a: Tensor, b: Tensor, options: MatMulOptions = {}): Tensor {
  const { transposeA, transposeB, activation, bias } = checkOptions(options);
  checkTensor('a', a);
  checkTensor('b', b);
  if (bias !== undefined) checkTensor('bias', bias);
  const plan = planMatMul(a.shape, b.shape, bias?.shape, transposeA, transposeB);
  if (tf.getBackend() === 'wasm') {
    const kernel = loadKernelModule(tf.backend() as unknown as WasmHeap);
    if (kernel instanceof Error) throw kernel;
    registerKernel();
    const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : { a, b };
    return tf.engine().runKernel(GRIDFOLD_MATMUL_KERNEL, inputs, { transposeA, transposeB, activation }) as Tensor;
  }
  return tf.tidy(() => {
    // A per-matrix bias [batch, n] broadcasts over the rows of [batch, m, n].
    const rowBias = bias && bias.rank === 2 && plan.outShape.length === 3 ? tf.reshape(bias, [bias.shape[0], 1, plan.n]) : bias;
    return tf.fused.matMul({ a, b, transposeA, transposeB, bias: rowBias, activation });
  });
}

interface MatMulPlan {
  batch: number;
  m: number;
  n: number;
  k: number;
  /** Floats between consecutive matrices; 0 when one matrix serves the whole batch. */
  aStride: number;
  bStride: number;
  biasStride: number;
  outShape: number[];
}

function checkOptions(options: MatMulOptions): Required<Omit<MatMulOptions, 'bias'>> & { bias?: Tensor } {
  if (options === null || typeof options !== 'object') throw new InvalidParameterError(messages.matMulOption('options', options, 'an object'));
  const { transposeA = false, transposeB = false, activation = 'linear', bias } = options;
  if (typeof transposeA !== 'boolean') throw new InvalidParameterError(messages.matMulOption('transposeA', transposeA, 'true or false'));
  if (typeof transposeB !== 'boolean') throw new InvalidParameterError(messages.matMulOption('transposeB', transposeB, 'true or false'));
  if (activation !== 'linear' && activation !== 'relu') throw new InvalidParameterError(messages.matMulOption('activation', activation, "'linear' or 'relu'"));
  return { transposeA, transposeB, activation, bias };
}

function checkTensor(name: string, x: unknown): void {
  if (!(x instanceof tf.Tensor)) throw new InvalidParameterError(messages.matMulNotTensor(name, x));
  if (x.dtype !== 'float32') throw new InvalidParameterError(messages.matMulNotFloat32(name, x.dtype, x.shape));
}

/** Shapes → sizes and strides, or an Error naming the argument, its shape and what is accepted. */
function planMatMul(
  aShape: readonly number[], bShape: readonly number[], biasShape: readonly number[] | undefined,
  transposeA: boolean, transposeB: boolean,
): MatMulPlan {
  const operand = (name: 'a' | 'b', shape: readonly number[], transposed: boolean) => {
    if (shape.length !== 2 && shape.length !== 3) throw new InvalidParameterError(messages.matMulRank(name, shape, transposed));
    const [rows, cols] = shape.slice(-2);
    // a is [m, k] and b is [k, n] as stored, unless transposed.
    const outerIsRows = (name === 'a') !== transposed;
    return { batch: shape.length === 3 ? shape[0] : 1, outer: outerIsRows ? rows : cols, inner: outerIsRows ? cols : rows };
  };
  const a = operand('a', aShape, transposeA);
  const b = operand('b', bShape, transposeB);
  if (a.inner !== b.inner) throw new InvalidParameterError(messages.matMulInner(aShape, a.inner, transposeA, bShape, b.inner, transposeB));
  if (a.batch !== b.batch && a.batch !== 1 && b.batch !== 1) throw new InvalidParameterError(messages.matMulBatch(aShape, bShape));
  const batch = Math.max(a.batch, b.batch);
  const m = a.outer;
  const n = b.outer;
  const k = a.inner;
  const rank3 = aShape.length === 3 || bShape.length === 3;
  let biasStride = 0;
  if (biasShape !== undefined) {
    const perMatrix = biasShape.length === 2 && biasShape[0] === batch && biasShape[1] === n;
    if (!(biasShape.length === 1 && biasShape[0] === n) && !perMatrix) {
      throw new InvalidParameterError(messages.matMulBias(n, batch, biasShape));
    }
    biasStride = perMatrix && batch > 1 ? n : 0;
  }
  return {
    batch, m, n, k,
    aStride: a.batch === 1 ? 0 : m * k,
    bStride: b.batch === 1 ? 0 : k * n,
    biasStride,
    outShape: rank3 ? [batch, m, n] : [m, n],
  };
}

function registerKernel(): void {
  if (tf.getKernel(GRIDFOLD_MATMUL_KERNEL, 'wasm')) return;
  tf.registerKernel({
    kernelName: GRIDFOLD_MATMUL_KERNEL,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b, bias } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo };
      const { transposeA, transposeB, activation } = attrs as unknown as Required<Omit<MatMulOptions, 'bias'>>;
      for (const [name, x] of [['a', a], ['b', b], ['bias', bias]] as const) {
        if (x && x.dtype !== 'float32') throw new Error(`${GRIDFOLD_MATMUL_KERNEL}: ${name} must be float32; got ${x.dtype}.`);
      }
      const plan = planMatMul(a.shape, b.shape, bias?.shape, transposeA === true, transposeB === true);
      const heap = backend as unknown as WasmHeap;
      const kernel = kernelModuleFor(heap);
      // makeOutput may grow the memory; offsets stay valid and the kernel sees the new
      // size directly (it imports the Memory object, not a buffer).
      const out = heap.makeOutput(plan.outShape, 'float32');
      if (plan.batch * plan.m * plan.n === 0) return out;
      const offset = (x: tf.TensorInfo) => heapOffset(heap, x);
      const flags =
        (transposeA ? FLAG_TRANSPOSE_A : 0) | (transposeB ? FLAG_TRANSPOSE_B : 0) |
        (bias ? FLAG_BIAS : 0) | (activation === 'relu' ? FLAG_RELU : 0);
      kernel.gemm(
        plan.batch, plan.m, plan.n, plan.k,
        offset(a), plan.aStride, offset(b), plan.bStride, bias ? offset(bias) : 0, plan.biasStride,
        offset(out), flags, kernel.scratch,
      );
      return out;
    },
  });
}
