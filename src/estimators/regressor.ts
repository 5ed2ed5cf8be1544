import type { Features, FeaturesInput, TargetsInput } from '../core/index.js';
import type { EstimatorParams } from './params.js';
import { checkXy } from '../data/index.js';
import { NeuralNet } from './neural-net.js';
import { CheckedRows } from './forward-rows.js';
import { loadEstimator } from './persist.js';

/** A neural network regressor of one target; `score` is R². */
export class NeuralNetRegressor extends NeuralNet {
  constructor(params: EstimatorParams = {}) {
    super(params, 'regression');
  }

  async predict(X: FeaturesInput): Promise<Float32Array> {
    return (await this.forward(X, 'predict', false)).values;
  }

  /** predict of rows of features checked already (a search's data): neither checked again nor copied first. */
  async predictRows(X: Features, rows: Int32Array): Promise<Float32Array> {
    return (await this.forward(new CheckedRows(X, rows), 'predict', false)).values;
  }

  /** The coefficient of determination R² on (X, y). */
  async score(X: FeaturesInput, y: TargetsInput): Promise<number> {
    const data = checkXy(X, y, { owner: 'NeuralNetRegressor.score', task: 'regression' });
    const predicted = await this.predict(X);
    const truth = data.y;
    let mean = 0;
    for (let i = 0; i < truth.length; i++) mean += truth[i];
    mean /= truth.length;
    let residual = 0;
    let total = 0;
    for (let i = 0; i < truth.length; i++) {
      residual += (truth[i] - predicted[i]) ** 2;
      total += (truth[i] - mean) ** 2;
    }
    // scikit-learn's convention for constant targets: 1 when predicted exactly, else 0.
    if (total === 0) return residual === 0 ? 1 : 0;
    return 1 - residual / total;
  }

  protected outputUnits(): number {
    return 1;
  }

  static async load(dir: string): Promise<NeuralNetRegressor> {
    return loadEstimator(dir, NeuralNetRegressor);
  }
}
