import test from 'ava';
import { DataError, messages, type FeaturesInput, type TargetsInput } from '../../src/core/index.js';
import { checkXy, toFeatures, toTargets } from '../../src/data/index.js';

const owner = 'Test.fit';
const features = (X: unknown, extra: { nSamples?: number; sampleShape?: number[] } = {}) =>
  toFeatures(X as FeaturesInput, { owner, ...extra });

test('a flat Float32Array with y: n = y.length, used without a copy', (t) => {
  const X = Float32Array.of(1, 2, 3, 4, 5, 6);
  const checked = checkXy(X, Int32Array.of(0, 1, 0), { owner, task: 'classification' });
  t.is(checked.X.data, X);
  t.is(checked.X.nSamples, 3);
  t.deepEqual(checked.X.sampleShape, [2]);
  t.deepEqual(checked.classes, [0, 1]);
});

test('a flat Float64Array becomes float32; its length must be a multiple of y.length', (t) => {
  const checked = checkXy(Float64Array.of(0.5, 1.5, 2.5, 3.5), [1.5, 2], { owner, task: 'regression' });
  t.deepEqual(checked.X.data, Float32Array.of(0.5, 1.5, 2.5, 3.5));
  t.deepEqual(checked.X.sampleShape, [2]);
  t.deepEqual(checked.y, Float32Array.of(1.5, 2));
  t.is(checked.classes, undefined);
  t.throws(() => checkXy(new Float64Array(10), [0, 1, 2], { owner, task: 'classification' }), {
    instanceOf: DataError,
    message: messages.flatFeaturesNotDivisible(owner, 'X', 10, 3),
  });
  t.is(messages.flatFeaturesNotDivisible(owner, 'X', 10, 3), 'Test.fit: X has 10 values but y has 3 samples; 10 is not a multiple of 3, so X cannot hold one row per sample.');
});

test('a flat array without y needs nSamples or sampleShape', (t) => {
  t.throws(() => features(new Float32Array(4)), { instanceOf: DataError, message: messages.flatFeaturesNeedShape(owner, 'X', 4) });
  const images = features(new Float32Array(8), { sampleShape: [2, 2, 1] });
  t.is(images.nSamples, 2);
  t.deepEqual(images.sampleShape, [2, 2, 1]);
  t.throws(() => features(new Float32Array(7), { sampleShape: [2, 2] }), { message: messages.flatFeaturesNotWholeSamples(owner, 'X', 7, [2, 2]) });
  t.is(features(new Uint8Array([0, 255]), { nSamples: 1 }).data[1], 255);
});

test('nested arrays: rows of numbers, typed-array rows, deeper nesting for images', (t) => {
  const rows = features([[1, 2], [3, 4], [5, 6]]);
  t.deepEqual(rows, { data: Float32Array.of(1, 2, 3, 4, 5, 6), nSamples: 3, sampleShape: [2] });
  t.deepEqual(features([Float32Array.of(1, 2), Float64Array.of(3, 4)]).data, Float32Array.of(1, 2, 3, 4));
  const images = features([[[1], [2]], [[3], [4]]]);
  t.deepEqual(images.sampleShape, [2, 1]);
  t.deepEqual(images.data, Float32Array.of(1, 2, 3, 4));
});

test('nested arrays: a ragged row, a non-row, a non-number, a 1-D array are refused', (t) => {
  t.throws(() => features([[1, 2], [3], [4, 5]]), { instanceOf: DataError, message: messages.raggedRows(owner, 'X', '[1]', 1, '[0]', 2) });
  t.is(messages.raggedRows(owner, 'X', '[1]', 1, '[0]', 2), 'Test.fit: X[1] has length 1, but X[0] has length 2; every row of X must have the same shape.');
  t.throws(() => features([[[1], [2]], [[3], [4, 5]]]), { message: messages.raggedRows(owner, 'X', '[1][1]', 2, '[0][0]', 1) });
  t.throws(() => features([[1, 2], 3]), { message: messages.rowNotArray(owner, 'X', '[1]', 3, '[0]') });
  t.throws(() => features([[1, '2']]), { message: messages.featureNotNumber(owner, 'X', '[0][1]', '2') });
  t.is(messages.featureNotNumber(owner, 'X', '[0][1]', '2'), 'Test.fit: X[0][1] is "2"; X must hold numbers.');
  t.throws(() => features([1, 2, 3]), { instanceOf: DataError, message: messages.featuresOneDimensional(owner, 'X', 3) });
  t.throws(() => features([[], []]), { message: messages.noFeatures(owner, 'X') });
});

