/**
 * The training loop. The fold's data is uploaded to the backend once; each batch is a
 * gather by a seeded permutation; the epoch's loss is summed on the device and read back
 * once per epoch, so the loop never waits on the backend inside an epoch.
 */
import { NonFiniteLossError, Rng, checkFitDeadline, deriveSeed, messages, type HistoryRow } from '../core/index.js';
import { tf, type Tensor } from '../backend/index.js';
import type { TrainingContext } from './callbacks/index.js';
import { computeLoss } from './losses.js';
import type { DeviceSet, TrainOptions } from './train-options.js';
import { getLearningRate, setLearningRate } from './optimizers.js';
import { formatHistoryHeader, formatHistoryRow, historyColumns } from './history.js';
import { leanEpochRunner } from './lean/index.js';

/** Runs the epochs and returns their history rows. Throws NonFiniteLossError on NaN/Inf. */
export async function trainLoop(o: TrainOptions): Promise<HistoryRow[]> {
  const rng = new Rng(deriveSeed(o.seed, 'batch-order', o.firstEpoch));
  const history: HistoryRow[] = [];
  const trainable = o.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const context = makeContext(o, history);
  // A plain Dense stack trains with the lean step (src/estimators/lean); anything else here.
  const leanEpoch = leanEpochRunner(o);
  for (const callback of o.callbacks) callback.onTrainBegin?.(context.current(0, { epoch: 0, train_loss: 0, dur: 0 }));
  let printedHeader = false;
  for (let epoch = o.firstEpoch + 1; epoch <= o.firstEpoch + o.maxEpochs; epoch++) {
    // fitTimeout: a fit past its deadline starts no further epoch (a finished last epoch is not wasted).
    if (epoch > o.firstEpoch + 1) checkFitDeadline();
    const started = performance.now();
    const trainLoss = leanEpoch ? await leanEpoch(rng) : await runEpoch(o, rng, trainable);
    if (!Number.isFinite(trainLoss)) throw new NonFiniteLossError(messages.nonFiniteLoss(epoch, trainLoss));
    const row: HistoryRow = { epoch, train_loss: trainLoss, ...(o.valid ? await evaluate(o, o.valid) : {}), dur: 0 };
    history.push(row);
    const ctx = context.current(epoch, row);
    for (const callback of o.callbacks) callback.onEpochEnd?.(ctx);
    row.dur = (performance.now() - started) / 1000;
    if (o.verbose > 0) {
      const columns = historyColumns(row);
      if (!printedHeader) o.log(formatHistoryHeader(columns));
      printedHeader = true;
      o.log(formatHistoryRow(row, columns));
    }
    if (ctx.stopTraining) break;
  }
  const last = history[history.length - 1] ?? { epoch: o.firstEpoch, train_loss: Number.NaN, dur: 0 };
  const ctx = context.current(last.epoch, last);
  for (const callback of o.callbacks) callback.onTrainEnd?.(ctx);
  return history;
}

async function runEpoch(o: TrainOptions, rng: Rng, trainable: tf.Variable[]): Promise<number> {
  const { n } = o.train;
  const order = o.shuffle ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  const orderTensor = tf.tensor1d(order, 'int32');
  let sum: Tensor = tf.scalar(0);
  for (let start = 0; start < n; start += o.batchSize) {
    const size = Math.min(o.batchSize, n - start);
    const batchLoss = tf.tidy(() => {
      const indices = orderTensor.slice(start, size);
      const xb = tf.gather(o.train.X, indices);
      const yb = tf.gather(o.train.Y, indices);
      const dataLoss = o.optimizer.minimize(() => {
        const output = o.model.apply(xb, { training: true }) as Tensor;
        const loss = computeLoss(o.loss, output, yb) as tf.Scalar;
        return o.weightDecay > 0 ? tf.add(loss, penalty(trainable, o.weightDecay)) : loss;
      }, true, trainable) as Tensor;
      return tf.mul(dataLoss, size);
    });
    const next = tf.add(sum, batchLoss);
    sum.dispose();
    batchLoss.dispose();
    sum = next;
  }
  orderTensor.dispose();
  const total = (await sum.data())[0];
  sum.dispose();
  return total / n;
}

/** (wd / 2) · Σ‖w‖², whose gradient is PyTorch's weight_decay term wd · w. */
function penalty(weights: tf.Variable[], weightDecay: number): tf.Scalar {
  return tf.mul(tf.addN(weights.map((w) => tf.sum(tf.square(w)))), weightDecay / 2) as tf.Scalar;
}

/** valid_loss (and valid_acc for a classifier) with the model in inference mode. */
export async function evaluate(o: Pick<TrainOptions, 'model' | 'loss'>, set: DeviceSet): Promise<Partial<HistoryRow>> {
  const [loss, accuracy] = tf.tidy(() => {
    const output = o.model.apply(set.X, { training: false }) as Tensor;
    const lossValue = computeLoss(o.loss, output, set.Y);
    if (!set.labels) return [lossValue];
    const correct = tf.mean(tf.cast(tf.equal(tf.argMax(output, 1), set.labels), 'float32'));
    return [lossValue, correct];
  });
  const values = await Promise.all([loss.data(), accuracy?.data()]);
  loss.dispose();
  accuracy?.dispose();
  const row: Partial<HistoryRow> = { valid_loss: values[0][0] };
  if (values[1]) row.valid_acc = values[1][0];
  return row;
}

/** The context callbacks get for one fit; `current` makes the one of an epoch's row. */
export function makeContext(o: TrainOptions, history: HistoryRow[]) {
  return {
    current(epoch: number, row: HistoryRow): TrainingContext {
      return {
        epoch,
        history,
        row,
        stopTraining: false,
        getLearningRate: () => getLearningRate(o.optimizer),
        setLearningRate: (lr: number) => setLearningRate(o.optimizer, lr),
        snapshotWeights: () => o.model.getWeights().map((w) => w.dataSync().slice() as Float32Array),
        restoreWeights: (weights: Float32Array[]) => {
          const current = o.model.getWeights();
          const restored = weights.map((values, i) => tf.tensor(values, current[i].shape));
          o.model.setWeights(restored);
          tf.dispose(restored);
        },
      };
    },
  };
}
