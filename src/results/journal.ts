/**
 * The run journal: one JSON line per finished (candidate, fold), appended and fsynced
 * before the fit is reported, so an interrupted search resumes where it stopped. A fit is
 * keyed by a fingerprint of everything its result depends on; the first line fingerprints
 * the search, so a journal is never resumed by a different search or different data.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, open, readFile, rename, truncate } from 'node:fs/promises';
import { JournalError, isInfrastructureFailure, messages, warn, type FitRecord } from '../core/index.js';
import type { FitJournal, FitTask, JournalContext, JournalFactory, SearchData } from '../validation/index.js';
import { VERSION } from '../version.js';
import { fitRecordProblem } from './record-check.js';

export interface JournalOptions {
  /** Keep the fits an existing journal holds (true), or move it aside and start afresh (default). */
  resume?: boolean;
}

/** The search fingerprint on the journal's first line; each part is compared on resume. */
export interface JournalHeader {
  gridfold: 'journal';
  version: string;
  data: string;
  estimator: string;
  grid: string;
}

const HEADER_PARTS = [['data', 'data'], ['estimator', 'estimator'], ['grid', 'grid'], ['version', 'gridfold version']] as const;

/** For `SearchOptions.journal`: the search opens the journal once it knows its data. */
export function runJournal(path: string, options: JournalOptions = {}): JournalFactory {
  return (context) => RunJournal.open(path, context, options);
}

export class RunJournal implements FitJournal {
  readonly path: string;
  /** Fits found in the journal when it was opened. */
  readonly resumedFits: number;
  private readonly dataHash: string;
  private readonly records: Map<string, FitRecord>;
  private writing: Promise<void> = Promise.resolve();

  private constructor(path: string, dataHash: string, records: Map<string, FitRecord>) {
    this.path = path;
    this.dataHash = dataHash;
    this.records = records;
    this.resumedFits = records.size;
  }

