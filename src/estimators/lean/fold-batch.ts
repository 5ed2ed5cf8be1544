/**
 * Fold-batched training: the k folds of one candidate share architecture and settings and
 * differ only in data and seed, so they train as one stacked model in lockstep (step.ts
 * with a leading fold axis, a convolutional front included: conv-step.ts) — one batched
 * kernel per matmul and one optimizer update per step instead of k. The same holds for the
 * folds of candidates that differ only in initialisation, seed or — with SGD and momentum —
 * learning rate: the stack is then of every such candidate's folds ("fits" below;
 * per-fit-rates.ts).
 * Each fold keeps its own batch order (its own seeded Rng, as `trainLoop` draws it), its
 * own loss normalisation, its own validation and its own callbacks, so its history equals
 * its separately trained history within float tolerance. EarlyStopping and Checkpoint run
 * per fit on its own model (which holds its weights at every epoch's end); a fit they stop
 * is finished there — its weights are read out, its slice of the stack is masked (no rows)
 * and never read again — while the others go on. Where lockstep cannot hold — a callback
 * that could change a fit's training (an LR schedule, a user's callback), a warm start,
 * per-epoch printing — `planFoldBatch` says why and the folds train apart.
 *
 * Folds whose sizes straddle a multiple of the batch size have epochs of different numbers
 * of batches; a fold that has run out of batches sits out the last step with no rows. For
 * plain SGD that is exact (a zero gradient moves nothing; weight decay is masked too), but
 * momentum and the adaptive optimizers would still move or count the step, so with those
 * the folds must have equal numbers of batches.
 */
import { NonFiniteLossError, Rng, deriveSeed, fitDeadlineError, messages, type HistoryRow } from '../../core/index.js';
import { tf, type Optimizer, type Tensor } from '../../backend/index.js';
import { evaluate, makeContext } from '../train.js';
import type { TrainOptions } from '../train-options.js';
import { Checkpoint, EarlyStopping, type Callback } from '../callbacks/index.js';
import { leanTrainingEnabled } from './epoch.js';
import { planLeanStep, type LeanPlan } from './plan.js';
import type { ConvLayer, FeaturePlan } from './conv-plan.js';
import { stackedRowTaker } from './batch-rows.js';
import { leanStep, type BatchRows, type DenseStack } from './step.js';
import { leanMatMulFor } from './matmul.js';
import { PER_FIT_RATE_OPTIMIZERS, PerFitRateOptimizer } from './per-fit-rates.js';

/** Callbacks that only read a fit's history and weights, restore them or stop it. */
const STACKABLE_CALLBACKS: readonly Function[] = [EarlyStopping, Checkpoint];

/** Each fit's lean plan when these fits can train as one stacked model, or a sentence saying why not. */
export function planFoldBatch(fits: readonly TrainOptions[]): LeanPlan[] | string {
  if (fits.length < 2) return 'there is only one fit';
  if (!leanTrainingEnabled()) return 'the lean step is turned off';
  const plans: LeanPlan[] = [];
  for (const fit of fits) {
    const plan = planLeanStep(fit.model, fit.loss);
    if (typeof plan === 'string') return plan;
    plans.push(plan);
    const unstackable = fit.callbacks.find((callback) => !STACKABLE_CALLBACKS.includes(callback.constructor));
    if (unstackable) return `callback ${unstackable.constructor.name} may change a fit's training (only EarlyStopping and Checkpoint run on stacked fits)`;
    if (fit.verbose > 0) return 'verbose prints each fit\'s epochs';
    if (fit.firstEpoch !== 0) return 'a warm start continues separate models';
  }
  const first = fits[0];
  const shape = (plan: LeanPlan) => JSON.stringify([plan.loss, frontShape(plan.front), plan.layers.map((l) => [l.kernel.shape, Boolean(l.bias), l.activation, l.alpha])]);
  const optimizer = (o: Optimizer) => {
    const { learningRate, ...settings } = o.getConfig();
    return JSON.stringify([o.getClassName(), settings]);
  };
  for (let f = 1; f < fits.length; f++) {
    const fit = fits[f];
    if (shape(plans[f]) !== shape(plans[0])) return 'the folds\' models differ';
    if (optimizer(fit.optimizer) !== optimizer(first.optimizer)) return 'the folds\' optimizers differ';
    if (learningRate(fit) !== learningRate(first) && !PER_FIT_RATE_OPTIMIZERS.includes(first.optimizer.getClassName())) {
      return `the fits' learning rates differ (${learningRate(first)} and ${learningRate(fit)}), which only SGD and momentum can stack`;
    }
    if (fit.batchSize !== first.batchSize || fit.maxEpochs !== first.maxEpochs || fit.shuffle !== first.shuffle || fit.weightDecay !== first.weightDecay) {
      return 'the folds\' training settings differ';
    }
    if (Math.ceil(fit.train.n / fit.batchSize) !== Math.ceil(first.train.n / first.batchSize) && first.optimizer.getClassName() !== 'SGD') {
      return `the folds' epochs have different numbers of batches (${first.train.n} and ${fit.train.n} rows, batch ${first.batchSize}), which only plain SGD can stack`;
    }
  }
  if (fits.some((fit) => fit.train.n === 0)) return 'a fold has no training rows';
  return plans;
}

