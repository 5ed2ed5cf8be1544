import type { Params } from '../core/index.js';

/** Plain data that rebuilds an unfitted estimator in another thread (or from a saved model). */
export interface EstimatorSpec {
  className: string;
  params: Params;
}
