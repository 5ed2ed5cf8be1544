import test from 'ava';
import { NeuralNetClassifier, NeuralNetRegressor, OPTIMIZERS, EarlyStopping, Checkpoint, defineModule } from '../../src/estimators/index.js';
import { tf } from '../../src/backend/index.js';
import { leanStepsRun } from '../../src/estimators/lean/index.js';
import { backend, numTensors, tinyClassification, tinyRegression } from './helpers.js';

// numTensors is global to the process: these tests run serially, alone in their file.
test.before(backend);

const small = { 'module.hiddenUnits': [8], maxEpochs: 3, batchSize: 16, lr: 0.1 };

test.serial('no tensor is leaked by fit + predict + score + dispose, with every optimizer', async (t) => {
  const { X, y } = tinyClassification();
  for (const optimizer of OPTIMIZERS) {
    const before = numTensors();
    const net = new NeuralNetClassifier({ ...small, optimizer, 'optimizer.weightDecay': 0.01, 'module.batchNorm': true, 'module.dropout': 0.2 });
    await net.fit(X, y);
    await net.predict(X);
    await net.predictProba(X);
    await net.score(X, y);
    net.dispose();
    t.is(numTensors(), before, `optimizer ${optimizer}`);
  }
});

test.serial('no tensor is leaked by a regressor, callbacks and a failed fit', async (t) => {
  const { X, y } = tinyRegression();
  const before = numTensors();
  const net = new NeuralNetRegressor({ ...small, callbacks: [new EarlyStopping({ restoreBest: true, patience: 1 }), new Checkpoint()] });
  await net.fit(X, y);
  await net.score(X, y);
  net.dispose();
  const diverging = new NeuralNetClassifier({ ...small, lr: 1e30, 'module.init': 'normal' });
  const c = tinyClassification();
  await t.throwsAsync(diverging.fit(c.X, c.y));
  diverging.dispose();
  t.is(numTensors(), before);
});

/**
 * A small CNN over 8×8 images given as 64 flat features (a user's own module): plain, it
 * trains with the lean conv step; with batch norm, dropout and a depthwise conv, with tfjs'
 * autograd on gridfold's gradient kernels.
 */
const tinyCnn = defineModule('leak-test-cnn', ({ params, inputShape, outputUnits, seed }) => tf.sequential({ layers: [
  tf.layers.reshape({ inputShape, targetShape: [8, 8, 1] }),
  tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
  ...(params.batchNorm ? [tf.layers.batchNormalization(), tf.layers.dropout({ rate: 0.2, seed })] : []),
  tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
  ...(params.batchNorm ? [tf.layers.depthwiseConv2d({ kernelSize: 2 })] : []),
  tf.layers.conv2d({ filters: 3, kernelSize: 3 }),
  tf.layers.flatten(),
  tf.layers.dense({ units: outputUnits }),
] }), { defaults: { batchNorm: false } });

function tinyImages(): { X: Float32Array; y: Int32Array } {
  const n = 30;
  const X = new Float32Array(n * 64);
  const y = Int32Array.from({ length: n }, (_, i) => i % 3);
  for (let i = 0; i < X.length; i++) X[i] = Math.sin(i * 0.61) + (Math.floor(i / 64) % 3 === (i % 64) % 3 ? 0.8 : 0);
  return { X, y };
}

test.serial('no tensor is leaked over 20 fits of a CNN, lean and generic, with every optimizer, batch norm and dropout', async (t) => {
  const { X, y } = tinyImages();
  const before = numTensors();
  const leanBefore = leanStepsRun();
  for (let fit = 0; fit < 20; fit++) {
    const net = new NeuralNetClassifier({
      module: tinyCnn, 'module.batchNorm': fit % 2 === 1, optimizer: OPTIMIZERS[fit % OPTIMIZERS.length],
      maxEpochs: 2, batchSize: 8, lr: 0.01, seed: fit + 1,
    });
    await net.fit(X, y);
    await net.score(X, y);
    net.dispose();
    t.is(numTensors(), before, `fit ${fit + 1}`);
  }
  // The ten plain fits took the lean conv step: 2 epochs of 3 batches (24 training rows) each.
  t.is(leanStepsRun() - leanBefore, 10 * 2 * 3);
});
