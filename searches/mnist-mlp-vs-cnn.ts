/**
 * Architectures of different kinds in one search, a list of grids: MLPs of one and two
 * hidden layers against the seed's DemoNetwork (six thousand parameters, no activation
 * between its convolutions: max pooling is its only non-linearity) and a slightly larger CNN (the
 * same blocks with twice the filters and relu between them) — all trained alike: Adam with
 * lr 5e-3, batch 64, as the seed trained DemoNetwork, 8 epochs, 3 folds of the 10,000 digits.
 * The report shows `—` where a parameter is not the candidate's (hidden units for a CNN),
 * and n_parameters beside the score: size against accuracy.
 */
import { defineSearch, type ConvBlock } from 'gridfold';

/** Seed 000's DemoNetwork: conv 16@3×3 same → maxpool 2 → conv 32@3×3 → maxpool 2 pad 1 → conv 8@1×1 → conv 4@5×5. */
export const DEMO_NETWORK: ConvBlock[] = [
  { filters: 16, kernel: 3, padding: 'same', pool: 2 },
  { filters: 32, kernel: 3, pool: 2, poolPadding: 1 },
  { filters: 8, kernel: 1 },
  { filters: 4, kernel: 5 },
];

/** DemoNetwork's blocks with twice the filters (23,794 parameters with its Dense output). */
export const WIDER_DEMO_NETWORK: ConvBlock[] = DEMO_NETWORK.map((block) => ({ ...block, filters: block.filters * 2 }));

export default defineSearch({
  name: 'mnist-mlp-vs-cnn',
  description: 'MLPs [128] and [256, 128] vs DemoNetwork (no activation) vs DemoNetwork ×2 filters with relu; Adam 5e-3, batch 64, 8 epochs',
  data: { dataset: 'mnist', source: 'sample' },
  estimator: {
    kind: 'classifier',
    params: { optimizer: 'adam', lr: 5e-3, batchSize: 64, maxEpochs: 8 },
  },
  paramGrid: [
    { module: ['mlp'], 'module.hiddenUnits': [[128], [256, 128]] },
    { module: ['cnn'], 'module.convs': [DEMO_NETWORK], 'module.activation': ['none'] },
    { module: ['cnn'], 'module.convs': [WIDER_DEMO_NETWORK], 'module.activation': ['relu'] },
  ],
  cv: 3,
  scoring: 'accuracy',
  nJobs: -1,
  seed: 0,
});
