/**
 * Search progress on stderr: a bar redrawn in place on a TTY (fits done / total, elapsed,
 * ETA, best mean score so far, backend, workers); one plain line per finished candidate
 * when the stream is a file or a pipe (CI logs); nothing at all with verbose 0.
 */
import { InvalidParameterError, messages, type FitRecord, type Params } from '../core/index.js';
import type { Progress } from '../validation/index.js';
import { convBlocksText, formatClock, formatParamShort } from '../results/format.js';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporterOptions {
  stream?: ProgressStream;
  verbose: number;
  /** Fits in the search (candidates × folds), resumed ones included. */
  total: number;
  backend: string;
  workers: number;
  /** Folds per candidate: needed to know when a candidate is finished (else one line per fit). */
  nSplits?: number;
  /** The candidates' parameters, shown in the per-candidate lines. */
  candidates?: readonly Params[];
  /** The score shown as "best"; default: the first score of the first record. */
  metric?: string;
  /** Milliseconds clock (tests pass a fake one). */
  now?: () => number;
}

export interface ProgressReporter {
  onProgress(progress: Progress): void;
  /** Draws the final state and ends the bar's line (or writes the summary line). */
  finish(): void;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const o = checkOptions(options);
  const stream = o.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const now = o.now ?? (() => performance.now());
  const started = now();
  const byCandidate = new Map<number, FitRecord[]>();
  let metric = o.metric;
  let done = 0;
  let resumed = 0;
  let best = Number.NaN;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let finished = false;
  /** The `gridfold worker`s seen so far (a distributed run), and the one of the latest fit. */
  const remoteWorkers = new Set<string>();
  let lastWorker: string | undefined;

  const candidatesTotal = o.nSplits ? Math.ceil(o.total / o.nSplits) : undefined;

  const candidateLine = (index: number, records: FitRecord[]): string => {
    const scores = records.map((r) => r.testScores[metric!] ?? Number.NaN);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
    const failed = records.filter((r) => r.error).length;
    const params = o.candidates?.[index] !== undefined ? ` ${formatParams(o.candidates[index])}` : '';
    const workers = [...new Set(records.map((r) => r.worker).filter((w) => w !== undefined))];
    const where = workers.length > 0 ? ` on ${workers.join(', ')}` : '';
    return (
      `[candidate ${index + 1}/${candidatesTotal}]${params} mean ${metric} ${formatScore(mean)} ± ${formatScore(std)}` +
      ` over ${records.length} folds${failed > 0 ? ` (${failed} failed)` : ''}${where} · ${done}/${o.total} fits · ${formatDuration(now() - started)}\n`
    );
  };

  const fitLine = (record: FitRecord): string =>
    `[fit ${done}/${o.total}] candidate ${record.candidateIndex + 1}, fold ${record.foldIndex}: ${metric} ` +
    `${record.error ? `failed (${record.error.name})` : formatScore(record.testScores[metric!])}${record.worker ? ` on ${record.worker}` : ''} · ${formatDuration(now() - started)}\n`;

  /** The local pool, or the `gridfold worker`s that ran the fits so far. */
  const whereRan = (): string => {
    if (remoteWorkers.size === 0) return `${o.backend} × ${o.workers} ${o.workers === 1 ? 'worker' : 'workers'}`;
    return `${remoteWorkers.size} ${remoteWorkers.size === 1 ? 'gridfold worker' : 'gridfold workers'}`;
  };

  const bar = (): string => {
    const elapsed = now() - started;
    const ranHere = done - resumed;
    const eta = ranHere > 0 && done < o.total ? `ETA ${formatDuration((elapsed / ranHere) * (o.total - done))}` : 'ETA --:--';
    const filled = o.total > 0 ? Math.round((done / o.total) * BAR_WIDTH) : BAR_WIDTH;
    const parts = [
      `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${o.total} fits`,
      `${formatDuration(elapsed)} elapsed`,
      eta,
      `best ${metric ?? 'score'} ${formatScore(best)}`,
      remoteWorkers.size > 0 ? `${whereRan()}, last fit on ${lastWorker}` : whereRan(),
    ];
    const line = parts.join(' · ');
    const width = stream.columns && stream.columns > 10 ? stream.columns - 1 : line.length;
    return `\r${line.slice(0, width)}\x1b[K`;
  };

