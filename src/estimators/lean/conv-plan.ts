/**
 * The convolutional front of a lean plan: the layers before a Sequential's Flatten, when
 * they are Conv2D (channels-last, dilation 1), max pooling (MaxPooling2D 'valid' / 'same',
 * or gridfold's PaddedMaxPooling2D: PyTorch's MaxPool2d(k, s, p)), an activation layer
 * after a linear conv, rate-0 Dropout, and a Reshape of flat rows into images first. Each
 * conv keeps tfjs' own geometry (backend_util.computeConv2DInfo) for one image. Anything
 * else — batch norm, average pooling, strided dilation, regularisers, frozen layers — is
 * named in the returned reason and the model trains with the generic loop.
 *
 * The lean conv step runs on gridfold's wasm kernels (im2col, col2im, max pooling with
 * indices) only; on any other backend the reason says so.
 */
import { kernelModuleAvailable, tf, type LayersModel } from '../../backend/index.js';
import type { LeanActivation } from './types.js';
import { weightNamed, weightsProblem, type Layer, type LayerConfig } from './layer-config.js';

type Conv2DInfo = tf.backend_util.Conv2DInfo;

export interface ConvLayer {
  kind: 'conv';
  name: string;
  /** [filter_h, filter_w, in_channels, out_channels]. */
  kernel: tf.Variable;
  bias: tf.Variable | undefined;
  activation: LeanActivation;
  alpha: number;
  /** tfjs' geometry for one image. */
  info: Conv2DInfo;
  /** 1×1, unit stride, no padding: the im2col columns are the input itself. */
  pointwise: boolean;
}

export interface PoolLayer {
  kind: 'pool';
  name: string;
  /** tfjs' pooling geometry for one image (padding never wins the max). */
  info: Conv2DInfo;
}

export type FeatureLayer = ConvLayer | PoolLayer;

export interface FeaturePlan {
  features: FeatureLayer[];
  /** One sample as an image [height, width, channels]. */
  imageShape: [number, number, number];
  /** What Flatten hands the Dense head: height · width · channels after the last feature layer. */
  flatSize: number;
}

const CONV_ACTIVATIONS = new Set<string>(['linear', 'relu', 'elu', 'tanh', 'sigmoid']);
const pair = (value: number | number[] | undefined, fallback: number): [number, number] => {
  if (value === undefined) return [fallback, fallback];
  return typeof value === 'number' ? [value, value] : [value[0], value[1] ?? value[0]];
};

/** Whether a layer belongs to the convolutional front (the lean plan then asks planFeatures). */
export function isFeatureLayer(layer: Layer): boolean {
  return ['Conv2D', 'MaxPooling2D', 'PaddedMaxPooling2D'].includes(layer.getClassName());
}

