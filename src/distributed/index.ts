/**
 * One search across machines, on BullMQ and Redis: the coordinator's executor and the
 * worker's loop. This folder is the only one that imports bullmq and ioredis (optional
 * packages); the command line loads it only when --redis is given.
 */
export { parseRedisUrl, redactRedisUrl, connectRedis, CONNECT_TIMEOUT_MS } from './connection.js';
export type { RedisTarget } from './connection.js';
export { QueueExecutor } from './coordinator.js';
export type { QueueExecutorOptions } from './coordinator.js';
export { runQueueWorker, MAX_STALLED } from './worker.js';
export type { JoinedRun, QueueWorkerOptions } from './worker.js';
export { DEFAULT_QUEUE, checkQueueName, manifestDifferences } from './manifest.js';
export type { RunManifest } from './manifest.js';
