/**
 * The parallel fold engine. Importing this folder installs the worker-thread pool as the
 * executor of every search and crossValidate with nJobs > 1 (src/index.ts imports it);
 * nJobs 1, and fits with function scorers, stay in the calling thread.
 */
import { InProcessExecutor, setExecutorFactory } from '../validation/index.js';
import { PoolExecutor } from './pool-executor.js';

setExecutorFactory((request) => (request.inProcessOnly ? new InProcessExecutor() : new PoolExecutor({ nJobs: request.nJobs })));

export { PoolExecutor } from './pool-executor.js';
export type { PoolExecutorOptions } from './pool-executor.js';
export { shareDataset, datasetFromShared } from './shared-data.js';
export type { SharedDataset } from './shared-data.js';
