/**
 * What goes through Redis: a task (one unit of fits) as JSON text, and the records that
 * come back. Both are data only — parameters, fold indices as base64 bytes, scores — with
 * the journal's encoding of NaN, ±Infinity and -0, so scores cross bit for bit. A custom
 * module travels by name alone: the worker finds it in its own search file, never by a
 * path from the queue.
 */
import type { FitRecord } from '../core/index.js';
import { decodeNumber, encodeNumber } from '../results/journal.js';
import type { FitTask } from '../validation/index.js';

/** The data of one queued job. */
export interface TaskJobData {
  runId: string;
  /** JSON text of WireFit[] (see encodeUnit). */
  unit: string;
}

/** A finished job's return value and an entry of the run's results hash. */
export interface WireResult {
  key: string;
  record: FitRecord;
}

interface WireFit {
  key: string;
  task: Omit<FitTask, 'train' | 'test'> & { train: string; test: string };
}

export function encodeUnit(unit: readonly FitTask[], keys: readonly string[]): string {
  const fits: WireFit[] = unit.map((task, i) => ({
    key: keys[i],
    task: { ...task, estimator: { ...task.estimator, params: { ...task.estimator.params, module: moduleByName(task.estimator.params.module) } }, train: toBase64(task.train), test: toBase64(task.test) },
  }));
  return JSON.stringify(fits, encodeNumber);
}

export function decodeUnit(text: string): Array<{ key: string; task: FitTask }> {
  const fits = JSON.parse(text, decodeNumber) as WireFit[];
  if (!Array.isArray(fits)) throw new TypeError('a task must be a list of fits');
  return fits.map(({ key, task }) => {
    if (typeof key !== 'string' || typeof task !== 'object' || task === null) throw new TypeError('a fit must be { key, task }');
    return { key, task: { ...task, train: fromBase64(task.train), test: fromBase64(task.test) } };
  });
}

export function encodeResults(results: readonly WireResult[]): string {
  return JSON.stringify(results, encodeNumber);
}

export function decodeResults(text: string): WireResult[] {
  return JSON.parse(text, decodeNumber) as WireResult[];
}

/** A module given as `{ name, path }` goes as `{ name }`: the path is the coordinator's. */
function moduleByName(module: unknown): unknown {
  if (typeof module === 'object' && module !== null && typeof (module as { name?: unknown }).name === 'string') {
    return { name: (module as { name: string }).name };
  }
  return module;
}

function toBase64(indices: Int32Array): string {
  return Buffer.from(indices.buffer, indices.byteOffset, indices.byteLength).toString('base64');
}

function fromBase64(text: string): Int32Array {
  if (typeof text !== 'string') throw new TypeError('fold indices must be base64 text');
  const bytes = Buffer.from(text, 'base64');
  // A copy: Buffer.from may return a view into a shared pool at any offset.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Int32Array(copy.buffer);
}
