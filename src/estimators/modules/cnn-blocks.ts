/**
 * The cnn's blocks as parameters, without tfjs: their check (each refusal names the field
 * path and the value) and the feature-map sizes they make — so the builder refuses a block
 * whose kernel or pool does not fit before tfjs fails on it, and the scheduler costs a cnn
 * fit without building it.
 */
import { DataError, InvalidParameterError, messages } from '../../core/index.js';

export interface ConvBlock {
  filters: number;
  /** Square kernel side. */
  kernel: number;
  /** Default 1. */
  stride?: number;
  /** Default 'valid' (PyTorch's padding 0); 'same' keeps the size at stride 1. */
  padding?: 'same' | 'valid';
  /** Max-pooling window side after the activation; none when absent. */
  pool?: number;
  /** Default: the pool (PyTorch's MaxPool2d stride=None). */
  poolStride?: number;
  /** Cells added on every side, left out of the max; at most half the pool. Default 0. */
  poolPadding?: number;
}

export const CONV_BLOCK_FIELDS = ['filters', 'kernel', 'stride', 'padding', 'pool', 'poolStride', 'poolPadding'] as const;

/** Refuses anything but a non-empty list of well-formed blocks, naming the field path and value. */
export function checkConvs(owner: string, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidParameterError(messages.convsNotList(owner, value));
  value.forEach((block: unknown, index) => {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      throw new InvalidParameterError(messages.convBlockNotObject(owner, index, block));
    }
    const fields = block as Record<string, unknown>;
    for (const field of Object.keys(fields)) {
      if (!(CONV_BLOCK_FIELDS as readonly string[]).includes(field)) {
        throw new InvalidParameterError(messages.convBlockUnknownField(owner, index, field, CONV_BLOCK_FIELDS));
      }
    }
    const path = (field: string) => `module.convs[${index}].${field}`;
    const positive = (field: string, required: boolean) => {
      const v = fields[field];
      if (v === undefined && !required) return;
      if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1)) {
        throw new InvalidParameterError(messages.invalidValue(owner, path(field), v, 'a positive integer'));
      }
    };
    positive('filters', true);
    positive('kernel', true);
    positive('stride', false);
    if (fields.padding !== undefined && fields.padding !== 'same' && fields.padding !== 'valid') {
      throw new InvalidParameterError(messages.notOneOf(owner, path('padding'), fields.padding, ['same', 'valid']));
    }
    positive('pool', false);
    for (const field of ['poolStride', 'poolPadding']) {
      if (fields[field] !== undefined && fields.pool === undefined) {
        throw new InvalidParameterError(messages.convBlockPoolFieldWithoutPool(owner, index, field));
      }
    }
    positive('poolStride', false);
    const pad = fields.poolPadding;
    if (pad !== undefined && !(typeof pad === 'number' && Number.isInteger(pad) && pad >= 0 && pad <= Math.floor((fields.pool as number) / 2))) {
      throw new InvalidParameterError(messages.convBlockPoolPaddingTooLarge(owner, index, pad, fields.pool as number));
    }
  });
}


/** A block with its defaults filled in, and the [height, width] after its conv and after its pool. */
export interface PlannedBlock {
  filters: number;
  kernel: number;
  stride: number;
  padding: 'same' | 'valid';
  pool?: number;
  poolStride: number;
  poolPadding: number;
  afterConv: [number, number];
  afterPool: [number, number];
}

/** Sizes as tfjs computes them ('same': ceil(s / stride)); pooling floors as PyTorch's MaxPool2d. */
export function planConvBlocks(convs: readonly ConvBlock[], inputShape: readonly number[]): PlannedBlock[] {
  let size: [number, number] = [inputShape[0], inputShape[1]];
  return convs.map((block, index) => {
    const { filters, kernel, stride = 1, padding = 'valid', pool, poolPadding = 0 } = block;
    const poolStride = block.poolStride ?? pool ?? 1;
    if (padding === 'valid' && (size[0] < kernel || size[1] < kernel)) throw new DataError(messages.convBlockTooSmall(index, 'kernel', kernel, size));
    const afterConv = size.map((s) => (padding === 'same' ? Math.ceil(s / stride) : Math.floor((s - kernel) / stride) + 1)) as [number, number];
    if (pool !== undefined && (afterConv[0] + 2 * poolPadding < pool || afterConv[1] + 2 * poolPadding < pool)) {
      throw new DataError(messages.convBlockTooSmall(index, 'pool', pool, afterConv));
    }
    const afterPool = pool === undefined ? afterConv : afterConv.map((s) => Math.floor((s + 2 * poolPadding - pool) / poolStride) + 1) as [number, number];
    size = afterPool;
    return { filters, kernel, stride, padding, pool, poolStride, poolPadding, afterConv, afterPool };
  });
}

/**
 * Multiply-adds of one sample's forward pass, weights only (as the mlp's count): each conv's
 * kernel × input channels × filters per output position, then the Dense layers. Undefined
 * when the blocks do not fit the image.
 */
export function cnnMacsPerSample(convs: readonly ConvBlock[], dense: readonly number[], inputShape: readonly number[], nOutputs: number): number | undefined {
  if (inputShape.length !== 3) return undefined;
  let planned: PlannedBlock[];
  try {
    planned = planConvBlocks(convs, inputShape);
  } catch {
    // A cnn too deep for its images fails when built and says why; it costs nothing here.
    return undefined;
  }
  let channels = inputShape[2];
  let macs = 0;
  for (const block of planned) {
    macs += block.kernel * block.kernel * channels * block.filters * block.afterConv[0] * block.afterConv[1];
    channels = block.filters;
  }
  const last = planned[planned.length - 1];
  const widths = [last.afterPool[0] * last.afterPool[1] * channels, ...dense, nOutputs];
  return macs + widths.slice(1).reduce((sum, width, i) => sum + widths[i] * width, 0);
}
