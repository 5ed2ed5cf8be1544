/**
 * The run's manifest: what a worker must match before it runs anything — the gridfold
 * version, the search file's content hash and the data's fingerprint — and what it needs
 * to load the same data (the file's name and the flags that change the data). The
 * coordinator writes it to Redis; workers read it. Also the names of the run's Redis
 * keys, beside BullMQ's own under the same prefix.
 */
import { InvalidParameterError, messages } from '../core/index.js';

export interface RunManifest {
  runId: string;
  version: string;
  search: {
    /** The file's name only (e.g. `mnist-widths.ts`): a worker looks for it itself. */
    file: string;
    sha256: string;
  };
  /** The command-line flags that change what data the search loads. */
  overrides: { limit?: number; seed?: number };
  /** dataFingerprint of the search's data. */
  data: string;
  coordinator: string;
  startedAt: string;
}

export const DEFAULT_QUEUE = 'gridfold';
const QUEUE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** BullMQ's prefix for the queue's own keys; ours go beside them. */
export const KEY_PREFIX = 'gridfold';

export function checkQueueName(value: unknown): string {
  if (typeof value !== 'string' || !QUEUE_NAME.test(value)) throw new InvalidParameterError(messages.queueNameInvalid(value));
  return value;
}

export const keys = {
  manifest: (queue: string) => `${KEY_PREFIX}:${queue}:manifest`,
  coordinator: (queue: string) => `${KEY_PREFIX}:${queue}:coordinator`,
  /** Fit key → WireResult JSON, written by the worker before it completes the job. */
  results: (queue: string, runId: string) => `${KEY_PREFIX}:${queue}:run:${runId}:results`,
  /** Workers that refused the run, and why (a list of JSON lines). */
  refusals: (queue: string, runId: string) => `${KEY_PREFIX}:${queue}:run:${runId}:refusals`,
};

/** The parts of a manifest that differ between two runs, as the refusal names them. */
export function manifestDifferences(a: RunManifest, b: Omit<RunManifest, 'runId' | 'coordinator' | 'startedAt'>): string[] {
  const differs: string[] = [];
  if (a.version !== b.version) differs.push('gridfold version');
  if (a.search.file !== b.search.file || a.search.sha256 !== b.search.sha256) differs.push('search file');
  if (JSON.stringify(a.overrides) !== JSON.stringify(b.overrides)) differs.push('--limit/--seed');
  if (a.data !== b.data) differs.push('data');
  return differs;
}

export function parseManifest(text: string | null): RunManifest | undefined {
  if (text === null) return undefined;
  try {
    const manifest = JSON.parse(text) as RunManifest;
    return typeof manifest.runId === 'string' && typeof manifest.search?.file === 'string' ? manifest : undefined;
  } catch {
    return undefined;
  }
}