  return {
    onProgress(progress: Progress): void {
      if (o.verbose === 0) return;
      const record = progress.record;
      metric ??= Object.keys(record.testScores)[0];
      done++;
      resumed = progress.resumed;
      if (record.worker !== undefined) {
        remoteWorkers.add(record.worker);
        lastWorker = record.worker;
      }
      const records = byCandidate.get(record.candidateIndex) ?? [];
      records.push(record);
      byCandidate.set(record.candidateIndex, records);
      const candidateDone = o.nSplits !== undefined && records.length === o.nSplits;
      if (candidateDone) {
        const scores = records.map((r) => r.testScores[metric!]);
        const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
        if (!Number.isNaN(mean) && (Number.isNaN(best) || mean > best)) best = mean;
      }
      if (tty) {
        const t = now();
        if (t - lastDraw >= REDRAW_MS || done === o.total) {
          lastDraw = t;
          stream.write(bar());
        }
      } else if (candidateDone) {
        stream.write(candidateLine(record.candidateIndex, records));
      } else if (o.nSplits === undefined) {
        stream.write(fitLine(record));
      }
    },
    finish(): void {
      // Once: the run finishes the bar when the fits end (before the refit) and again in its finally.
      if (o.verbose === 0 || finished) return;
      finished = true;
      if (tty) {
        stream.write(`${bar()}\n`);
        return;
      }
      const resumedText = resumed > 0 ? ` (${resumed} from the journal)` : '';
      const workers = remoteWorkers.size > 0 ? ` (${[...remoteWorkers].join(', ')})` : '';
      stream.write(`${done}/${o.total} fits${resumedText} in ${formatDuration(now() - started)} · best ${metric ?? 'score'} ${formatScore(best)} · ${whereRan()}${workers}\n`);
    },
  };
}

function checkOptions(o: ProgressReporterOptions): ProgressReporterOptions {
  const fail = (name: string, value: unknown, accepted: string): never => {
    throw new InvalidParameterError(messages.progressOptionInvalid(name, value, accepted));
  };
  if (typeof o !== 'object' || o === null) fail('options', o, 'an object');
  if (o.stream !== undefined && typeof o.stream?.write !== 'function') fail('stream', o.stream, 'a writable stream');
  if (!Number.isInteger(o.verbose) || o.verbose < 0) fail('verbose', o.verbose, 'an integer >= 0');
  if (!Number.isInteger(o.total) || o.total < 0) fail('total', o.total, 'an integer >= 0');
  if (typeof o.backend !== 'string') fail('backend', o.backend, 'a string');
  if (!Number.isInteger(o.workers) || o.workers < 1) fail('workers', o.workers, 'an integer >= 1');
  if (o.nSplits !== undefined && (!Number.isInteger(o.nSplits) || o.nSplits < 1)) fail('nSplits', o.nSplits, 'an integer >= 1');
  return o;
}

/** Milliseconds on a clock (`00:18`). */
export function formatDuration(ms: number): string {
  return formatClock(ms / 1000);
}

function formatScore(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(4);
}

/** A candidate as the progress line shows it: numbers to 4 significant digits as in the table (a drawn lr is 0.003436, not 0.003436199347937975). */
function formatParams(params: Params): string {
  const shown = Object.entries(params).map(([k, v]) => `${k}: ${typeof v === 'number' ? formatParamShort(v) : convBlocksText(v) ?? JSON.stringify(v)}`);
  return `{${shown.join(', ')}}`;
}