/** The front's plan for `layers` (everything before Flatten), or a sentence saying why the generic loop must train it. */
export function planFeatures(model: LayersModel, layers: readonly Layer[]): FeaturePlan | string {
  if (!kernelModuleAvailable()) return `the lean step's convolutions run on gridfold's wasm kernels, and the backend is ${tf.getBackend()}`;
  const sample = model.inputs[0].shape.slice(1);
  let shape: number[] | undefined = sample.every((d) => typeof d === 'number') ? (sample as number[]) : undefined;
  if (!shape) return `the model's input shape [${sample.join(', ')}] is not fixed`;
  let imageShape: [number, number, number] | undefined = shape.length === 3 ? (shape as [number, number, number]) : undefined;
  const features: FeatureLayer[] = [];
  for (const layer of layers) {
    const kind = layer.getClassName();
    const config = layer.getConfig() as LayerConfig;
    const last = features[features.length - 1];
    if (kind === 'Reshape' && features.length === 0 && config.targetShape?.length === 3) {
      shape = config.targetShape;
      imageShape = shape as [number, number, number];
      continue;
    }
    if (kind === 'Dropout' && config.rate === 0) continue;
    if (!imageShape || shape.length !== 3) return `layer ${layer.name} (${kind}) does not get images [height, width, channels]`;
    if (kind === 'Conv2D') {
      const conv = convLayer(layer, config, shape as [number, number, number]);
      if (typeof conv === 'string') return conv;
      features.push(conv);
      shape = [conv.info.outHeight, conv.info.outWidth, conv.info.outChannels];
      continue;
    }
    if (kind === 'MaxPooling2D' || kind === 'PaddedMaxPooling2D') {
      const pool = poolLayer(layer, config, shape as [number, number, number]);
      if (typeof pool === 'string') return pool;
      features.push(pool);
      shape = [pool.info.outHeight, pool.info.outWidth, pool.info.outChannels];
      continue;
    }
    // A separate activation folds into the conv before it when that one is linear.
    if ((kind === 'LeakyReLU' || kind === 'Activation') && last?.kind === 'conv' && last.activation === 'linear') {
      if (kind === 'LeakyReLU') {
        last.activation = 'leakyRelu';
        last.alpha = config.alpha ?? 0.3;
      } else if (CONV_ACTIVATIONS.has(config.activation ?? '')) {
        last.activation = config.activation as LeanActivation;
      } else {
        return `activation '${config.activation}' of ${layer.name} has no lean gradient`;
      }
      continue;
    }
    return `layer ${layer.name} (${kind}${kind === 'Dropout' ? `, rate ${config.rate}` : ''}) has no lean convolution step`;
  }
  if (!imageShape || shape.length !== 3) return 'the model has no image input for its convolutions';
  return { features, imageShape, flatSize: shape[0] * shape[1] * shape[2] };
}

function convLayer(layer: Layer, config: LayerConfig, shape: [number, number, number]): ConvLayer | string {
  const why = weightsProblem(layer, config, 4);
  if (why) return why;
  if (config.dataFormat === 'channelsFirst') return `layer ${layer.name} is channelsFirst (the lean step takes channels-last images)`;
  const dilation = pair(config.dilationRate, 1);
  if (dilation[0] !== 1 || dilation[1] !== 1) return `layer ${layer.name} is dilated (tfjs has no gradient for dilated convolutions)`;
  if (!CONV_ACTIVATIONS.has(config.activation ?? '')) return `activation '${config.activation}' of ${layer.name} has no lean gradient`;
  const kernel = weightNamed(layer, 'kernel')!;
  const bias = config.useBias ? weightNamed(layer, 'bias') : undefined;
  const padding = config.padding === 'same' ? 'same' : config.padding === 'valid' ? 'valid' : undefined;
  if (!padding) return `layer ${layer.name} has padding ${String(config.padding)}`;
  const info = tf.backend_util.computeConv2DInfo([1, ...shape], kernel.shape as [number, number, number, number], pair(config.strides, 1), 1, padding);
  const pointwise = info.filterHeight === 1 && info.filterWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 && info.padInfo.top === 0 && info.padInfo.left === 0;
  return { kind: 'conv', name: layer.name, kernel, bias, activation: config.activation as LeanActivation, alpha: 0, info, pointwise };
}

function poolLayer(layer: Layer, config: LayerConfig, shape: [number, number, number]): PoolLayer | string {
  if (config.dataFormat === 'channelsFirst') return `layer ${layer.name} is channelsFirst (the lean step takes channels-last images)`;
  const poolSize = pair(config.poolSize, 2);
  const strides = pair(config.strides ?? config.poolSize, 2);
  const padding = config.padding;
  if (padding !== 'same' && padding !== 'valid' && !(typeof padding === 'number' && Number.isInteger(padding) && padding >= 0)) {
    return `layer ${layer.name} has padding ${String(padding)}`;
  }
  const info = tf.backend_util.computePool2DInfo([1, ...shape], poolSize, strides, 1, padding);
  return { kind: 'pool', name: layer.name, info };
}
