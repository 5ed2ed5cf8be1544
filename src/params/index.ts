export { ParameterGrid, type GridSpec, type GridEntry, type GridOptions, type ValueList } from './grid.js';
export {
  uniform, loguniform, randint, choice, isDistribution, distributionFromJSON,
  type Distribution, type DistributionJSON,
} from './distributions.js';
export { ParameterSampler, listedValues, type DistributionSpec, type DistributionEntry, type SamplerOptions } from './sampler.js';
export { getPath, setPath } from './paths.js';
export { formatParamValue, paramsFingerprint } from './format.js';
