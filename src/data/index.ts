/**
 * Datasets and the validation of X/y at the boundary. Nothing here imports tfjs: data is
 * plain typed arrays that any estimator, worker or report can use.
 */
export type { Dataset } from './dataset.js';
export { datasetProblem, featuresOf } from './dataset.js';
export { datasetLabels, makeDataset } from './dataset.js';
export { toFeatures, toTargets, checkXy, uniqueClasses } from './validate.js';
export { encodeLabels, checkClassIds, labelIds, decodeLabels, checkTwoClasses, type EncodedLabels } from './labels.js';
export type { ToFeaturesOptions, ToTargetsOptions, CheckedXy } from './validate.js';
export { loadMnist, parseIdx, MNIST_FILES } from './mnist.js';
export type { LoadMnistOptions } from './mnist.js';
export { makeMoons, makeCircles, makeBlobs, makeRegression } from './synthetic.js';
export type { MoonsOptions, CirclesOptions, BlobsOptions, RegressionOptions } from './synthetic.js';
export { makeClassification } from './make-classification.js';
export type { ClassificationOptions } from './make-classification.js';
export { loadCsv, parseCsv } from './csv.js';
export type { LoadCsvOptions, CsvRecords } from './csv.js';
export { loadDataset, DATASET_NAMES } from './registry.js';
export type { DatasetSpec, DatasetName } from './registry.js';
