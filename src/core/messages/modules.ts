/** Messages of the built-in modules' parameters and shapes (the cnn's blocks) and of summary(). */
import { describeValue, listOf } from '../describe.js';

export function convsNotList(owner: string, value: unknown): string {
  return `${owner}: module.convs must be a non-empty list of blocks { filters, kernel, stride?, padding?, pool?, poolStride?, poolPadding? }; got ${describeValue(value)}.`;
}

export function convBlockNotObject(owner: string, index: number, value: unknown): string {
  return `${owner}: module.convs[${index}] must be a block { filters, kernel, stride?, padding?, pool?, poolStride?, poolPadding? }; got ${describeValue(value)}.`;
}

export function convBlockUnknownField(owner: string, index: number, field: string, fields: readonly string[]): string {
  return `${owner}: module.convs[${index}] has an unknown field '${field}'; a block's fields are ${listOf(fields, 'and')}.`;
}

export function convBlockPoolFieldWithoutPool(owner: string, index: number, field: string): string {
  return `${owner}: module.convs[${index}].${field} is given, but the block has no pool; add pool (the pooling window) or drop ${field}.`;
}

export function convBlockPoolPaddingTooLarge(owner: string, index: number, value: unknown, pool: number): string {
  return (
    `${owner}: module.convs[${index}].poolPadding must be an integer from 0 to ${Math.floor(pool / 2)} ` +
    `(at most half the pool of ${pool}, as PyTorch's MaxPool2d); got ${describeValue(value)}.`
  );
}

/** A block whose kernel or pool does not fit the feature map it gets. */
export function convBlockTooSmall(index: number, what: 'kernel' | 'pool', size: number, input: readonly number[]): string {
  return (
    `module 'cnn': module.convs[${index}] gets a feature map of ${input[0]}×${input[1]}, ` +
    `smaller than its ${what} of ${size}×${size}; use padding 'same', a smaller ${what}, or fewer blocks before it.`
  );
}

/**
 * A cnn given rows of features instead of images. The example shape is the square image
 * the row could be (784 → 28×28×1) only when it is one a convolution could read (8×8 or
 * larger, as scikit-learn's digits); a short row is tabular data, for which the mlp is meant.
 */
export function cnnNeedsImages(got: readonly number[]): string {
  const length = got.reduce((a, b) => a * b, 1);
  const side = Math.round(Math.sqrt(length));
  const example = got.length === 2 ? [...got, 1] : side * side === length && side >= 8 ? [side, side, 1] : ['height', 'width', 'channels'];
  const gotText = got.length === 1 ? `flat rows of ${got[0]} features (samples of shape ${describeValue(got)})` : `samples of shape ${describeValue(got)}`;
  return (
    `module 'cnn' takes images, samples of shape [height, width, channels]; got ${gotText}. ` +
    `Give X its image shape — { data, shape: [nSamples, ${example.join(', ')}] }, a dataset's sampleShape — or use module 'mlp' for flat features.`
  );
}

export function summaryNeedsShape(owner: string, name: string, value: unknown, accepted: string): string {
  return `${owner}: the estimator is not fitted, so summary() needs options.${name}, ${accepted}; got ${describeValue(value)}.`;
}
