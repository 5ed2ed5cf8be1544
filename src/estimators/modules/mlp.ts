/**
 * The built-in multi-layer perceptron: Dense → (BatchNorm) → activation → (Dropout) per
 * hidden layer, then a Dense output of one unit per class (logits) or per target.
 */
import { tf, type LayersModel } from '../../backend/index.js';
import type { ModuleContext, ModuleDefinition } from './registry.js';
import { layerInitializers, type InitName } from './initializers.js';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'leakyRelu', 'linear'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
export const OUTPUT_ACTIVATIONS = ['auto', 'linear', 'softmax'] as const;

export const MLP_DEFAULTS = {
  hiddenUnits: [100] as number[],
  activation: 'relu' as ActivationName,
  init: 'default' as InitName,
  dropout: 0,
  batchNorm: false,
  /** `auto`: softmax when the loss expects probabilities (nll), logits otherwise. */
  outputActivation: 'auto' as (typeof OUTPUT_ACTIVATIONS)[number],
};

type LayerConfigActivation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'linear' | 'softmax';

function buildMlp(context: ModuleContext): LayersModel {
  const p = { ...MLP_DEFAULTS, ...context.params } as typeof MLP_DEFAULTS;
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: context.inputShape }));
  if (context.inputShape.length > 1) model.add(tf.layers.flatten());
  p.hiddenUnits.forEach((units, layer) => {
    const inits = layerInitializers(p.init, context.seed, layer);
    const separateActivation = p.batchNorm || p.activation === 'leakyRelu';
    model.add(tf.layers.dense({ units, activation: separateActivation ? 'linear' : (p.activation as LayerConfigActivation), ...inits }));
    if (p.batchNorm) model.add(tf.layers.batchNormalization());
    if (p.activation === 'leakyRelu') model.add(tf.layers.leakyReLU({ alpha: 0.01 }));
    else if (p.batchNorm) model.add(tf.layers.activation({ activation: p.activation as LayerConfigActivation }));
    // No dropout seed: masks come from Math.random, which every fit seeds (core/rng), so
    // they are reproducible yet differ per step; a fixed seed repeats one mask every step.
    if (p.dropout > 0) model.add(tf.layers.dropout({ rate: p.dropout }));
  });
  const output = layerInitializers(p.init, context.seed, p.hiddenUnits.length);
  model.add(tf.layers.dense({ units: context.outputUnits, activation: outputLayerActivation(p.outputActivation, context), ...output }));
  return model;
}

/** `auto`: softmax when the loss expects probabilities (nll), logits otherwise. */
export function outputLayerActivation(choice: (typeof OUTPUT_ACTIVATIONS)[number], context: Pick<ModuleContext, 'lossExpects'>): 'linear' | 'softmax' {
  if (choice !== 'auto') return choice;
  return context.lossExpects === 'probabilities' ? 'softmax' : 'linear';
}

export const mlpModule: ModuleDefinition = {
  kind: 'gridfold.module',
  name: 'mlp',
  build: buildMlp,
  defaults: MLP_DEFAULTS,
};
