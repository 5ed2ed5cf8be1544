/**
 * A rough cost of one fit, for scheduling only: the pool dispatches the longest fits first
 * (longest-processing-time order), so the last minutes of a search are not one wide
 * network training alone while the other cores idle. Results never depend on it.
 */
import type { Params } from '../core/index.js';
import { cnnMacsPerSample, type ConvBlock } from './modules/cnn-blocks.js';
import { CNN_DEFAULTS } from './modules/cnn.js';

/** Multiply-adds per training sample × epochs × training rows; unknown modules count 1 per sample-epoch. */
export function estimateFitCost(params: Params, sampleShape: readonly number[], nOutputs: number, nTrain: number): number {
  const epochs = typeof params.maxEpochs === 'number' ? params.maxEpochs : 1;
  return (macsPerSample(params, sampleShape, nOutputs) ?? 1) * epochs * nTrain;
}

/** Multiply-adds of one sample's forward pass through the built-in mlp or cnn; undefined for other modules. */
export function macsPerSample(params: Params, sampleShape: readonly number[], nOutputs: number): number | undefined {
  if (params.module === 'cnn') {
    const convs = (params['module.convs'] ?? CNN_DEFAULTS.convs) as ConvBlock[];
    return cnnMacsPerSample(convs, (params['module.dense'] ?? CNN_DEFAULTS.dense) as number[], sampleShape, nOutputs);
  }
  const hidden = params['module.hiddenUnits'];
  if (params.module !== 'mlp' || !Array.isArray(hidden)) return undefined;
  const widths = [sampleShape.reduce((a, b) => a * b, 1), ...(hidden as number[]), nOutputs];
  return widths.slice(1).reduce((sum, width, i) => sum + widths[i] * width, 0);
}