  static async open(path: string, context: JournalContext, options: JournalOptions = {}): Promise<RunJournal> {
    const header = searchHeader(context);
    const existing = existsSync(path) ? await readFile(path, 'utf8') : '';
    if (options.resume && existing !== '') {
      const loaded = await loadJournal(path, existing, header);
      if (loaded) {
        // A fit stopped from outside (its worker died, fitTimeout, a lost task) runs again; its own failure is kept.
        const records = new Map([...loaded].filter(([, record]) => !isInfrastructureFailure(record.error)));
        const failures = { kept: [...records.values()].filter((r) => r.error).length, rerun: loaded.size - records.size };
        if (loaded.size > 0) warn('GridfoldWarning', messages.journalResumed(path, records.size, failures));
        return new RunJournal(path, header.data, records);
      }
    } else if (existing !== '') {
      const aside = `${path}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
      await rename(path, aside);
      warn('GridfoldWarning', messages.journalMovedAside(path, aside));
    }
    await writeSynced(path, `${JSON.stringify(header)}\n`, 'w');
    return new RunJournal(path, header.data, new Map());
  }

  keyOf(task: FitTask): string {
    return fitKey(task, this.dataHash);
  }

  lookup(key: string): FitRecord | undefined {
    return this.records.get(key);
  }

  /** Appends one line and fsyncs it; appends are written one after another, never interleaved. */
  append(key: string, record: FitRecord): Promise<void> {
    const line = `${JSON.stringify({ key, record }, encodeNumber)}\n`;
    this.writing = this.writing.then(() => writeSynced(this.path, line, 'a'));
    this.records.set(key, record);
    return this.writing;
  }
}

/** A fit's key: a fingerprint of everything its result depends on (the journal's and the queue's). */
export function fitKey(task: FitTask, dataHash: string): string {
  const hash = createHash('sha256');
  hash.update(canonicalJson({
    version: VERSION, data: dataHash, estimator: task.estimator, scoring: task.scoring,
    returnTrainScore: task.returnTrainScore, errorScore: task.errorScore, nClasses: task.nClasses,
    nTrain: task.train.length, nTest: task.test.length,
  }));
  hash.update(bytesOf(task.train));
  hash.update(bytesOf(task.test));
  return hash.digest('hex');
}

/** sha256 of X (shape and bytes) and y (type and bytes); computed once per search. */
export function dataFingerprint(data: SearchData): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ nSamples: data.X.nSamples, sampleShape: data.X.sampleShape, y: data.y.constructor.name, nY: data.y.length }));
  hash.update(bytesOf(data.X.data));
  hash.update(bytesOf(data.y));
  return hash.digest('hex');
}

/**
 * dataFingerprint, computed when the event loop is next free — a search's fits are out by
 * then and its workers train while the main thread hashes (31 MB for the MNIST sample,
 * ~30 ms it would otherwise add before the first fit) — or when asked for first.
 */
export function idleFingerprint(data: SearchData): { get(): string; cancel(): void } {
  let fingerprint: string | undefined;
  const get = () => (fingerprint ??= dataFingerprint(data));
  const pending = setImmediate(get);
  return { get, cancel: () => clearImmediate(pending) };
}

export function searchHeader(context: JournalContext): JournalHeader {
  return {
    gridfold: 'journal',
    version: VERSION,
    data: dataFingerprint(context.data),
    estimator: sha256(canonicalJson(context.estimator)),
    grid: sha256(canonicalJson(context.candidates)),
  };
}

/**
 * The records of an existing journal, or undefined when it holds no header yet (killed while
 * creating it). A line that cannot be read — not JSON, not an entry, a record whose content
 * is wrong — is skipped with a warning naming it, and its fit runs again; the journal is then
 * rewritten without it, the file as it was kept beside it. Only a last line may be cut short
 * (killed while appending): it is cut off.
 */
async function loadJournal(path: string, text: string, header: JournalHeader): Promise<Map<string, FitRecord> | undefined> {
  const complete = text.endsWith('\n');
  const lines = text.split('\n');
  if (complete) lines.pop();
  const first = parseLine(lines[0]) as Partial<JournalHeader> | undefined;
  if (first === undefined && lines.length === 1 && !complete) return undefined;
  if (!first || first.gridfold !== 'journal') throw new JournalError(messages.journalNotAJournal(path, lines[0]));
  const differs = HEADER_PARTS.filter(([key]) => first[key] !== header[key]).map(([, label]) => label);
  if (differs.length > 0) throw new JournalError(messages.journalHeaderMismatch(path, differs));
  const records = new Map<string, FitRecord>();
  const kept = [lines[0]];
  const skipped: Array<{ line: number; reason: string }> = [];
  let cutTail = false;
  for (let i = 1; i < lines.length; i++) {
    const entry = parseLine(lines[i]) as { key?: unknown; record?: unknown } | undefined;
    const problem = entry === undefined ? 'not JSON'
      : typeof entry !== 'object' || entry === null || typeof entry.key !== 'string' ? 'not a { key, record } entry'
        : fitRecordProblem(entry.record);
    if (problem === undefined) {
      records.set(entry!.key as string, entry!.record as FitRecord);
      kept.push(lines[i]);
    } else if (i === lines.length - 1 && !complete) {
      warn('GridfoldWarning', messages.journalTruncatedTail(path, i + 1));
      cutTail = true;
    } else skipped.push({ line: i + 1, reason: problem });
  }
  if (skipped.length > 0) {
    const backup = `${path}.${new Date().toISOString().replace(/[:.]/g, '-')}.corrupt`;
    await copyFile(path, backup);
    await replaceSynced(path, `${kept.join('\n')}\n`);
    warn('GridfoldWarning', messages.journalLinesSkipped(path, skipped, backup));
  } else if (cutTail) {
    // Cut the partial line off, so the next append starts on a line of its own.
    await truncate(path, Buffer.byteLength(`${kept.join('\n')}\n`));
  } else if (!complete) {
    // A complete last entry that lost only its newline: end the line before appending more.
    await writeSynced(path, '\n', 'a');
  }
  return records;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line, decodeNumber);
  } catch {
    return undefined; // the caller says which line and why
  }
}

/** Replaces the file's content all at once: a crash leaves the old file or the new one, never half of each. */
async function replaceSynced(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeSynced(temporary, text, 'w');
  await rename(temporary, path);
}

async function writeSynced(path: string, text: string, flags: 'a' | 'w'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** JSON has no NaN, ±Infinity or -0: failed fits score NaN, and resumed scores must be bit-identical. */
export function encodeNumber(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || (Number.isFinite(value) && !Object.is(value, -0))) return value;
  return { $number: Object.is(value, -0) ? '-0' : String(value) };
}

export function decodeNumber(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { $number?: unknown }).$number === 'string' && Object.keys(value).length === 1) {
    return Number((value as { $number: string }).$number);
  }
  return value;
}

/** JSON with sorted keys, typed arrays as arrays and modules by name and file: stable across runs. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: String(Object.is(value, -0) ? '-0' : value) };
  if (typeof value === 'function') return { $function: value.name };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return { [value.constructor.name]: Array.from(value as unknown as ArrayLike<number>) };
  if (Array.isArray(value)) return value.map(canonical);
  const object = value as Record<string, unknown>;
  if (object.kind === 'gridfold.module') return { module: object.name, source: object.source };
  if (typeof (object as { toJSON?: unknown }).toJSON === 'function') return canonical((object as { toJSON(): unknown }).toJSON());
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) if (object[key] !== undefined) sorted[key] = canonical(object[key]);
  return sorted;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
