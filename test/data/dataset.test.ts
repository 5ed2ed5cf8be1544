import test from 'ava';
import { DataError, messages } from '../../src/core/index.js';
import { datasetProblem, featuresOf, type Dataset } from '../../src/data/index.js';

const rows = (fields: Partial<Dataset>): Dataset => ({
  name: 'mine', X: new Float32Array(2 * 8), y: new Int32Array(2), shape: [2, 8], sampleShape: [8], task: 'classification', ...fields,
});

test("featuresOf gives fit a dataset's samples in their shape: an image shape wins over flat rows", (t) => {
  t.deepEqual(featuresOf(rows({})).shape, [2, 8]);
  t.deepEqual(featuresOf(rows({ sampleShape: [2, 4] })).shape, [2, 2, 4]);
  // A user's loader may give only imageShape beside its flat rows.
  t.deepEqual(featuresOf(rows({ imageShape: [2, 2, 2] })).shape, [2, 2, 2, 2]);
  const { sampleShape, ...noSampleShape } = rows({});
  t.deepEqual(sampleShape, [8]);
  t.deepEqual(featuresOf(noSampleShape as Dataset).shape, [2, 8]);
});

test('featuresOf refuses an image shape that does not hold a row', (t) => {
  t.throws(() => featuresOf(rows({ imageShape: [3, 3, 1] })), { instanceOf: DataError, message: messages.datasetShapeMismatch('mine', 'imageShape', [3, 3, 1], 8) });
  t.is(messages.datasetShapeMismatch('mine', 'imageShape', [3, 3, 1], 8), 'dataset mine: imageShape [3, 3, 1] holds 9 values per sample, but its rows have 8 (shape[1]).');
});

test("a loader's dataset of images may give only imageShape; a wrong one is named", (t) => {
  const { sampleShape: _s, ...imagesOnly } = rows({ imageShape: [2, 2, 2] });
  t.is(datasetProblem(imagesOnly), undefined);
  t.is(datasetProblem(rows({ imageShape: [2, 4] as never })), messages.fieldHolds('imageShape', [2, 4], '[height, width, channels] whose product is nFeatures (8)'));
  t.is(datasetProblem(rows({ imageShape: [3, 3, 1] })), messages.fieldHolds('imageShape', [3, 3, 1], '[height, width, channels] whose product is nFeatures (8)'));
  const { sampleShape: _t, ...neither } = rows({});
  t.is(datasetProblem(neither), messages.fieldHolds('sampleShape', undefined, 'an array of sizes whose product is nFeatures (8)'));
});
