/**
 * Learning rate against width, drawn at random: lr log-uniform in [1e-3, 1), one or two
 * hidden layers of 100 to 5,000 relu units, and a softmax on top of the output or not.
 * With `outputActivation: 'softmax'` the cross-entropy loss (which takes logits) applies a
 * second softmax — the seed's "softmax twice" experiment, which learns much more slowly.
 *
 * Width and depth are two numbers here, so the module is defined in this file (the
 * built-in 'mlp' takes a list of widths); it is exported so worker threads find it.
 *
 * Budget: 6 draws on 2,000 digits for 2 epochs on two cores (wasm). The softmax on top no
 * longer costs time: both variants train with the lean step (measured at [1000, 1000]:
 * 1.8 s per epoch either way, against 6.5 s per epoch in the generic loop).
 */
import { choice, defineModule, defineSearch, loguniform, randint, tf } from 'gridfold';

export const widthDepthMlp = defineModule('mlp-width-depth', ({ params, inputShape, outputUnits, seed, lossExpects }) => {
  const width = params.width as number;
  const depth = params.depth as number;
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape }));
  // MNIST's samples keep their image shape, [28, 28, 1]: a Dense stack flattens them first.
  if (inputShape.length > 1) model.add(tf.layers.flatten());
  for (let layer = 0; layer < depth; layer++) {
    model.add(tf.layers.dense({ units: width, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + layer }) }));
  }
  const softmaxOnTop = params.outputActivation === 'softmax' || (params.outputActivation === 'auto' && lossExpects === 'probabilities');
  model.add(tf.layers.dense({
    units: outputUnits, activation: softmaxOnTop ? 'softmax' : 'linear', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + depth }),
  }));
  return model;
}, { defaults: { width: 100, depth: 1, outputActivation: 'auto' } });

export default defineSearch({
  name: 'mnist-lr-width',
  description: 'random search: lr log-uniform 1e-3..1, 1 or 2 hidden layers of 100..5000 units, softmax on top or not (2,000 digits, 2 epochs)',
  search: 'random',
  data: { dataset: 'mnist', source: 'sample', limit: 2000 },
  estimator: {
    kind: 'classifier',
    params: { module: widthDepthMlp, optimizer: 'sgd', batchSize: 64, maxEpochs: 2 },
  },
  paramDistributions: {
    lr: loguniform(1e-3, 1),
    'module.width': randint(100, 5001),
    'module.depth': [1, 2],
    'module.outputActivation': choice(['softmax', 'auto']),
  },
  nIter: 6,
  cv: 3,
  scoring: 'accuracy',
  nJobs: -1,
  seed: 0,
});
