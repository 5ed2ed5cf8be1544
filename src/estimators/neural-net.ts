/**
 * The estimator: a parameter object (scikit-learn's contract — getParams, setParams,
 * clone) around a TensorFlow.js model. Fitted state lives apart from the parameters and
 * is dropped by `dispose()`.
 */
import {
  NotFittedError, DataError, deriveSeed, messages, withSeededMathRandom,
  type Features, type FeaturesInput, type HistoryRow, type Label, type Targets, type TargetsInput, type TaskKind,
} from '../core/index.js';
import { checkTwoClasses, checkXy, toFeatures } from '../data/index.js';
import { initBackend, type LayersModel, type Optimizer } from '../backend/index.js';
import { callbackFromJSON, isCallback, serializeCallback, type Callback } from './callbacks/index.js';
import { defaultsOf, mergeParams, rulesFor, type EstimatorParams, type ParamValues } from './params.js';
import { moduleToRef } from './modules/registry.js';
import type { LossSpec } from './losses.js';
import { buildModel } from './build-model.js';
import { summarizeEstimator, type SummaryOptions } from './estimator-summary.js';
import type { ModelSummary } from './summary.js';
import { makeOptimizer, type OptimizerSettings } from './optimizers.js';
import { trainLoop } from './train.js';
import type { TrainOptions } from './train-options.js';
import { disposeDeviceSet, toDeviceSet } from './device-data.js';
import { CheckedRows, forwardRows } from './forward-rows.js';
import { checkValidationData, splitForValidation } from './train-split.js';
import { saveEstimator } from './persist.js';
import type { EstimatorSpec } from './spec.js';

export interface FitOptions {
  /** A validation set used instead of the internal `trainSplit`. */
  validationData?: [FeaturesInput, TargetsInput];
  /**
   * y holds class ids 0..nClasses-1 rather than labels (a CV fold of an encoded y, where
   * some classes may be absent); the fitted estimator's classes are those ids.
   */
  nClasses?: number;
  /** y holds positions in these labels (a search's refit); the fitted estimator predicts them. */
  classes?: readonly Label[];
}

/** Training data as `fit` checks it: what `fitChecked` takes without checking it again. */
export interface FitData {
  X: Features;
  /** Sample i of y is row rows[i] of X (a search's fold: its rows are not copied out); else row i. */
  rows?: Int32Array;
  /** Regression targets, or a classifier's class ids (into `classes`, or 0..nClasses-1 when FitOptions give them). */
  y: Targets;
  /** The labels the ids stand for, when checking found them in y. */
  classes?: Label[];
}

/** What `planFit` settled: the checked data, the outputs, the validation split. */
export interface FitPlan {
  data: FitData;
  valid?: { X: Features; y: Targets };
  nOutputs: number;
  /** Classification: the labels of the outputs, in order. */
  classes?: Label[];
  warm: boolean;
  split?: { train: Int32Array; valid: Int32Array };
  /** The seed of the `Math.random` section the model is built (and trained) in. */
  mathRandomSeed: number;
}

/** A fit between its phases: the training loop's options, then exactly one of finish / fail. */
export interface FitSession {
  options: TrainOptions;
  /** Frees the uploaded rows and records the history: the estimator is fitted. */
  finish(history: HistoryRow[]): void;
  /** Frees the uploaded rows and the half-trained model. */
  fail(): void;
}

interface FittedState {
  model: LayersModel;
  optimizer: Optimizer;
  loss: LossSpec;
  nOutputs: number;
  sampleShape: number[];
  /** Classification: the label of each output unit (sorted, as given to fit). */
  classes?: Label[];
}

export abstract class NeuralNet {
  readonly task: TaskKind;
  protected params: ParamValues;
  private readonly rules: ReturnType<typeof rulesFor>;
  /** One row per epoch of the last fit (all fits with warmStart). */
  history: HistoryRow[] = [];
  protected fitted: FittedState | undefined;

  constructor(params: EstimatorParams, task: TaskKind) {
    this.task = task;
    this.rules = rulesFor(task);
    this.params = mergeParams(this.constructor.name, this.rules, defaultsOf(this.rules), params);
  }

  getParams(): ParamValues {
    return { ...this.params, callbacks: [...this.params.callbacks] };
  }

  setParams(updates: EstimatorParams): this {
    this.params = mergeParams(this.constructor.name, this.rules, this.params, updates);
    return this;
  }

