import { DataError, messages, type Label, type TaskKind } from '../core/index.js';
import { decodeLabels } from './labels.js';

/**
 * A loaded dataset: row-major float32 features and their targets, plus what a search or a
 * report needs to know about them. `featuresOf(dataset)` with `y` is the input to `fit`:
 * images keep their shape ([n, 28, 28, 1] for MNIST), which an mlp flattens and a cnn needs;
 * `X` alone is the same values as flat rows.
 */
export interface Dataset {
  name: string;
  X: Float32Array;
  /** Class ids 0..k-1 (classification) or float targets (regression). */
  y: Int32Array | Float32Array;
  /** `[nSamples, nFeatures]`, nFeatures being the product of `sampleShape`. */
  shape: [number, number];
  /** The shape of one sample: `[nFeatures]` for rows, `imageShape` for images. */
  sampleShape: number[];
  /** For images: `[height, width, channels]`; a user's loader may give only this. */
  imageShape?: [number, number, number];
  /** Classification: the label of each class id (`classes[id]`), sorted; [0, 1, …] when y holds the labels. */
  classes?: number[] | string[];
  /** Column names, when the source has them (CSV). */
  featureNames?: string[];
  task: TaskKind;
}

/** Builds a Dataset from flat rows; one place so every loader fills the same fields. */
export function makeDataset(fields: Omit<Dataset, 'shape' | 'sampleShape'> & { sampleShape?: number[] }): Dataset {
  const nSamples = fields.y.length;
  const nFeatures = nSamples === 0 ? 0 : fields.X.length / nSamples;
  return { ...fields, shape: [nSamples, nFeatures], sampleShape: fields.sampleShape ?? fields.imageShape ?? [nFeatures] };
}

/**
 * The dataset as `fit` takes it: `{ data: X, shape: [nSamples, ...sample] }`, the sample
 * being the image shape when there is one (a loader's dataset may carry only `imageShape`).
 */
export function featuresOf(dataset: Dataset): { data: Float32Array; shape: number[] } {
  const [nSamples, nFeatures] = dataset.shape;
  const sample = dataset.imageShape ?? dataset.sampleShape ?? [nFeatures];
  if (sample.reduce((a, b) => a * b, 1) !== nFeatures) {
    throw new DataError(messages.datasetShapeMismatch(dataset.name, dataset.imageShape ? 'imageShape' : 'sampleShape', sample, nFeatures));
  }
  return { data: dataset.X, shape: [nSamples, ...sample] };
}

/** Why `value` is not a Dataset (the first field that is wrong), or undefined: what a user's loader returned. */
export function datasetProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return messages.notAnObject();
  const { name, X, y, shape, sampleShape, imageShape, task } = value as Record<string, unknown>;
  if (!(X instanceof Float32Array)) return messages.fieldHolds('X', X, 'a Float32Array of row-major features');
  if (!(y instanceof Int32Array || y instanceof Float32Array)) return messages.fieldHolds('y', y, 'an Int32Array of class ids or a Float32Array of targets');
  const isShape = (s: unknown): s is number[] => Array.isArray(s) && s.every((d) => Number.isSafeInteger(d) && d >= 0);
  if (!isShape(shape) || shape.length !== 2 || shape[0] !== y.length || shape[0] * shape[1] !== X.length) {
    return messages.fieldHolds('shape', shape, `[nSamples, nFeatures] with nSamples = y.length (${y.length}) and nSamples × nFeatures = X.length (${X.length})`);
  }
  const holdsRow = (s: unknown): boolean => isShape(s) && s.reduce((a, b) => a * b, 1) === shape[1];
  if (imageShape !== undefined && !(holdsRow(imageShape) && (imageShape as number[]).length === 3)) {
    return messages.fieldHolds('imageShape', imageShape, `[height, width, channels] whose product is nFeatures (${shape[1]})`);
  }
  // A loader of images may give only imageShape: the samples take that shape.
  if (!(sampleShape === undefined && imageShape !== undefined) && !holdsRow(sampleShape)) {
    return messages.fieldHolds('sampleShape', sampleShape, `an array of sizes whose product is nFeatures (${shape[1]})`);
  }
  if (task !== 'classification' && task !== 'regression') return messages.fieldHolds('task', task, 'classification or regression');
  if (typeof name !== 'string') return messages.fieldHolds('name', name, 'a string');
  return undefined;
}

/** y as its labels (a CSV's strings, say), the form `fit` and the searches take. */
export function datasetLabels(dataset: Dataset): Int32Array | Float32Array | Label[] {
  if (dataset.task !== 'classification' || !dataset.classes) return dataset.y;
  return decodeLabels(dataset.y as Int32Array, dataset.classes);
}
