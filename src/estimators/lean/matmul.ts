/**
 * The one matmul the lean step runs on: op(a) · op(b) (+ bias) (relu), rank 2 for one fit
 * or rank 3 with a leading fold axis for stacked folds.
 *
 * On wasm that is gridfold's own kernel (src/backend/kernels): tfjs' BatchMatMul sends
 * transposed or batched products to a scalar loop at ~2.5 GFLOP/s and re-packs the weights
 * for XNNPACK after every update, while the kernel runs every case at ~30 GFLOP/s. Should
 * the kernel not load (a threaded tfjs build shares its memory), the operands are
 * transposed explicitly so single fits still reach XNNPACK. Elsewhere: tf.fused.matMul.
 */
import { gridfoldMatMul, gridfoldMatMulAvailable, tf, type MatMulOptions, type Tensor } from '../../backend/index.js';
import { messages } from '../../core/index.js';

export type LeanMatMul = (a: Tensor, b: Tensor, options?: MatMulOptions) => Tensor;
export type { MatMulOptions };

export function leanMatMulFor(backendName: string): LeanMatMul {
  if (backendName !== 'wasm' || gridfoldMatMulAvailable()) return gridfoldMatMul;
  return explicitTransposes;
}

/**
 * The largest model (multiply-adds per sample) whose folds 'auto' stacks on wasm. Measured
 * by bench/fold-batch.ts (3 folds, 784 → u → u/2 → 10, one core), stacked / separate in two
 * runs: 1.83× and 1.29× at 25.6k (u = 32), 1.15× and 1.22× at 52.5k (u = 64), 0.95× and
 * 1.07× at 109k (u = 128), 0.92× and 1.06× at 235k — small layers gain from a third of the
 * kernel launches; large ones are compute-bound, and stacking them is a coin toss. Cnns
 * follow the same rule (bench/cnn-stacking.ts: 1.12–1.16× at 31k, 1.00–1.09× from 192k to
 * DemoNetwork's 797k and beyond): a stack shares fixed costs, not the convolutions.
 */
export const WASM_STACKING_MAX_MACS = 80_000;

/**
 * Why stacking a candidate's folds does not pay here ('auto'), or undefined where it does. On wasm: with gridfold's kernel,
 * for a model known to be small — unless its single fits train on the fused step
 * (fused-step.ts, `fusedSingleFits`): one kernel dispatch per epoch instead of ~43 per batch
 * makes three separate fits faster than their stack (stacked / separate 0.67–0.77× from
 * u = 32 to 256, bench/fold-batch.ts, 2026-12-02 12:04), and the seed grid at nJobs 2 took
 * 0.82–0.91× the wall time with foldBatching false as with stacking (3 interleaved pairs,
 * load 1.5–2.6). On cpu: no (measured 1.03× at u = 32 down
 * to 0.90× at u = 256: its kernels are slow loops whatever their launch count). On a native
 * backend: yes — one batched kernel instead of k is what keeps a GPU busy (not measurable here).
 */
export function whyStackingDoesNotPay(backendName: string, macsPerSample: number | undefined, fusedSingleFits = false): string | undefined {
  if (backendName === 'cpu') return messages.stackingDoesNotPay(backendName, macsPerSample, WASM_STACKING_MAX_MACS);
  if (backendName !== 'wasm') return undefined;
  if (!gridfoldMatMulAvailable()) return messages.stackingNeedsKernel();
  if (fusedSingleFits) return messages.fusedStepBeatsStacking();
  if (macsPerSample === undefined || macsPerSample > WASM_STACKING_MAX_MACS) return messages.stackingDoesNotPay(backendName, macsPerSample, WASM_STACKING_MAX_MACS);
  return undefined;
}

const explicitTransposes: LeanMatMul = (a, b, options = {}) => {
  const swap = (x: Tensor) => tf.transpose(x, x.rank === 3 ? [0, 2, 1] : [1, 0]);
  const left = options.transposeA ? swap(a) : a;
  const right = options.transposeB ? swap(b) : b;
  const bias = options.bias && options.bias.rank === 2 && left.rank === 3 ? tf.expandDims(options.bias, 1) : options.bias;
  return tf.fused.matMul({ a: left, b: right, bias, activation: options.activation ?? 'linear' });
};