/** Each fit's history, or the error that ended that fit alone (a diverged fold). */
export type FoldOutcome = { history: HistoryRow[] } | { error: Error };

/** Trains fits with the plans `planFoldBatch` gave them; each fit's model ends with its own weights. */
export async function trainFoldBatched(fits: readonly TrainOptions[], plans: readonly LeanPlan[]): Promise<FoldOutcome[]> {
  const k = fits.length;
  const { batchSize, maxEpochs, shuffle, weightDecay } = fits[0];
  const stacked = stackPlans(plans);
  const optimizer = stackedOptimizer(fits);
  const matMul = leanMatMulFor(tf.getBackend());
  const takeRows = stackedRowTaker();
  const scales = new Map<string, FoldRows>();
  const rngs = fits.map((fit) => new Rng(deriveSeed(fit.seed, 'batch-order', fit.firstEpoch)));
  const histories: HistoryRow[][] = fits.map(() => []);
  const errors: Array<Error | undefined> = fits.map(() => undefined);
  // A fit stopped by its callbacks: its model holds its final weights.
  const finished = fits.map(() => false);
  const active = (f: number) => !errors[f] && !finished[f];
  const contexts = fits.map((fit, f) => makeContext(fit, histories[f]));
  const callbacks = (f: number, hook: 'onTrainBegin' | 'onEpochEnd' | 'onTrainEnd', row: HistoryRow) => {
    const context = contexts[f].current(row.epoch, row);
    for (const callback of fits[f].callbacks as Callback[]) callback[hook]?.(context);
    return context;
  };
  fits.forEach((_, f) => callbacks(f, 'onTrainBegin', { epoch: 0, train_loss: 0, dur: 0 }));
  try {
    for (let epoch = 1; epoch <= maxEpochs && fits.some((_, f) => active(f)); epoch++) {
      // fitTimeout: past the stack's deadline (fitTimeout × its fits) every fit still training fails with it.
      const timedOut = epoch > 1 ? fitDeadlineError() : undefined;
      if (timedOut) {
        for (let f = 0; f < k; f++) if (active(f)) errors[f] = timedOut;
        break;
      }
      const started = performance.now();
      const orders = fits.map((fit, f) => (shuffle ? rngs[f].permutation(fit.train.n) : Int32Array.from({ length: fit.train.n }, (_, i) => i)));
      const lossSums: Tensor[] = [];
      const steps = Math.max(...fits.map((fit, f) => (active(f) ? Math.ceil(fit.train.n / batchSize) : 0)));
      for (let step = 0; step < steps; step++) {
        const start = step * batchSize;
        // A finished or failed fit is masked: no rows, so no gradient and no decay.
        const sizes = fits.map((fit, f) => (active(f) ? Math.max(0, Math.min(batchSize, fit.train.n - start)) : 0));
        const rows = Math.max(...sizes);
        const scale = scaleFor(scales, sizes, rows);
        lossSums.push(tf.tidy(() => {
          const xb = takeRows(fits.map((fit) => fit.train.X), orders, start, sizes, rows);
          const yb = takeRows(fits.map((fit) => fit.train.Y), orders, start, sizes, rows);
          const { gradients, lossSum } = leanStep(stacked, matMul, xb, yb, scale, weightDecay);
          optimizer.applyGradients(gradients);
          return lossSum;
        }));
      }
      const total = tf.addN(lossSums);
      const sums = (await total.data()) as Float32Array;
      tf.dispose([total, ...lossSums]);
      unstackInto(stacked, plans, active);
      const seconds = (performance.now() - started) / 1000;
      const training = fits.filter((_, f) => active(f)).length;
      for (let f = 0; f < k; f++) {
        if (!active(f)) continue;
        const trainLoss = sums[f] / fits[f].train.n;
        if (!Number.isFinite(trainLoss)) {
          errors[f] = new NonFiniteLossError(messages.nonFiniteLoss(epoch, trainLoss));
          continue;
        }
        const fit = fits[f];
        const row: HistoryRow = { epoch, train_loss: trainLoss, ...(fit.valid ? await evaluate(fit, fit.valid) : {}), dur: 0 };
        // The epoch trained every fold at once: each fold is charged its share.
        row.dur = seconds / training;
        histories[f].push(row);
        if (callbacks(f, 'onEpochEnd', row).stopTraining) {
          finished[f] = true;
          callbacks(f, 'onTrainEnd', row);
        }
      }
    }
    fits.forEach((_, f) => {
      if (active(f)) callbacks(f, 'onTrainEnd', histories[f][histories[f].length - 1] ?? { epoch: 0, train_loss: Number.NaN, dur: 0 });
    });
  } finally {
    for (const layer of stackedLayers(stacked)) tf.dispose([layer.kernel, ...(layer.bias ? [layer.bias] : [])]);
    optimizer.dispose();
    for (const scale of scales.values()) tf.dispose([scale.rowScale, scale.batchSizes, scale.active]);
  }
  return fits.map((_, f) => (errors[f] ? { error: errors[f] as Error } : { history: histories[f] }));
}

