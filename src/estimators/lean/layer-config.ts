/** What the lean plans read of a tfjs-layers layer: its config and its trainable weights. */
import type { tf, LayersModel } from '../../backend/index.js';

export type Layer = LayersModel['layers'][number];

/** The config fields the plans look at (Dense, Conv2D, pooling, Dropout, activation and Reshape layers). */
export interface LayerConfig {
  activation?: string;
  useBias?: boolean;
  rate?: number;
  alpha?: number;
  dataFormat?: string;
  dilationRate?: number | number[];
  strides?: number | number[];
  poolSize?: number | number[];
  padding?: string | number;
  targetShape?: number[];
  [key: string]: unknown;
}

const REGULARIZER_KEYS = ['kernelRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'biasConstraint'];

/** A layer's `kernel` or `bias` variable (tfjs names them `<layer>/kernel`, `<layer>/bias`). */
export function weightNamed(layer: Layer, name: 'kernel' | 'bias'): tf.Variable | undefined {
  const weight = layer.trainableWeights.find((w) => w.originalName.endsWith(`/${name}`));
  return weight?.read() as tf.Variable | undefined;
}

/**
 * Why the lean step cannot train a Dense or Conv2D layer's weights (frozen, regularised or
 * constrained, weights other than a kernel of `kernelRank` and the bias its config names),
 * or undefined when it can.
 */
export function weightsProblem(layer: Layer, config: LayerConfig, kernelRank: number): string | undefined {
  if (!layer.trainable) return `layer ${layer.name} is frozen`;
  for (const key of REGULARIZER_KEYS) if (config[key] != null) return `layer ${layer.name} has a ${key}`;
  const kernel = weightNamed(layer, 'kernel');
  const expected = config.useBias ? 2 : 1;
  if (layer.trainableWeights.length !== expected || !kernel || kernel.shape.length !== kernelRank || (config.useBias && !weightNamed(layer, 'bias'))) {
    return `layer ${layer.name} has unexpected weights`;
  }
  return undefined;
}
