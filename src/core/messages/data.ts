import { describeValue, listOf } from '../describe.js';

/** Messages of src/data: boundary validation of X/y, MNIST, CSV and the dataset registry. */

// ---- X and y at the boundary ----------------------------------------------------------

export function featuresNotSupported(owner: string, name: string, value: unknown): string {
  return (
    `${owner}: ${name} must be a Float32Array or Float64Array (with y), an array of rows, ` +
    `{ data, shape } or a tensor; got ${describeValue(value)}.`
  );
}

export function flatFeaturesNeedShape(owner: string, name: string, length: number): string {
  return `${owner}: ${name} is a flat array of ${length} values with no shape; pass { data, shape: [nSamples, ...sampleShape] } or y alongside it.`;
}

export function flatFeaturesNotDivisible(owner: string, name: string, length: number, nSamples: number): string {
  return `${owner}: ${name} has ${length} values but y has ${nSamples} samples; ${length} is not a multiple of ${nSamples}, so ${name} cannot hold one row per sample.`;
}

export function flatFeaturesNotWholeSamples(owner: string, name: string, length: number, sampleShape: readonly number[]): string {
  return `${owner}: ${name} has ${length} values, which is not a whole number of samples of shape ${describeValue(sampleShape)}.`;
}

export function featuresOneDimensional(owner: string, name: string, length: number): string {
  return (
    `${owner}: ${name} must be 2-D (one row per sample); got a 1-D array of ${length} values. ` +
    `Use [[v0], [v1], …] for a single feature or [[v0, v1, …]] for a single sample.`
  );
}

export function raggedRows(owner: string, name: string, path: string, length: number, firstPath: string, expected: number): string {
  return `${owner}: ${name}${path} has length ${length}, but ${name}${firstPath} has length ${expected}; every row of ${name} must have the same shape.`;
}

export function rowNotArray(owner: string, name: string, path: string, value: unknown, firstPath: string): string {
  return `${owner}: ${name}${path} is ${describeValue(value)}, but ${name}${firstPath} is an array; every row of ${name} must have the same shape.`;
}

export function featureNotNumber(owner: string, name: string, path: string, value: unknown): string {
  return `${owner}: ${name}${path} is ${describeValue(value)}; ${name} must hold numbers.`;
}

export function featureDataNotArray(owner: string, name: string, value: unknown): string {
  return `${owner}: ${name}.data must be a typed array or an array of numbers; got ${describeValue(value)}.`;
}

export function badFeatureShape(owner: string, name: string, shape: unknown): string {
  return `${owner}: ${name}.shape must list at least 2 positive integers, [nSamples, ...sampleShape]; got ${describeValue(shape)}.`;
}

export function shapeSizeMismatch(owner: string, name: string, shape: readonly number[], length: number): string {
  const size = shape.reduce((a, b) => a * b, 1);
  return `${owner}: ${name}.shape ${describeValue(shape)} holds ${size} values, but ${name} has ${length}.`;
}

export function emptyData(owner: string, name: string): string {
  return `${owner}: ${name} is empty (0 samples); at least 1 sample is required.`;
}

export function noFeatures(owner: string, name: string): string {
  return `${owner}: ${name} has 0 features per sample; at least 1 is required.`;
}

export function nonFiniteFeature(owner: string, name: string, row: number, column: number, value: number): string {
  return `${owner}: ${name} holds ${describeValue(value)} at row ${row}, column ${column} (0-based; the first non-finite value); ${name} must hold finite float32 numbers.`;
}

export function samplesMismatch(owner: string, nX: number, nY: number, xName = 'X', yName = 'y'): string {
  return `${owner}: ${xName} has ${nX} samples but ${yName} has ${nY}.`;
}

export function targetsNotSupported(owner: string, value: unknown): string {
  return `${owner}: y must be an Int32Array, Float32Array, Float64Array or array of numbers, one per sample; got ${describeValue(value)}.`;
}

export function badClassLabel(owner: string, index: number, value: unknown): string {
  return `${owner}: y[${index}] is ${describeValue(value)}; class labels must be finite numbers, strings or booleans.`;
}

export function badClassId(owner: string, index: number, value: unknown, nClasses: number): string {
  return `${owner}: y[${index}] is ${describeValue(value)}; class ids must be integers from 0 to ${nClasses - 1} (positions in classes).`;
}

export function mixedLabels(owner: string, first: unknown, firstIndex: number, other: unknown, otherIndex: number): string {
  return `${owner}: y mixes kinds of labels: y[${firstIndex}] is ${describeValue(first)} but y[${otherIndex}] is ${describeValue(other)}; use one kind (numbers, strings or booleans).`;
}

/** A label as the user wrote it: 'outer' for a string, 3 or true otherwise. */
export function formatLabel(label: unknown): string {
  return typeof label === 'string' ? `'${label}'` : String(label);
}

export function oneClass(label: unknown): string {
  return `y has one class (${formatLabel(label)}); a classifier needs at least two`;
}

export function unknownLabel(owner: string, index: number, label: unknown, classes: readonly unknown[]): string {
  return `${owner}: y[${index}] is ${formatLabel(label)}, not one of the classes the model was fitted on (${classes.map(formatLabel).join(', ')}).`;
}

