// bench/distributed.ts's per-task overhead: 40 fits of one epoch on 60 points, each its own
// task (no stacking), so the time is the queue's, not the fits'.
import { defineSearch } from 'gridfold';

export default defineSearch({
  name: 'many-tiny',
  data: { dataset: 'moons', nSamples: 60, noise: 0.2, seed: 0 },
  estimator: { kind: 'classifier', params: { 'module.hiddenUnits': [4], batchSize: 32, maxEpochs: 1, trainSplit: 0 } },
  paramGrid: { lr: Array.from({ length: 20 }, (_, i) => 0.01 * (i + 1)) },
  cv: 2,
  nJobs: 1,
  foldBatching: false,
  refit: false,
  seed: 0,
});