let stackedNames = 0;

/** New variables [k, …] holding every fold's initial weights. */
function stackPlans(plans: readonly LeanPlan[]): DenseStack {
  const id = stackedNames++;
  // tf.variable shares the stacked tensor's buffer without owning the tensor: dispose it.
  const variable = (parts: Tensor[], name: string) => {
    const initial = tf.stack(parts);
    const created = tf.variable(initial, true, `gridfold_folds${id}/${name}`);
    initial.dispose();
    return created;
  };
  const front = plans[0].front;
  return {
    loss: plans[0].loss,
    front: front && {
      ...front,
      features: front.features.map((feature, i) => (feature.kind === 'pool' ? feature : {
        ...feature,
        kernel: variable(plans.map((p) => (p.front!.features[i] as ConvLayer).kernel), `front${i}/kernel`),
        bias: feature.bias ? variable(plans.map((p) => (p.front!.features[i] as ConvLayer).bias as Tensor), `front${i}/bias`) : undefined,
      })),
    },
    layers: plans[0].layers.map((layer, l) => ({
      kernel: variable(plans.map((p) => p.layers[l].kernel), `${l}/kernel`),
      bias: layer.bias ? variable(plans.map((p) => p.layers[l].bias as Tensor), `${l}/bias`) : undefined,
      activation: layer.activation,
      alpha: layer.alpha,
    })),
  };
}

/** The layers with weights of a plan or a stack, convs first, in the same order for both. */
function stackedLayers(stack: Pick<DenseStack, 'front' | 'layers'>): Array<{ kernel: tf.Variable; bias: tf.Variable | undefined }> {
  const convs = stack.front?.features.filter((feature): feature is ConvLayer => feature.kind === 'conv') ?? [];
  return [...convs, ...stack.layers];
}

