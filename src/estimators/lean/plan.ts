/**
 * Deciding whether a model can use the lean training step: a Sequential stack of Dense
 * layers (with an optional Flatten first and LeakyReLU / Activation / rate-0 Dropout
 * after a linear Dense) trained on cross-entropy over the output (logits — or, with a
 * softmax output layer, the seed's "softmax twice"), on nll over a softmax output, or on
 * mean squared error. Anything else — dropout, batch normalisation, regularisers, frozen layers,
 * another loss — is named in the returned reason and trained by the generic loop.
 */
import type { tf, LayersModel } from '../../backend/index.js';
import type { LossSpec } from '../losses.js';

export type LeanActivation = 'linear' | 'relu' | 'elu' | 'tanh' | 'sigmoid' | 'leakyRelu' | 'softmax';
export type LeanLoss = 'softmaxCrossEntropy' | 'negativeLogLikelihood' | 'meanSquaredError';

export interface LeanLayer {
  /** The Dense layer's name, for messages. */
  name: string;
  kernel: tf.Variable;
  bias: tf.Variable | undefined;
  activation: LeanActivation;
  /** Negative slope of leakyRelu (unused otherwise). */
  alpha: number;
}

export interface LeanPlan {
  layers: LeanLayer[];
  /** Features per sample after flattening. */
  inputSize: number;
  outputSize: number;
  loss: LeanLoss;
}

const LEAN_ACTIVATIONS = new Set<string>(['linear', 'relu', 'elu', 'tanh', 'sigmoid', 'leakyRelu']);
/** Softmax mixes a row's units: only the output layer may have it. */
const LEAN_OUTPUT_ACTIVATIONS = new Set<string>([...LEAN_ACTIVATIONS, 'softmax']);
const REGULARIZER_KEYS = ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint'];

interface LayerConfig {
  activation?: string;
  useBias?: boolean;
  rate?: number;
  alpha?: number;
  [key: string]: unknown;
}

/** The plan for the lean step, or a sentence saying why the generic loop must train this model. */
export function planLeanStep(model: LayersModel, loss: LossSpec): LeanPlan | string {
  if (model.getClassName() !== 'Sequential') return `the model is a ${model.getClassName()}, not a Sequential`;
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'the model has several inputs or outputs';
  const layers: LeanLayer[] = [];
  let denseSeen = false;
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    const config = layer.getConfig() as LayerConfig;
    const last = layers[layers.length - 1];
    if (kind === 'InputLayer') continue;
    if (kind === 'Flatten' && !denseSeen) continue;
    if (kind === 'Dropout' && config.rate === 0) continue;
    if (kind === 'Dense') {
      const why = denseProblem(layer, config);
      if (why) return why;
      const kernel = weightNamed(layer, 'kernel') as tf.Variable;
      const bias = config.useBias ? weightNamed(layer, 'bias') : undefined;
      layers.push({ name: layer.name, kernel, bias, activation: config.activation as LeanActivation, alpha: 0 });
      denseSeen = true;
      continue;
    }
    // A separate activation layer folds into the Dense before it when that one is linear.
    if ((kind === 'LeakyReLU' || kind === 'Activation') && last && last.activation === 'linear') {
      if (kind === 'LeakyReLU') {
        last.activation = 'leakyRelu';
        last.alpha = config.alpha ?? 0.3;
        continue;
      }
      last.activation = config.activation as LeanActivation;
      continue;
    }
    return `layer ${layer.name} (${kind}${kind === 'Dropout' ? `, rate ${config.rate}` : ''}) is not part of a plain Dense stack`;
  }
  if (layers.length === 0) return 'the model has no Dense layer';
  const weights = layers.reduce((count, l) => count + (l.bias ? 2 : 1), 0);
  if (model.trainableWeights.length !== weights) return 'the model has trainable weights outside its Dense layers';
  const output = layers[layers.length - 1];
  const unknown = layers.find((l) => !(l === output ? LEAN_OUTPUT_ACTIVATIONS : LEAN_ACTIVATIONS).has(l.activation));
  if (unknown) return `activation '${unknown.activation}' of ${unknown.name} has no lean gradient`;
  const lossKind = leanLoss(loss);
  if (!lossKind) return `loss '${loss.name}' for ${loss.task} has no lean gradient`;
  if (lossKind === 'negativeLogLikelihood' && output.activation !== 'softmax') return "loss 'nll' without a softmax output layer has no lean gradient";
  const [inputSize] = layers[0].kernel.shape as [number, number];
  const [, outputSize] = output.kernel.shape as [number, number];
  const sampleSize = model.inputs[0].shape.slice(1).reduce((a: number, b) => a * (b ?? Number.NaN), 1);
  if (inputSize !== sampleSize) return `the first Dense layer takes ${inputSize} features, not the whole sample of ${sampleSize}`;
  return { layers, inputSize, outputSize, loss: lossKind };
}

function denseProblem(layer: LayersModel['layers'][number], config: LayerConfig): string | undefined {
  if (!layer.trainable) return `layer ${layer.name} is frozen`;
  for (const key of REGULARIZER_KEYS) if (config[key] != null) return `layer ${layer.name} has a ${key}`;
  const kernel = weightNamed(layer, 'kernel');
  const expected = config.useBias ? 2 : 1;
  if (layer.trainableWeights.length !== expected || !kernel || kernel.shape.length !== 2 || (config.useBias && !weightNamed(layer, 'bias'))) {
    return `layer ${layer.name} has unexpected weights`;
  }
  return undefined;
}

/** A Dense layer's `kernel` or `bias` variable (tfjs names them `<layer>/kernel`, `<layer>/bias`). */
function weightNamed(layer: LayersModel['layers'][number], name: 'kernel' | 'bias'): tf.Variable | undefined {
  const weight = layer.trainableWeights.find((w) => w.originalName.endsWith(`/${name}`));
  return weight?.read() as tf.Variable | undefined;
}

/**
 * crossEntropy on the output (the classifier default), nll on softmax probabilities
 * (skorch's default) and mse on a regressor's outputs; a classifier's mse compares softmax
 * probabilities and stays with the generic loop.
 */
function leanLoss(loss: LossSpec): LeanLoss | undefined {
  if (loss.name === 'crossEntropy' && loss.task === 'classification') return 'softmaxCrossEntropy';
  if (loss.name === 'nll' && loss.task === 'classification') return 'negativeLogLikelihood';
  if (loss.name === 'mse' && loss.task === 'regression') return 'meanSquaredError';
  return undefined;
}