export function nonFiniteTarget(owner: string, index: number, value: unknown): string {
  return `${owner}: y[${index}] is ${describeValue(value)}; regression targets must be finite float32 numbers.`;
}

// ---- MNIST ----------------------------------------------------------------------------

export const MNIST_MIRROR = 'https://storage.googleapis.com/cvdf-datasets/mnist/';

export function mnistFilesMissing(dir: string, missing: readonly string[], wanted: readonly string[]): string {
  const verb = missing.length === 1 ? 'is' : 'are';
  return (
    `loadMnist: source 'idx' reads the MNIST IDX files from ${dir}, but ${listOf(missing, 'and')} ${verb} missing ` +
    `(looked for each raw and as .gz). Download ${listOf(wanted.map((file) => `${file}.gz`), 'and')} from a mirror ` +
    `of the MNIST database, e.g. ${MNIST_MIRROR} (the files of https://github.com/cvdfoundation/mnist), ` +
    `and place them in ${dir}/ (see data/mnist/README.md).`
  );
}

export function mnistSplitWithSample(split: unknown): string {
  return `loadMnist: split applies to source 'idx' only (the embedded sample has no train/test split); got split ${describeValue(split)} with source 'sample'.`;
}

export function idxBadMagic(path: string, magic: number, expected: number, kind: 'images' | 'labels'): string {
  return `loadMnist: ${path} is not an MNIST IDX ${kind} file: its magic number is ${magic}, expected ${expected}.`;
}

export function idxWrongSize(path: string, dims: readonly number[], expectedBytes: number, actualBytes: number): string {
  return `loadMnist: ${path} is truncated or corrupt: its header declares dimensions ${describeValue(dims)} (${expectedBytes} bytes) but the file holds ${actualBytes}.`;
}

export function idxCountMismatch(imagesPath: string, nImages: number, labelsPath: string, nLabels: number): string {
  return `loadMnist: ${imagesPath} holds ${nImages} images but ${labelsPath} holds ${nLabels} labels; both files must come from the same split.`;
}

export function idxUnreadable(path: string, reason: string): string {
  return `loadMnist: cannot read ${path}: ${reason}`;
}

// ---- CSV ------------------------------------------------------------------------------

export function csvUnreadable(path: string, reason: string): string {
  return `loadCsv: cannot read ${path}: ${reason}`;
}

export function csvUnclosedQuote(path: string, line: number): string {
  return `loadCsv: ${path}: the quoted field starting on line ${line} is never closed.`;
}

export function csvTextAfterQuote(path: string, line: number): string {
  return `loadCsv: ${path} line ${line}: a closing quote must be followed by the delimiter or the end of the line (write "" for a quote inside a quoted field).`;
}

export function csvNoRows(path: string): string {
  return `loadCsv: ${path} holds no data rows.`;
}

export function csvRaggedRow(path: string, line: number, got: number, expected: number): string {
  return `loadCsv: ${path} line ${line} has ${got} fields, but the first row has ${expected}.`;
}

export function csvTargetMissing(path: string, target: unknown, columns: readonly string[]): string {
  return `loadCsv: target column ${describeValue(target)} is not in ${path}; its columns are: ${columns.join(', ')}.`;
}

export function csvNoFeatures(path: string, target: string): string {
  return `loadCsv: ${path} has no feature columns besides the target "${target}".`;
}

export function csvNotNumeric(path: string, line: number, column: string, value: string): string {
  return `loadCsv: ${path} line ${line}, column "${column}": ${describeValue(value)} is not a finite number; feature columns must be numeric.`;
}

export function csvTargetNotNumeric(path: string, line: number, column: string, value: string): string {
  return `loadCsv: ${path} line ${line}, target column "${column}": ${describeValue(value)} is not a number; task 'regression' needs numeric targets.`;
}

export function csvTargetEmpty(path: string, line: number, column: string): string {
  return `loadCsv: ${path} line ${line}: the target column "${column}" is empty; every row needs a label.`;
}

// ---- synthetic generators -------------------------------------------------------------

export function tooManyUsefulFeatures(nInformative: number, nRedundant: number, nRepeated: number, nFeatures: number): string {
  const sum = nInformative + nRedundant + nRepeated;
  return `makeClassification: nInformative + nRedundant + nRepeated (${nInformative} + ${nRedundant} + ${nRepeated} = ${sum}) must be <= nFeatures (${nFeatures}).`;
}

export function tooFewInformative(nClasses: number, nClustersPerClass: number, nInformative: number): string {
  return (
    `makeClassification: nClasses (${nClasses}) * nClustersPerClass (${nClustersPerClass}) = ${nClasses * nClustersPerClass} clusters ` +
    `need as many hypercube vertices, 2 ** nInformative; got nInformative ${nInformative} (${2 ** nInformative} vertices).`
  );
}

export function blobsSizesMismatch(what: string, got: number, nCenters: number): string {
  return `makeBlobs: ${what} has ${got} entries but there are ${nCenters} centers; give one per center.`;
}

export function datasetShapeMismatch(name: string, field: string, sample: readonly number[], nFeatures: number): string {
  return `dataset ${name}: ${field} ${describeValue(sample)} holds ${sample.reduce((a, b) => a * b, 1)} values per sample, but its rows have ${nFeatures} (shape[1]).`;
}
