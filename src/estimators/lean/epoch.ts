/**
 * The lean epoch: the same seeded batch order as the generic loop (one permutation of the
 * fold per epoch from the loop's Rng), each batch's rows taken on the backend, the hand-
 * written step, the optimizer's own `applyGradients` (so sgd, momentum, nesterov, adam,
 * rmsprop and adagrad behave exactly as in the generic loop), and the batch losses summed
 * on the device and read back once at the end of the epoch. Where it applies (plain SGD on
 * wasm, fused-step.ts) the whole epoch — every step and update — is one kernel instead.
 */
import type { Rng } from '../../core/index.js';
import { tf, type Tensor } from '../../backend/index.js';
import type { TrainOptions } from '../train-options.js';
import { planLeanStep, type LeanPlan } from './plan.js';
import { rowTaker } from './batch-rows.js';
import { leanStep } from './step.js';
import { leanMatMulFor } from './matmul.js';
import { fusedEpochFor } from './fused-step.js';

/** Runs one epoch and returns the mean training loss (what the generic `runEpoch` returns). */
export type EpochRunner = (rng: Rng) => Promise<number>;

let enabled = process.env.GRIDFOLD_LEAN !== 'off';
let stepsRun = 0;

/** Turns the lean step on or off for this thread (benchmarks and tests compare both). */
export function setLeanTraining(on: boolean): void {
  enabled = on;
}

export function leanTrainingEnabled(): boolean {
  return enabled;
}

/** How many lean steps this thread has run: lets a test see which loop trained a model. */
export function leanStepsRun(): number {
  return stepsRun;
}

/** 'lean', or 'generic: <why>' — which loop `trainLoop` uses for this model and loss. */
export function describeTrainingPath(o: Pick<TrainOptions, 'model' | 'loss'>): string {
  if (!enabled) return 'generic: the lean step is turned off';
  const plan = planLeanStep(o.model, o.loss);
  return typeof plan === 'string' ? `generic: ${plan}` : 'lean';
}

/** The lean epoch runner for this fit, or undefined when the generic loop must train it. */
export function leanEpochRunner(o: TrainOptions): EpochRunner | undefined {
  if (!enabled) return undefined;
  const plan = planLeanStep(o.model, o.loss);
  if (typeof plan === 'string') return undefined;
  return (rng) => runLeanEpoch(plan, o, rng);
}

async function runLeanEpoch(plan: LeanPlan, o: TrainOptions, rng: Rng): Promise<number> {
  const { n, X, Y } = o.train;
  // Exactly the generic loop's order, drawn from the same Rng.
  const order = o.shuffle ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const rows = rowTaker();
  const matMul = leanMatMulFor(tf.getBackend());
  const fused = n > 0 ? fusedEpochFor(plan, o) : undefined;
  const batchLosses: Tensor[] = [];
  try {
    if (fused) {
      batchLosses.push(tf.tidy(() => fused(X, Y, order, o.batchSize)));
      stepsRun += Math.ceil(n / o.batchSize);
    } else {
      for (let start = 0; start < n; start += o.batchSize) {
        const size = Math.min(o.batchSize, n - start);
        batchLosses.push(tf.tidy(() => {
          const xb = rows.take(X, order, start, size);
          const yb = rows.take(Y, order, start, size);
          const { gradients, lossSum } = leanStep(plan, matMul, xb, yb, { rowScale: 1 / size, batchSizes: size }, o.weightDecay);
          o.optimizer.applyGradients(gradients);
          return lossSum;
        }));
        stepsRun++;
      }
    }
    if (batchLosses.length === 0) return Number.NaN;
    const total = tf.addN(batchLosses);
    const sum = (await total.data())[0];
    total.dispose();
    return sum / n;
  } finally {
    tf.dispose(batchLosses);
    rows.dispose();
  }
}
