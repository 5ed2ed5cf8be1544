/**
 * The parallel fold engine. `installPoolExecutor()` makes the worker-thread pool the
 * executor of every search and crossValidate with nJobs > 1; the public entry point
 * (src/index.ts) and the command line each call it, so neither depends on the other
 * having been imported. nJobs 1, and fits with function scorers, stay in the calling thread.
 * Every search of the process borrows one warm pool (src/parallel/pool-shared.ts).
 */
import { InProcessExecutor, setExecutorFactory } from '../validation/index.js';
import { PoolExecutor } from './pool-executor.js';

export function installPoolExecutor(): void {
  setExecutorFactory((request) => (request.inProcessOnly ? new InProcessExecutor() : new PoolExecutor({ nJobs: request.nJobs, shared: true })));
}

export { PoolExecutor } from './pool-executor.js';
export { closeWorkers, sharedWorkerThreadIds, startWorkers } from './pool-shared.js';
export type { PoolExecutorOptions } from './pool-executor.js';
export { shareDataset, datasetFromShared } from './shared-data.js';
export type { SharedDataset } from './shared-data.js';
