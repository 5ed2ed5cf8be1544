/** Convolution and pooling geometry from tfjs' own backend_util, in conv.c's argument order. */
import { tf } from '../tf.js';
import type { ConvGeometry } from './instance.js';

export type Conv2DInfo = tf.backend_util.Conv2DInfo;

/** The geometry conv.c's convolution kernels take, for `images` of the batch. */
export function convGeometry(info: Conv2DInfo, images: number): ConvGeometry {
  return [
    images, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth,
    info.dilationHeight, info.dilationWidth, info.padInfo.top, info.padInfo.left,
  ];
}

/** The geometry conv.c's maxpool takes (no dilation), for `images` of the batch. */
export function poolGeometry(info: Conv2DInfo, images: number): number[] {
  return [
    images, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left,
  ];
}

/** A 1×1 convolution with unit stride and no padding: its im2col columns are the input itself. */
export function isPointwise(info: Conv2DInfo): boolean {
  return info.filterHeight === 1 && info.filterWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 &&
    info.padInfo.top === 0 && info.padInfo.left === 0;
}
