import type { TaskKind } from '../core/index.js';

/**
 * A loaded dataset: row-major float32 features and their targets, plus what a search or a
 * report needs to know about them. `X` with `y` is valid input to `fit` as it is; a CNN
 * takes `{ data: X, shape: [n, ...imageShape] }`.
 */
export interface Dataset {
  name: string;
  X: Float32Array;
  /** Class ids 0..k-1 (classification) or float targets (regression). */
  y: Int32Array | Float32Array;
  /** `[nSamples, nFeatures]`, nFeatures being the product of `sampleShape`. */
  shape: [number, number];
  /** The shape of one sample as `X` holds it (flat: `[nFeatures]`). */
  sampleShape: number[];
  /** For images: `[height, width, channels]`. */
  imageShape?: [number, number, number];
  /**
   * Classification: the class ids present in y, sorted — or, when a loader mapped labels to
   * ids (a CSV's strings), the original label of each id (`classes[id]`).
   */
  classes?: number[] | string[];
  /** Column names, when the source has them (CSV). */
  featureNames?: string[];
  task: TaskKind;
}

/** Builds a Dataset from flat rows; one place so every loader fills the same fields. */
export function makeDataset(fields: Omit<Dataset, 'shape' | 'sampleShape'> & { sampleShape?: number[] }): Dataset {
  const nSamples = fields.y.length;
  const nFeatures = nSamples === 0 ? 0 : fields.X.length / nSamples;
  return { ...fields, shape: [nSamples, nFeatures], sampleShape: fields.sampleShape ?? [nFeatures] };
}
