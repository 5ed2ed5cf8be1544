/**
 * A fold's rows as a tensor (rowsTensor): written straight into the wasm heap they hold
 * exactly the rows tf.tensor of a host copy holds, on wasm and on cpu, for flat rows and
 * image samples, in any order with repeats; the fold's data handed to a fit as rows of the
 * search's X (FitData.rows) trains the same weights as a copy of those rows.
 */
import test from 'ava';
import { initBackend, rowsTensor, takeRows, tf } from '../../src/backend/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';

const X = Float32Array.from({ length: 7 * 12 }, (_, i) => Math.fround(Math.sin(i) * 3));
const order = Int32Array.from([6, 0, 3, 3, 5]);

for (const backend of ['wasm', 'cpu'] as const) {
  test.serial(`${backend}: rowsTensor holds the rows tf.tensor of takeRows holds, flat and as images`, async (t) => {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    for (const sampleShape of [[12], [2, 3, 2]]) {
      const tensor = rowsTensor(X, sampleShape, order);
      t.deepEqual(tensor.shape, [order.length, ...sampleShape]);
      t.deepEqual(Array.from(tensor.dataSync()), Array.from(takeRows(X, 12, order)));
      const empty = rowsTensor(X, sampleShape, new Int32Array(0));
      t.deepEqual(empty.shape, [0, ...sampleShape]);
      tf.dispose([tensor, empty]);
    }
    t.is(tf.memory().numTensors, before, 'no tensor leaked');
  });
}

test.serial('a fit on rows of the search X (FitData.rows) trains the weights a fit on a copy of them trains, bit for bit', async (t) => {
  await initBackend('wasm');
  const rows = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 60);
  const data = Float32Array.from({ length: 60 * 6 }, (_, i) => Math.fround(Math.cos(i * 0.7)));
  const labels = Int32Array.from({ length: 60 }, (_, i) => i % 3);
  const y = Int32Array.from(rows, (r) => labels[r]);
  const params = { 'module.hiddenUnits': [5], maxEpochs: 2, batchSize: 8, seed: 2 };
  const weights = async (fitData: Parameters<NeuralNetClassifier['fitChecked']>[0]) => {
    const net = new NeuralNetClassifier(params);
    await net.fitChecked(fitData, { nClasses: 3 });
    const values = net.model.getWeights().map((w) => Array.from(w.dataSync()));
    net.dispose();
    return values;
  };
  const copied = await weights({ X: { data: takeRows(data, 6, rows), nSamples: 40, sampleShape: [6] }, y });
  const viaRows = await weights({ X: { data, nSamples: 60, sampleShape: [6] }, rows, y });
  t.deepEqual(viaRows, copied);
});