test('{ data, shape } and tensor-like objects', (t) => {
  const shaped = features({ data: [1, 2, 3, 4, 5, 6], shape: [2, 3] });
  t.deepEqual(shaped, { data: Float32Array.of(1, 2, 3, 4, 5, 6), nSamples: 2, sampleShape: [3] });
  const tensor = { shape: [2, 2, 1], dataSync: () => Float32Array.of(1, 2, 3, 4) };
  t.deepEqual(features(tensor), { data: Float32Array.of(1, 2, 3, 4), nSamples: 2, sampleShape: [2, 1] });
  t.throws(() => features({ data: new Float32Array(6), shape: [2, 2] }), { message: messages.shapeSizeMismatch(owner, 'X', [2, 2], 6) });
  t.is(messages.shapeSizeMismatch(owner, 'X', [2, 2], 6), 'Test.fit: X.shape [2, 2] holds 4 values, but X has 6.');
  t.throws(() => features({ data: new Float32Array(6), shape: [2, 0] }), { message: messages.badFeatureShape(owner, 'X', [2, 0]) });
  t.throws(() => features({ data: new Float32Array(6), shape: [6] }), { message: messages.badFeatureShape(owner, 'X', [6]) });
  t.throws(() => features({ data: new Float32Array(6), shape: [-2, 3] }), { message: messages.badFeatureShape(owner, 'X', [-2, 3]) });
  t.throws(() => features({ data: [], shape: [0, 3] }), { message: messages.emptyData(owner, 'X') });
  t.throws(() => features({ data: 'abc', shape: [1, 3] }), { message: messages.featureDataNotArray(owner, 'X', 'abc') });
  t.throws(() => features({ data: [1, 'x'], shape: [1, 2] }), { message: messages.featureNotNumber(owner, 'X', '.data[1]', 'x') });
});

test('NaN and Infinity in X: the first bad row and column', (t) => {
  t.throws(() => features([[1, 2], [3, Number.NaN]]), { instanceOf: DataError, message: messages.nonFiniteFeature(owner, 'X', 1, 1, Number.NaN) });
  t.is(
    messages.nonFiniteFeature(owner, 'X', 1, 1, Number.NaN),
    'Test.fit: X holds NaN at row 1, column 1 (0-based; the first non-finite value); X must hold finite float32 numbers.',
  );
  t.throws(() => features(Float64Array.of(0, 0, 0, 0, Infinity, -Infinity), { nSamples: 2 }), {
    message: messages.nonFiniteFeature(owner, 'X', 1, 1, Infinity),
  });
  // 1e39 is finite in float64 but not in float32, which is what training sees.
  t.throws(() => features([[1e39]]), { message: messages.nonFiniteFeature(owner, 'X', 0, 0, Infinity) });
});

test('the bitwise finite check: every position of a 4-value block and the tail, −Infinity, and the largest finite float32 passes', (t) => {
  const largest = 3.4028234663852886e38;
  for (let at = 0; at < 11; at++) {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const data = new Float32Array(11).fill(-largest);
      data[at] = bad;
      t.throws(() => features({ data, shape: [11, 1] }), { message: messages.nonFiniteFeature(owner, 'X', at, 0, bad) }, `${bad} at ${at}`);
    }
  }
  const extremes = Float32Array.of(largest, -largest, 1.4e-45, -0, 0, 1, -1, 2 ** -126, 7, 11, 13);
  t.is(features({ data: extremes, shape: [11, 1] }).data, extremes);
});