  /**
   * Checks one value as setParams would, without changing anything (used by grids). In a
   * grid that varies `module`, a `module.*` name must suit every module of its sub-grid
   * (`alongside.module`), not the estimator's own.
   */
  checkParam(name: string, value: unknown, alongside: Readonly<Record<string, readonly unknown[]>> = {}): void {
    const modules = name !== 'module' && alongside.module !== undefined ? alongside.module : [undefined];
    for (const module of modules) {
      mergeParams(this.constructor.name, this.rules, this.params, module === undefined ? { [name]: value } : { module, [name]: value });
    }
  }

  /** A new, unfitted estimator with equal parameters (callbacks rebuilt fresh). */
  clone(): this {
    const params = { ...this.params, callbacks: this.params.callbacks.map(cloneCallback) };
    return new (this.constructor as new (p: EstimatorParams) => this)(params);
  }

  toSpec(): EstimatorSpec {
    const params = { ...this.params, module: moduleToRef(this.params.module), callbacks: this.params.callbacks.map(serializeCallback) };
    return { className: this.constructor.name, params };
  }

  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  get model(): LayersModel {
    return this.requireFitted('model').model;
  }

  async fit(X: FeaturesInput, y: TargetsInput, options: FitOptions = {}): Promise<this> {
    return this.fitChecked(this.checkData(X, y, options), options);
  }

  /** X and y checked as `fit` checks them (the messages name `<Class>.fit`); a classifier's labels become ids into `classes`. */
  checkData(X: FeaturesInput, y: TargetsInput, options: Pick<FitOptions, 'nClasses' | 'classes'> = {}): FitData {
    const known = options.classes?.length ?? options.nClasses;
    return checkXy(X, y, { owner: `${this.constructor.name}.fit`, task: this.task, nClasses: known });
  }

  /**
   * `fit` on data that has been checked already: a search checks its data once and each
   * fold trains on rows taken from it, which need no second check.
   */
  async fitChecked(data: FitData, options: FitOptions = {}): Promise<this> {
    const plan = await this.planFit(data, options);
    await withSeededMathRandom(plan.mathRandomSeed, async () => {
      const session = await this.openFit(plan);
      let history: HistoryRow[];
      try {
        history = await trainLoop(session.options);
      } catch (error) {
        session.fail();
        throw error;
      }
      session.finish(history);
    });
    return this;
  }

  /**
   * The first phase of `fit`, on checked data: settles what the fit will do, touching no
   * tensor. Fold-batched training (src/estimators/fold-batch.ts) runs the phases of
   * several estimators itself; `fit` is all three in a row.
   */
  async planFit(data: FitData, options: FitOptions = {}): Promise<FitPlan> {
    const owner = `${this.constructor.name}.fit`;
    const known = options.classes?.length ?? options.nClasses;
    const classes = this.task === 'regression' ? undefined
      : options.classes ? [...options.classes] : data.classes ?? Array.from({ length: known! }, (_, id) => id);
    if (classes && known === undefined) checkTwoClasses(classes);
    const valid = options.validationData ? checkValidationData(options.validationData, `${owner} validationData`, this.task, known, classes) : undefined;
    await initBackend();
    const seed = this.params.seed;
    const nOutputs = this.outputUnits(data.y, classes?.length, valid?.y);
    const warm = this.params.warmStart && this.fitted !== undefined;
    const split = valid ? undefined : splitForValidation(this.task, data.y, this.params.trainSplit, deriveSeed(seed, 'train-split'));
    return { data, valid, nOutputs, classes, warm, split, mathRandomSeed: deriveSeed(seed, 'math-random') };
  }

  /**
   * The second phase: builds the model (or keeps it, warm), uploads the training and validation
   * rows and returns the loop's options with the way to end the fit. Run it inside
   * `withSeededMathRandom(plan.mathRandomSeed, …)` as `fit` does: the same initial weights anywhere.
   */
  async openFit(plan: FitPlan): Promise<FitSession> {
    const p = this.params;
    const { data, valid, nOutputs, warm, split } = plan;
    if (!warm) this.dispose();
    const state = warm ? this.fitted! : await this.build(data.X.sampleShape, nOutputs);
    state.classes = plan.classes;
    this.fitted = state;
    const trainSet = toDeviceSet(this.task, data, nOutputs, split?.train);
    const validSet = valid
      ? toDeviceSet(this.task, valid, nOutputs)
      : split && split.valid.length > 0 ? toDeviceSet(this.task, data, nOutputs, split.valid) : undefined;
    const release = () => {
      disposeDeviceSet(trainSet);
      disposeDeviceSet(validSet);
    };
    return {
      options: {
        model: state.model, optimizer: state.optimizer, loss: state.loss, train: trainSet, valid: validSet,
        batchSize: p.batchSize, maxEpochs: p.maxEpochs, shuffle: p.shuffle,
        seed: p.seed, weightDecay: p['optimizer.weightDecay'], callbacks: p.callbacks,
        verbose: p.verbose, firstEpoch: warm ? this.history.length : 0,
        log: (line) => process.stdout.write(`${line}\n`),
      },
      finish: (history) => {
        release();
        this.history = warm ? [...this.history, ...history] : history;
      },
      fail: () => {
        release();
        // A failed fit leaves no half-trained model behind (a warm start keeps its own).
        if (!warm) this.dispose();
      },
    };
  }

