/**
 * The lean conv step's own kernels (src/backend/kernels/conv-ops.ts) against tf ops on the
 * same wasm backend: im2col · filter is tf.conv2d, col2im is its input gradient, max pooling
 * with indices is tf.maxPool, column sums are tf.sum over rows.
 */
import test from 'ava';
import { col2im, columnSums, im2col, initBackend, maxPoolBackward, maxPoolWithIndices, tf } from '../../src/backend/index.js';
import { messages } from '../../src/core/index.js';
import { random } from './helpers.js';

test.before(async () => {
  await initBackend('wasm');
});

function tensor(shape: number[], seed: number): tf.Tensor {
  const next = random(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => next() * 2 - 1), shape);
}

function worst(a: tf.Tensor, b: tf.Tensor): number {
  if (JSON.stringify(a.shape) !== JSON.stringify(b.shape)) return Infinity;
  const x = a.dataSync();
  const y = b.dataSync();
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i] - y[i]));
  return max;
}

const CONVS: Array<[number[], number[], number | [number, number], 'same' | 'valid']> = [
  [[2, 9, 7, 3], [3, 3, 3, 5], 1, 'same'],
  [[1, 10, 10, 16], [5, 5, 16, 4], [2, 1], 'valid'],
  [[3, 6, 8, 1], [2, 4, 1, 6], 2, 'same'],
  [[2, 5, 5, 7], [1, 1, 7, 3], 1, 'valid'],
];

test.serial('im2col · filter is tf.conv2d, and col2im is its input gradient', (t) => {
  for (const [xShape, fShape, strides, pad] of CONVS) {
    tf.tidy(() => {
      const x = tensor(xShape, 1);
      const filter = tensor(fShape, 2);
      const info = tf.backend_util.computeConv2DInfo([1, ...xShape.slice(1)] as [number, number, number, number], fShape as [number, number, number, number], strides, 1, pad);
      const want = tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, strides, pad);
      const cols = im2col(x, info);
      const got = tf.reshape(tf.matMul(cols, tf.reshape(filter, [-1, fShape[3]])), want.shape);
      t.true(worst(got, want) < 1e-5, `forward ${xShape} ${fShape}`);
      const dy = tensor(want.shape, 3);
      const dxWant = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, strides, pad), dy)))(x);
      const dxGot = col2im(tf.matMul(tf.reshape(dy, [-1, fShape[3]]), tf.reshape(filter, [-1, fShape[3]]), false, true), info);
      t.true(worst(dxGot, dxWant) < 1e-5, `col2im ${xShape} ${fShape}`);
    });
  }
});

test.serial('max pooling with indices is tf.maxPool, and its backward routes dy to the maxima', (t) => {
  for (const [shape, pool, strides, pad] of [[[2, 9, 7, 5], 2, 2, 1], [[1, 6, 6, 8], 3, 1, 'same'], [[2, 7, 5, 3], 2, 2, 'valid']] as const) {
    tf.tidy(() => {
      const x = tensor([...shape], 4);
      const info = tf.backend_util.computePool2DInfo([1, ...shape.slice(1)] as [number, number, number, number], pool, strides, 1, pad);
      const [y, argmax] = maxPoolWithIndices(x, info);
      const want = tf.maxPool(x as tf.Tensor4D, pool, strides, pad);
      t.is(worst(y, want), 0, `maxPool ${shape} ${pool} ${strides} ${pad}`);
      const dy = tensor(want.shape, 5);
      const dxWant = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(input as tf.Tensor4D, pool, strides, pad), dy)))(x);
      t.true(worst(maxPoolBackward(dy, argmax, x.shape), dxWant) < 1e-6, `backward ${shape} ${pool} ${strides} ${pad}`);
    });
  }
});

test.serial('column sums are tf.sum over the rows, at every width (vector blocks and tails)', (t) => {
  for (const cols of [1, 3, 4, 5, 16, 17, 21, 37]) {
    tf.tidy(() => {
      const x = tensor([29, cols], cols);
      t.true(worst(columnSums(x), tf.sum(x, 0)) < 1e-5, `width ${cols}`);
    });
  }
});

test.serial("off wasm the lean conv step's kernels refuse, naming the backend", async (t) => {
  await initBackend('cpu');
  try {
    const x = tf.zeros([2, 3]);
    t.throws(() => columnSums(x), { message: messages.convOpNeedsWasm('GridfoldColumnSums', 'cpu') });
    x.dispose();
  } finally {
    await initBackend('wasm');
  }
});