test('empty data and unsupported types', (t) => {
  t.throws(() => features([]), { instanceOf: DataError, message: messages.emptyData(owner, 'X') });
  t.is(messages.emptyData(owner, 'X'), 'Test.fit: X is empty (0 samples); at least 1 sample is required.');
  t.throws(() => checkXy(new Float32Array(0), [], { owner, task: 'classification' }), { message: messages.emptyData(owner, 'X') });
  t.throws(() => checkXy(new Float32Array(4), [], { owner, task: 'classification' }), { message: messages.emptyData(owner, 'y') });
  t.throws(() => features('abc'), { instanceOf: DataError, message: messages.featuresNotSupported(owner, 'X', 'abc') });
  t.throws(() => features({ rows: 1 }), { message: messages.featuresNotSupported(owner, 'X', { rows: 1 }) });
  t.throws(() => checkXy([[1]], 'abc' as unknown as TargetsInput, { owner, task: 'classification' }), {
    message: messages.targetsNotSupported(owner, 'abc'),
  });
});

test('X and y of different lengths', (t) => {
  const X = Array.from({ length: 10 }, (_, i) => [i]);
  const y = Array.from({ length: 9 }, () => 0);
  t.throws(() => checkXy(X, y, { owner, task: 'classification' }), { instanceOf: DataError, message: 'Test.fit: X has 10 samples but y has 9.' });
  t.is(messages.samplesMismatch(owner, 10, 9), 'Test.fit: X has 10 samples but y has 9.');
});

test('class labels: encoded as positions in their sorted distinct values; ids as given with nClasses', (t) => {
  const checked = checkXy([[1], [2], [3]], Int32Array.of(2, 0, 2), { owner, task: 'classification' });
  t.deepEqual(checked.y, Int32Array.of(1, 0, 1));
  t.deepEqual(checked.classes, [0, 2]);
  t.deepEqual(toTargets(Float32Array.of(1, 0, 3), { owner, task: 'classification', nSamples: 3 }), Int32Array.of(1, 0, 2));
  t.deepEqual(toTargets([0, 1.5, -1], { owner, task: 'classification', nSamples: 3 }), Int32Array.of(1, 2, 0));
  const ids = Int32Array.of(2, 0, 2);
  t.is(toTargets(ids, { owner, task: 'classification', nSamples: 3, nClasses: 3 }), ids);
  t.throws(() => toTargets(ids, { owner, task: 'classification', nSamples: 3, nClasses: 2 }), { instanceOf: DataError, message: messages.badClassId(owner, 0, 2, 2) });
  t.throws(() => toTargets([Number.NaN], { owner, task: 'classification', nSamples: 1 }), {
    instanceOf: DataError,
    message: 'Test.fit: y[0] is NaN; class labels must be finite numbers, strings or booleans.',
  });
  t.throws(() => toTargets([{}] as unknown as number[], { owner, task: 'classification', nSamples: 1 }), { message: messages.badClassLabel(owner, 0, {}) });
  t.throws(() => toTargets([1, 'cat'] as unknown as number[], { owner, task: 'classification', nSamples: 2 }), { message: messages.mixedLabels(owner, 1, 0, 'cat', 1) });
});

test('regression targets must be finite float32 numbers', (t) => {
  t.deepEqual(toTargets(Int32Array.of(1, -2), { owner, task: 'regression', nSamples: 2 }), Float32Array.of(1, -2));
  t.throws(() => toTargets([1, Number.NaN], { owner, task: 'regression', nSamples: 2 }), {
    instanceOf: DataError,
    message: 'Test.fit: y[1] is NaN; regression targets must be finite float32 numbers.',
  });
  t.throws(() => toTargets(Float64Array.of(0, 1e39), { owner, task: 'regression', nSamples: 2 }), { message: messages.nonFiniteTarget(owner, 1, 1e39) });
  t.throws(() => toTargets([Infinity], { owner, task: 'regression', nSamples: 1 }), { message: messages.nonFiniteTarget(owner, 0, Infinity) });
  t.throws(() => toTargets([1, 2], { owner, task: 'regression', nSamples: 3 }), { message: messages.samplesMismatch(owner, 3, 2) });
});

test('a tensor-like y of one dimension is read with dataSync', (t) => {
  const y = { shape: [2], dataSync: () => Int32Array.of(1, 0) };
  t.deepEqual(checkXy([[1], [2]], y as unknown as TargetsInput, { owner, task: 'classification' }).y, Int32Array.of(1, 0));
});
