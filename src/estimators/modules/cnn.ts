/**
 * The built-in convolutional network: per block of `module.convs` a Conv2D → (BatchNorm)
 * → activation → (max pool), then Flatten, per `module.dense` width a Dense → (BatchNorm)
 * → activation, dropout before every Dense, and a Dense output as the mlp's. Block fields
 * follow PyTorch's Conv2d / MaxPool2d (stride, pool stride defaulting to the pool, pool
 * padding that never wins the max), so the seed's DemoNetwork is
 * `[{ filters: 16, kernel: 3, padding: 'same', pool: 2 }, { filters: 32, kernel: 3, pool: 2, poolPadding: 1 },
 *   { filters: 8, kernel: 1 }, { filters: 4, kernel: 5 }]` with activation 'none'.
 */
import { DataError, messages } from '../../core/index.js';
import { tf, type LayersModel } from '../../backend/index.js';
import type { ModuleContext, ModuleDefinition } from './registry.js';
import { layerInitializers } from './initializers.js';
import { ACTIVATIONS, MLP_DEFAULTS, outputLayerActivation, type ActivationName } from './mlp.js';
import { PaddedMaxPooling2D } from './padded-max-pool.js';
import { planConvBlocks, type ConvBlock } from './cnn-blocks.js';

/** The mlp's activations, and 'none': no activation at all, as between the seed's convs. */
export const CNN_ACTIVATIONS = [...ACTIVATIONS, 'none'] as const;
export type CnnActivationName = (typeof CNN_ACTIVATIONS)[number];

/** Keras' MNIST convnet without its dropout; init, dropout, batch norm and output as the mlp's. */
export const CNN_DEFAULTS = {
  convs: [{ filters: 32, kernel: 3, pool: 2 }, { filters: 64, kernel: 3, pool: 2 }] as ConvBlock[],
  dense: [] as number[],
  activation: 'relu' as CnnActivationName,
  init: MLP_DEFAULTS.init,
  dropout: MLP_DEFAULTS.dropout,
  batchNorm: MLP_DEFAULTS.batchNorm,
  outputActivation: MLP_DEFAULTS.outputActivation,
};

/** Refuses an input that is not an image: [height, width, channels]. */
export function checkImageShape(inputShape: readonly number[]): void {
  if (inputShape.length !== 3) throw new DataError(messages.cnnNeedsImages(inputShape));
}

type Sequential = ReturnType<typeof tf.sequential>;

function buildCnn(context: ModuleContext): LayersModel {
  const p = { ...CNN_DEFAULTS, ...context.params } as typeof CNN_DEFAULTS;
  checkImageShape(context.inputShape);
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: context.inputShape }));
  let layer = 0;
  for (const block of planConvBlocks(p.convs, context.inputShape)) {
    const { filters, kernel, stride, padding, pool, poolStride, poolPadding } = block;
    model.add(tf.layers.conv2d({
      filters, kernelSize: kernel, strides: stride, padding, activation: fusedActivation(p), ...layerInitializers(p.init, context.seed, layer++),
    }));
    addSeparateActivation(model, p);
    if (pool === undefined) continue;
    model.add(poolPadding === 0
      ? tf.layers.maxPooling2d({ poolSize: pool, strides: poolStride, padding: 'valid' })
      : new PaddedMaxPooling2D({ poolSize: pool, strides: poolStride, padding: poolPadding }));
  }
  model.add(tf.layers.flatten());
  for (const units of p.dense) {
    addDropout(model, p.dropout);
    model.add(tf.layers.dense({ units, activation: fusedActivation(p), ...layerInitializers(p.init, context.seed, layer++) }));
    addSeparateActivation(model, p);
  }
  addDropout(model, p.dropout);
  const output = layerInitializers(p.init, context.seed, layer);
  model.add(tf.layers.dense({ units: context.outputUnits, activation: outputLayerActivation(p.outputActivation, context), ...output }));
  return model;
}

type LayerActivation = Exclude<ActivationName, 'leakyRelu'>;

/** The activation the conv or dense layer applies itself (tfjs fuses it with the bias). */
function fusedActivation(p: typeof CNN_DEFAULTS): LayerActivation {
  if (p.batchNorm || p.activation === 'leakyRelu' || p.activation === 'none') return 'linear';
  return p.activation;
}

/** Batch norm goes between the layer and its activation, which then needs a layer of its own. */
function addSeparateActivation(model: Sequential, p: typeof CNN_DEFAULTS): void {
  if (p.batchNorm) model.add(tf.layers.batchNormalization());
  if (p.activation === 'leakyRelu') model.add(tf.layers.leakyReLU({ alpha: 0.01 }));
  else if (p.batchNorm && p.activation !== 'none' && p.activation !== 'linear') model.add(tf.layers.activation({ activation: p.activation }));
}

function addDropout(model: Sequential, rate: number): void {
  // No seed, as in the mlp: masks come from the fit's seeded Math.random.
  if (rate > 0) model.add(tf.layers.dropout({ rate }));
}

export const cnnModule: ModuleDefinition = {
  kind: 'gridfold.module',
  name: 'cnn',
  build: buildCnn,
  defaults: CNN_DEFAULTS,
};
