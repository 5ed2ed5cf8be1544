import test from 'ava';
import { initBackend } from '../../src/backend/index.js';
import { GridSearchCV, NeuralNetClassifier } from '../../src/index.js';
import { withoutTimesAndThread } from '../parallel/helpers.js';
import { tinyImages } from '../estimators/helpers.js';

test.before(async () => {
  await initBackend('wasm');
});

test('an mlp flattens images: the same fits on [n, 8, 8, 1] as on [n, 64], stacked and apart', async (t) => {
  const { X, y } = tinyImages(36, 8);
  const flat = { data: X.data, shape: [36, 64] };
  const search = async (features: { data: Float32Array; shape: number[] }, foldBatching: boolean) => {
    const net = new NeuralNetClassifier({ 'module.hiddenUnits': [6], optimizer: 'sgd', lr: 0.1, batchSize: 8, maxEpochs: 2 });
    const s = new GridSearchCV(net, { 'module.init': ['default', 'heNormal'] }, { cv: 3, refit: false, foldBatching });
    await s.fit(features, y);
    return s.fits.map(withoutTimesAndThread);
  };
  for (const foldBatching of [true, false]) {
    const images = await search(X, foldBatching);
    t.true(images.every((fit) => fit.error === undefined));
    t.deepEqual(images, await search(flat, foldBatching));
  }
});
