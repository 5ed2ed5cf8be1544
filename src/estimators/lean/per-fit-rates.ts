/**
 * SGD and momentum for stacked fits that each have their own learning rate (candidates of
 * a grid that differ only in lr, trained as one stacked model). tfjs' optimizers hold −lr
 * as one scalar; this is their update, op for op (sgd_optimizer.js, momentum_optimizer.js),
 * with −lr as a [k, 1, …] tensor that scales each fit's slice, so each fit's weights follow
 * the same float operations as when it trains alone.
 */
import { tf, type Tensor } from '../../backend/index.js';

/** The optimizers whose stacked fits may each have a learning rate (class names as tfjs gives them). */
export const PER_FIT_RATE_OPTIMIZERS: readonly string[] = ['SGD', 'Momentum'];

export interface PerFitRateSettings {
  /** One learning rate per fit, in stacking order. */
  rates: readonly number[];
  /** Momentum's coefficient; undefined for plain SGD. */
  momentum?: number;
  useNesterov?: boolean;
}

export class PerFitRateOptimizer {
  private readonly negativeRates = new Map<number, Tensor>();
  private readonly momentum: Tensor | undefined;
  private readonly accumulations = new Map<string, tf.Variable>();

  constructor(private readonly settings: PerFitRateSettings) {
    this.momentum = settings.momentum === undefined ? undefined : tf.keep(tf.scalar(settings.momentum));
  }

  /** Same contract as tfjs' `applyGradients`: gradients by variable name. */
  applyGradients(gradients: Record<string, Tensor>): void {
    for (const [name, gradient] of Object.entries(gradients)) {
      const value = tf.engine().registeredVariables[name];
      const c = this.negativeRateFor(value.rank);
      if (this.momentum === undefined) {
        tf.tidy(() => value.assign(tf.add(tf.mul(c, gradient), value)));
        continue;
      }
      const m = this.momentum;
      let accumulation = this.accumulations.get(name);
      if (!accumulation) {
        accumulation = tf.tidy(() => tf.zerosLike(value).variable(false));
        this.accumulations.set(name, accumulation);
      }
      const held = accumulation;
      tf.tidy(() => {
        const newAccumulation = tf.add(tf.mul(m, held), gradient);
        const newValue = this.settings.useNesterov
          ? tf.add(tf.mul(c, tf.add(gradient, tf.mul(newAccumulation, m))), value)
          : tf.add(tf.mul(c, newAccumulation), value);
        held.assign(newAccumulation);
        value.assign(newValue);
      });
    }
  }

  dispose(): void {
    tf.dispose([...this.negativeRates.values(), ...this.accumulations.values(), ...(this.momentum ? [this.momentum] : [])]);
    this.negativeRates.clear();
    this.accumulations.clear();
  }

  /** −lr per fit, shaped [k, 1, …] to broadcast over a stacked variable of this rank. */
  private negativeRateFor(rank: number): Tensor {
    let c = this.negativeRates.get(rank);
    if (!c) {
      const k = this.settings.rates.length;
      c = tf.keep(tf.tensor(this.settings.rates.map((rate) => -rate), [k, ...new Array<number>(rank - 1).fill(1)]));
      this.negativeRates.set(rank, c);
    }
    return c;
  }
}
