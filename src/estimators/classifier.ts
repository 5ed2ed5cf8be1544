import { DataError, argmaxRows, maxLabel, messages, type Features, type FeaturesInput, type Label, type Targets, type TargetsInput } from '../core/index.js';
import type { EstimatorParams } from './params.js';
import { decodeLabels, labelIds } from '../data/index.js';
import { NeuralNet } from './neural-net.js';
import { CheckedRows } from './forward-rows.js';
import { loadEstimator } from './persist.js';

/**
 * A neural network classifier. y holds any labels (numbers, strings or booleans); `classes`
 * are their sorted distinct values, `predict` gives labels and `predictProba`'s columns
 * follow `classes`, as scikit-learn's classifiers do.
 */
export class NeuralNetClassifier extends NeuralNet {
  constructor(params: EstimatorParams = {}) {
    super(params, 'classification');
  }

  /** Class probabilities, row-major (n × classes), column j for `classes[j]`. */
  async predictProba(X: FeaturesInput): Promise<Float32Array> {
    return (await this.forward(X, 'predictProba', true)).values;
  }

  /** predictProba of rows of features checked already (a search's data): neither checked again nor copied first. */
  async predictProbaRows(X: Features, rows: Int32Array): Promise<Float32Array> {
    return (await this.forward(new CheckedRows(X, rows), 'predictProba', true)).values;
  }

  /**
   * The most probable class of each sample, as a label: an Int32Array when every class is a
   * 32-bit integer, else an array of the labels (strings, booleans, fractions).
   */
  async predict(X: FeaturesInput): Promise<Int32Array | Label[]> {
    return decodeLabels(await this.predictIds(X, 'predict'), this.classes);
  }

  /** Mean accuracy on (X, y); a label the model was not fitted on counts as wrong. */
  async score(X: FeaturesInput, y: TargetsInput): Promise<number> {
    const owner = 'NeuralNetClassifier.score';
    const predicted = await this.predictIds(X, 'score');
    if (!Array.isArray(y) && !ArrayBuffer.isView(y)) throw new DataError(messages.targetsNotSupported(owner, y));
    if (y.length !== predicted.length) throw new DataError(messages.samplesMismatch(owner, predicted.length, y.length));
    const truth = labelIds(y as ArrayLike<unknown>, this.classes, owner, false);
    let correct = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === truth[i]) correct++;
    return correct / predicted.length;
  }

  /** The sorted distinct labels of the y the model was fitted on (scikit-learn's classes_). */
  get classes(): Label[] {
    const state = this.requireFitted('classes');
    return state.classes ?? Array.from({ length: state.nOutputs }, (_, id) => id);
  }

  /** Positions in `classes` of the most probable class of each sample. */
  private async predictIds(X: FeaturesInput, method: string): Promise<Int32Array> {
    const { values, k } = await this.forward(X, method, false);
    return argmaxRows(values, k);
  }

  get nClasses(): number {
    return this.requireFitted('nClasses').nOutputs;
  }

  protected outputUnits(y: Targets, nClasses: number | undefined, validY: Targets | undefined): number {
    const largest = Math.max(maxLabel(y), validY ? maxLabel(validY) : 0);
    const units = nClasses ?? largest + 1;
    if (largest >= units) throw new DataError(messages.classesMismatch('NeuralNetClassifier.fit', units, largest));
    if (this.isFitted && this.params.warmStart && units !== this.nClasses) {
      throw new DataError(messages.classesMismatch('NeuralNetClassifier.fit', this.nClasses, largest));
    }
    return units;
  }

  static async load(dir: string): Promise<NeuralNetClassifier> {
    return loadEstimator(dir, NeuralNetClassifier);
  }
}
