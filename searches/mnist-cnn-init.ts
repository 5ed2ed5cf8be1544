/**
 * The seed's DemoNetwork as it trained it — default initialisation, Adam with lr 5e-3,
 * batch 64, 16 epochs — beside the same network initialised with zeros, the CNN companion
 * of mnist-init.ts. With every weight zero, each layer's output is its (zero) bias, so no
 * weight gets a gradient and only the output bias learns: the network predicts the class
 * frequencies. DemoNetwork has no activation between its convolutions, as in the seed.
 */
import { defineSearch } from 'gridfold';
import { DEMO_NETWORK } from './mnist-mlp-vs-cnn.js';

export default defineSearch({
  name: 'mnist-cnn-init',
  description: "seed 000's DemoNetwork, default vs zero initialisation; Adam lr 5e-3, batch 64, 16 epochs as the seed",
  data: { dataset: 'mnist', source: 'sample' },
  estimator: {
    kind: 'classifier',
    params: {
      module: 'cnn', 'module.convs': DEMO_NETWORK, 'module.activation': 'none',
      optimizer: 'adam', lr: 5e-3, batchSize: 64, maxEpochs: 16,
    },
  },
  paramGrid: {
    'module.init': ['default', 'zeros'],
  },
  cv: 3,
  scoring: 'accuracy',
  nJobs: -1,
  seed: 0,
});
