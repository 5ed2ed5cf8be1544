/**
 * Max pooling with explicit padding, as PyTorch's `MaxPool2d(kernel, stride, padding)`:
 * tfjs-layers' maxPooling2d knows only 'same' and 'valid', and a ZeroPadding2D in front
 * would let a padded zero win the max over negative activations (the seed's DemoNetwork
 * has no activation between its convs). tf.maxPool with a numeric pad leaves the padded
 * cells out of the max, on every backend, with its gradient.
 */
import { tf } from '../../backend/index.js';

export interface PaddedMaxPoolConfig {
  /** Window [height, width] (a number: square). */
  poolSize: number | [number, number];
  /** [height, width] (a number: both). */
  strides: number | [number, number];
  /** Cells added on every side. */
  padding: number;
  name?: string;
}

type Shape = Array<number | null>;
type Pair = [number, number];

const pair = (value: number | Pair): Pair => (typeof value === 'number' ? [value, value] : [value[0], value[1]]);

export class PaddedMaxPooling2D extends tf.layers.Layer {
  static readonly className = 'PaddedMaxPooling2D';
  readonly poolSize: Pair;
  readonly strides: Pair;
  readonly padding: number;

  constructor(config: PaddedMaxPoolConfig) {
    super({ name: config.name });
    this.poolSize = pair(config.poolSize);
    this.strides = pair(config.strides);
    this.padding = config.padding;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [batch, height, width, channels] = inputShape as Shape;
    // tfjs floors as PyTorch does (ceil_mode=False): 12 → 7 for pool 2, stride 2, padding 1.
    const out = (size: number | null, axis: 0 | 1) =>
      (size === null ? null : Math.floor((size + 2 * this.padding - this.poolSize[axis]) / this.strides[axis]) + 1);
    return [batch, out(height, 0), out(width, 1), channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as Parameters<typeof tf.maxPool>[0];
    return tf.maxPool(x, this.poolSize, this.strides, this.padding);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), poolSize: this.poolSize, strides: this.strides, padding: this.padding };
  }
}

// A saved model names this class in model.json; registering it lets tf.loadLayersModel rebuild it.
tf.serialization.registerClass(PaddedMaxPooling2D);
