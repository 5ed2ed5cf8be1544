/**
 * A model's summary as torchinfo counts it (the seed prints torchinfo's table for its
 * DemoNetwork): per layer the output shape and parameters; in total the parameters, the
 * multiply-adds of one forward pass over a batch and the memory a training step needs.
 *
 * torchinfo's rules, kept so that the numbers compare with PyTorch's: a layer's mult-adds
 * are its parameters (weights and biases) times the batch, and for a convolution times
 * its output positions too; the forward/backward memory is twice the float32 outputs of
 * the layers that have parameters (the activations kept for the backward pass and their
 * gradients); batch-norm moving statistics are parameters here (tfjs counts them as
 * non-trainable weights) but do no mult-adds.
 */
import type { LayersModel } from '../backend/index.js';

const BYTES_PER_FLOAT = 4;

export interface LayerSummary {
  /** torchinfo's `Type: depth-index`, e.g. `Conv2D: 1-1`. */
  label: string;
  /** The tfjs layer name (`conv2d_Conv2D1`), as in `model.layers`. */
  name: string;
  /** The tfjs class name (`Conv2D`, `Dense`, `MaxPooling2D`, …). */
  type: string;
  /** With the batch first: `[64, 28, 28, 16]` (channels last). */
  outputShape: number[];
  params: number;
  trainableParams: number;
  /** Multiply-adds of the layer over one batch. */
  multAdds: number;
}

export interface ModelSummary {
  /** The module's name (`cnn`, `mlp`, or a custom module's). */
  module: string;
  batchSize: number;
  /** One sample's shape, as the model takes it. */
  inputShape: number[];
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Multiply-adds of one forward pass over a batch of `batchSize`. */
  multAdds: number;
  inputBytes: number;
  forwardBackwardBytes: number;
  paramBytes: number;
  totalBytes: number;
}

type Layer = LayersModel['layers'][number];

export function summarizeModel(model: LayersModel, module: string, batchSize: number): ModelSummary {
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer').map((layer, i) => layerSummary(layer, i + 1, batchSize));
  const totalParams = sum(layers.map((l) => l.params));
  const trainableParams = sum(layers.map((l) => l.trainableParams));
  const inputShape = model.inputs[0].shape.slice(1).map((d) => d ?? 1);
  const inputBytes = batchSize * product(inputShape) * BYTES_PER_FLOAT;
  const forwardBackwardBytes = sum(layers.filter((l) => l.params > 0).map((l) => 2 * product(l.outputShape) * BYTES_PER_FLOAT));
  const paramBytes = totalParams * BYTES_PER_FLOAT;
  return {
    module, batchSize, inputShape, layers, totalParams, trainableParams, nonTrainableParams: totalParams - trainableParams,
    multAdds: sum(layers.map((l) => l.multAdds)), inputBytes, forwardBackwardBytes, paramBytes,
    totalBytes: inputBytes + forwardBackwardBytes + paramBytes,
  };
}

function layerSummary(layer: Layer, index: number, batchSize: number): LayerSummary {
  const type = layer.getClassName();
  const shape = (Array.isArray(layer.outputShape[0]) ? layer.outputShape[0] : layer.outputShape) as Array<number | null>;
  const outputShape = [batchSize, ...shape.slice(1).map((d) => d ?? 1)];
  const params = layer.countParams();
  const trainableParams = sum(layer.trainableWeights.map((w) => product(w.shape as number[])));
  // torchinfo counts a module's parameters, not its buffers: tfjs' non-trainable weights of a
  // trainable layer are buffers (batch-norm moving statistics); a frozen layer's are parameters.
  const countedParams = layer.trainable ? trainableParams : params;
  const positions = type.includes('Conv') ? product(outputShape.slice(1, -1)) : 1;
  return { label: `${type}: 1-${index}`, name: layer.name, type, outputShape, params, trainableParams, multAdds: countedParams * positions * batchSize };
}

const RULE = '='.repeat(90);

/** The summary as torchinfo prints it. */
export function formatSummary(s: ModelSummary): string {
  const row = (a: string, b: string, c: string) => `${a.padEnd(41)}${b.padEnd(26)}${c}`.trimEnd();
  const last = s.layers[s.layers.length - 1];
  const lines = [
    RULE,
    row('Layer (type:depth-idx)', 'Output Shape', 'Param #'),
    RULE,
    row(s.module, shapeText(last?.outputShape ?? []), '--'),
    ...s.layers.map((l) => row(`├─${l.label}`, shapeText(l.outputShape), l.params > 0 ? l.params.toLocaleString('en-US') : '--')),
    RULE,
    `Total params: ${s.totalParams.toLocaleString('en-US')}`,
    `Trainable params: ${s.trainableParams.toLocaleString('en-US')}`,
    `Non-trainable params: ${s.nonTrainableParams.toLocaleString('en-US')}`,
    `Total mult-adds (${multAddsUnit(s.multAdds)[0]}): ${multAddsUnit(s.multAdds)[1].toFixed(2)}`,
    RULE,
    `Input size (MB): ${megabytes(s.inputBytes)}`,
    `Forward/backward pass size (MB): ${megabytes(s.forwardBackwardBytes)}`,
    `Params size (MB): ${megabytes(s.paramBytes)}`,
    `Estimated Total Size (MB): ${megabytes(s.totalBytes)}`,
    RULE,
  ];
  return lines.join('\n');
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** torchinfo's units: M below a billion, then G, then T. */
function multAddsUnit(value: number): [string, number] {
  if (value >= 1e12) return ['T', value / 1e12];
  if (value >= 1e9) return ['G', value / 1e9];
  return ['M', value / 1e6];
}

/** torchinfo rounds each size on its own, in decimal megabytes. */
function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(2);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}