  /** The module's raw output for X (logits or probabilities), as a row-major array. */
  protected async forward(X: FeaturesInput | CheckedRows, method: string, probabilities: boolean): Promise<{ values: Float32Array; n: number; k: number }> {
    const state = this.requireFitted(method);
    const { features, rows } = X instanceof CheckedRows ? X : { features: this.checkFeatures(X, method, state), rows: undefined };
    return { values: await forwardRows(state.model, state.loss, features, state.nOutputs, probabilities, rows), n: rows?.length ?? features.nSamples, k: state.nOutputs };
  }

  /**
   * torchinfo's summary: per layer the output shape and parameters, the totals, the
   * mult-adds of a forward pass over a batch and the memory; `verbose: 1` prints the table.
   * Unfitted, it summarises the model `fit` would build for `inputShape` and `nOutputs`.
   */
  summary(options: SummaryOptions = {}): Promise<ModelSummary> {
    return summarizeEstimator(this, `${this.constructor.name}.summary`, options, (text) => process.stdout.write(`${text}\n`));
  }

  /** Writes model.json + weights.bin (tfjs' file layout) and gridfold.json to `dir`. */
  async save(dir: string): Promise<void> {
    const state = this.requireFitted('save');
    await saveEstimator({ ...this.toSpec(), nOutputs: state.nOutputs, sampleShape: state.sampleShape, history: this.history, ...(state.classes ? { classes: state.classes } : {}) }, state.model, dir);
  }

  /** Installs a fitted model (used by `load`). */
  restoreFitted(model: LayersModel, nOutputs: number, sampleShape: number[], history: HistoryRow[], classes?: Label[]): void {
    this.dispose();
    const last = model.layers[model.layers.length - 1].getConfig() as { activation?: string };
    const loss: LossSpec = { name: this.params.loss, outputsProbabilities: last.activation === 'softmax', task: this.task };
    this.fitted = { model, optimizer: makeOptimizer(this.optimizerSettings()), loss, nOutputs, sampleShape };
    // Files saved before labels were kept hold class ids 0..nOutputs-1.
    if (this.task === 'classification') this.fitted.classes = classes ?? Array.from({ length: nOutputs }, (_, id) => id);
    this.history = history;
  }

  /** Frees the model and optimizer; the estimator keeps its parameters and can fit again. */
  dispose(): void {
    if (!this.fitted) return;
    this.fitted.model.dispose();
    this.fitted.optimizer.dispose();
    this.fitted = undefined;
  }

  protected abstract outputUnits(y: Targets, nClasses: number | undefined, validY: Targets | undefined): number;

  protected requireFitted(method: string): FittedState {
    if (!this.fitted) throw new NotFittedError(messages.notFitted(this.constructor.name, method));
    return this.fitted;
  }

  private checkFeatures(X: FeaturesInput, method: string, state: FittedState): Features {
    const owner = `${this.constructor.name}.${method}`;
    const features = toFeatures(X, { owner, sampleShape: state.sampleShape });
    if (features.sampleShape.join('x') !== state.sampleShape.join('x')) {
      throw new DataError(messages.featuresMismatch(owner, state.sampleShape, features.sampleShape));
    }
    return features;
  }

  private async build(sampleShape: number[], nOutputs: number): Promise<FittedState> {
    const { model, loss } = await buildModel(this.params, this.task, sampleShape, nOutputs);
    return { model, optimizer: makeOptimizer(this.optimizerSettings()), loss, nOutputs, sampleShape };
  }

  private optimizerSettings(): OptimizerSettings {
    const p = this.params;
    return {
      name: p.optimizer, lr: p.lr, momentum: p['optimizer.momentum'], nesterov: p['optimizer.nesterov'],
      beta1: p['optimizer.beta1'], beta2: p['optimizer.beta2'], epsilon: p['optimizer.epsilon'], rho: p['optimizer.rho'],
    };
  }
}

function cloneCallback(callback: Callback): Callback {
  return isCallback(callback) && typeof callback.toJSON === 'function' ? callbackFromJSON(callback.toJSON()) : callback;
}