/** What must match for two fits' convolutional fronts to stack: every layer's kind, weights' shapes and geometry. */
function frontShape(front: FeaturePlan | undefined): unknown {
  return front?.features.map((feature) => {
    const { info } = feature;
    const geometry = [info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo, info.inHeight, info.inWidth, info.inChannels, info.outChannels];
    return feature.kind === 'pool' ? ['pool', geometry] : ['conv', feature.kernel.shape, Boolean(feature.bias), feature.activation, feature.alpha, geometry];
  });
}

/** Writes each training fold's slice of the stacked weights into that fold's own model. */
function unstackInto(stacked: DenseStack, plans: readonly LeanPlan[], training: (f: number) => boolean): void {
  const assign = (source: tf.Variable, target: (plan: LeanPlan) => tf.Variable) => {
    // Each slice is copied by a real kernel (x + 0): wasm remembers a buffer's shape at its
    // allocation, so a reshaped [1, n] slice given to a Dense layer as its bias would later
    // fail _FusedMatMul's rank-1 bias check.
    const parts = tf.tidy(() => tf.unstack(source).map((part) => tf.add(part, 0)));
    plans.forEach((plan, f) => {
      if (training(f)) target(plan).assign(parts[f]);
    });
    tf.dispose(parts);
  };
  stackedLayers(stacked).forEach((layer, l) => {
    assign(layer.kernel, (plan) => stackedLayers(plan)[l].kernel);
    if (layer.bias) assign(layer.bias, (plan) => stackedLayers(plan)[l].bias as tf.Variable);
  });
}

function learningRate(fit: TrainOptions): unknown {
  return fit.optimizer.getConfig().learningRate;
}

/**
 * The optimizer of the stack: when every fit has the same learning rate, a fresh copy of the
 * first fit's (any tfjs optimizer); else per-fit rates (SGD or momentum, as planned).
 */
function stackedOptimizer(fits: readonly TrainOptions[]): Pick<Optimizer, 'applyGradients' | 'dispose'> {
  const rates = fits.map((fit) => learningRate(fit) as number);
  if (rates.every((rate) => rate === rates[0])) return freshOptimizer(fits[0].optimizer);
  const config = fits[0].optimizer.getConfig();
  return new PerFitRateOptimizer({
    rates,
    momentum: fits[0].optimizer.getClassName() === 'Momentum' ? (config.momentum as number) : undefined,
    useNesterov: config.useNesterov === true,
  });
}

/** An optimizer of the same class and settings with no state: it will own the stacked slots. */
function freshOptimizer(template: Optimizer): Optimizer {
  const cls = template.constructor as unknown as tf.serialization.SerializableConstructor<Optimizer> & {
    fromConfig(cls: unknown, config: tf.serialization.ConfigDict): Optimizer;
  };
  return cls.fromConfig(cls, template.getConfig());
}

/** A step's `BatchRows` for stacked folds: all tensors, kept until training ends. */
type FoldRows = Required<{ [K in keyof BatchRows]: Tensor }>;

/** The per-step constants of one pattern of fold batch sizes, cached. */
function scaleFor(cache: Map<string, FoldRows>, sizes: number[], rows: number): FoldRows {
  const key = `${rows}:${sizes.join(',')}`;
  let found = cache.get(key);
  if (!found) {
    const scale = new Float32Array(sizes.length * rows);
    sizes.forEach((size, f) => scale.fill(1 / size, f * rows, f * rows + size));
    found = {
      rowScale: tf.keep(tf.tensor3d(scale, [sizes.length, rows, 1])),
      batchSizes: tf.keep(tf.tensor1d(sizes)),
      active: tf.keep(tf.tensor1d(sizes.map((size) => (size > 0 ? 1 : 0)))),
    };
    cache.set(key, found);
  }
  return found;
}
