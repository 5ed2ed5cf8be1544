/**
 * Deciding whether a model can use the lean training step: a Sequential stack of Dense
 * layers (with an optional Flatten first and LeakyReLU / Activation / rate-0 Dropout
 * after a linear Dense) trained on cross-entropy over the output (logits — or, with a
 * softmax output layer, the seed's "softmax twice"), on nll over a softmax output, or on
 * mean squared error. Before the Flatten there may be a convolutional front (conv-plan.ts).
 * Anything else — dropout, batch normalisation, regularisers, frozen layers, another loss —
 * is named in the returned reason and trained by the generic loop.
 */
import type { tf, LayersModel } from '../../backend/index.js';
import type { LossSpec } from '../losses.js';
import { isFeatureLayer, planFeatures, type FeaturePlan } from './conv-plan.js';
import { weightNamed, weightsProblem, type LayerConfig } from './layer-config.js';
import type { LeanActivation, LeanLoss } from './types.js';

export type { LeanActivation, LeanLoss };

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
  /** Convolutions and pooling before the Flatten (conv-plan.ts); absent for a Dense stack. */
  front?: FeaturePlan;
  layers: LeanLayer[];
  /** Features per sample after flattening. */
  inputSize: number;
  outputSize: number;
  loss: LeanLoss;
}

const LEAN_ACTIVATIONS = new Set<string>(['linear', 'relu', 'elu', 'tanh', 'sigmoid', 'leakyRelu']);
/** Softmax mixes a row's units: only the output layer may have it. */
const LEAN_OUTPUT_ACTIVATIONS = new Set<string>([...LEAN_ACTIVATIONS, 'softmax']);

/** The plan for the lean step, or a sentence saying why the generic loop must train this model. */
export function planLeanStep(model: LayersModel, loss: LossSpec): LeanPlan | string {
  if (model.getClassName() !== 'Sequential') return `the model is a ${model.getClassName()}, not a Sequential`;
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'the model has several inputs or outputs';
  const layers: LeanLayer[] = [];
  let denseSeen = false;
  const flatten = model.layers.findIndex((layer) => layer.getClassName() === 'Flatten');
  const beforeFlatten = flatten < 0 ? [] : model.layers.slice(0, flatten);
  let front: FeaturePlan | undefined;
  if (beforeFlatten.some(isFeatureLayer)) {
    const planned = planFeatures(model, beforeFlatten.filter((layer) => layer.getClassName() !== 'InputLayer'));
    if (typeof planned === 'string') return planned;
    front = planned;
  } else if (model.layers.some(isFeatureLayer)) {
    return 'the convolutions are not followed by a Flatten';
  }
  for (const layer of front ? model.layers.slice(flatten + 1) : model.layers) {
    const kind = layer.getClassName();
    const config = layer.getConfig() as LayerConfig;
    const last = layers[layers.length - 1];
    if (kind === 'InputLayer') continue;
    if (kind === 'Flatten' && !denseSeen) continue;
    if (kind === 'Dropout' && config.rate === 0) continue;
    if (kind === 'Dense') {
      const why = weightsProblem(layer, config, 2);
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
  const convs = front?.features.filter((f) => f.kind === 'conv') ?? [];
  const weights = [...layers, ...convs].reduce((count, l) => count + (l.bias ? 2 : 1), 0);
  if (model.trainableWeights.length !== weights) return `the model has trainable weights outside its ${front ? 'Conv2D and ' : ''}Dense layers`;
  const output = layers[layers.length - 1];
  const unknown = layers.find((l) => !(l === output ? LEAN_OUTPUT_ACTIVATIONS : LEAN_ACTIVATIONS).has(l.activation));
  if (unknown) return `activation '${unknown.activation}' of ${unknown.name} has no lean gradient`;
  const lossKind = leanLoss(loss);
  if (!lossKind) return `loss '${loss.name}' for ${loss.task} has no lean gradient`;
  if (lossKind === 'negativeLogLikelihood' && output.activation !== 'softmax') return "loss 'nll' without a softmax output layer has no lean gradient";
  const [inputSize] = layers[0].kernel.shape as [number, number];
  const [, outputSize] = output.kernel.shape as [number, number];
  const sampleSize = front ? front.flatSize : model.inputs[0].shape.slice(1).reduce((a: number, b) => a * (b ?? Number.NaN), 1);
  if (inputSize !== sampleSize) return `the first Dense layer takes ${inputSize} features, not the whole ${front ? 'flattened feature map' : 'sample'} of ${sampleSize}`;
  return { front, layers, inputSize, outputSize, loss: lossKind };
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
