export * from './errors.js';
export * from './warnings.js';
export * from './types.js';
export * from './rng.js';
export * from './check.js';
export { describeValue, listOf } from './describe.js';
export * as messages from './messages/index.js';
export { argmaxRows, maxLabel } from './arrays.js';
export { vendorFile } from './vendor.js';
