/**
 * The live report of `gridfold run`: index.html written as soon as the first candidate has
 * all its folds and rewritten (atomically, see report/write.ts) as fits come in — at most
 * once per `intervalMs` — with a banner of fits done and the time left, from the search's
 * own snapshot. A failed write is said once and the search goes on. `close()` waits for
 * a write under way and stops any more, so that the final page is the last one written;
 * `stop(resumeCommand)` does the same for a run that ends early (Ctrl-C, a failure) and
 * leaves a last page saying so, which no longer reloads — not one that says "running".
 */
import type { RunResult } from '../core/index.js';
import { messages } from '../core/index.js';
import { writeReportPage, type LiveStatus } from '../report/index.js';
import type { Progress } from '../validation/index.js';

export interface LiveReportOptions {
  dir: string;
  /** The search's results so far (`search.snapshot()`), or undefined when it has none. */
  snapshot: () => RunResult | undefined;
  /** Puts the CLI's names on a snapshot (the search file's name, the dataset's). */
  name: (run: RunResult) => RunResult;
  total: number;
  nSplits: number;
  say: (line: string) => void;
  intervalMs?: number;
  /** Milliseconds clock (tests pass a fake one). */
  now?: () => number;
}

export interface LiveReport {
  onProgress(progress: Progress): void;
  /** Resolves when no write is under way. */
  settled(): Promise<void>;
  close(): Promise<void>;
  /** The run stopped before its end: like close(), then (if a page was due) a last page saying so, with `resumeCommand`. */
  stop(resumeCommand: string): Promise<void>;
  /** Pages written so far. */
  readonly writes: number;
}

export const LIVE_INTERVAL_MS = 2000;

export function liveReport(options: LiveReportOptions): LiveReport {
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? LIVE_INTERVAL_MS;
  const started = now();
  const foldsDone = new Map<number, number>();
  let anyCandidateDone = false;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let writing: Promise<void> | undefined;
  let closed = false;
  let failed = false;
  let writes = 0;
  let latest: Progress | undefined;
  let doneFits = 0;

  const writePage = async (status: LiveStatus): Promise<void> => {
    const run = options.snapshot();
    if (!run) return;
    try {
      await writeReportPage(options.dir, options.name(run), { live: status });
      writes++;
    } catch (error) {
      if (!failed) options.say(messages.cliNotice(messages.cliLiveReportFailed(options.dir, (error as Error).message)));
      failed = true;
    }
  };

  const write = (progress: Progress): Promise<void> => {
    const ranHere = progress.done - progress.resumed;
    const elapsed = (now() - started) / 1000;
    const etaSeconds = ranHere > 0 ? (elapsed / ranHere) * (progress.total - progress.done) : undefined;
    return writePage({ done: progress.done, total: options.total, ...(etaSeconds !== undefined ? { etaSeconds } : {}) });
  };

  const pump = () => {
    if (closed || writing || !latest || !anyCandidateDone || now() - lastWrite < interval) return;
    const progress = latest;
    latest = undefined;
    lastWrite = now();
    writing = write(progress).finally(() => {
      writing = undefined;
    });
  };

  return {
    onProgress(progress) {
      const candidate = progress.record.candidateIndex;
      const done = (foldsDone.get(candidate) ?? 0) + 1;
      foldsDone.set(candidate, done);
      if (done >= options.nSplits) anyCandidateDone = true;
      doneFits = Math.max(doneFits, progress.done);
      if (progress.done >= options.total) return;
      latest = progress;
      pump();
    },
    async settled() {
      await writing;
    },
    async close() {
      closed = true;
      await writing;
    },
    async stop(resumeCommand) {
      const wasClosed = closed;
      closed = true;
      await writing;
      if (!wasClosed && anyCandidateDone && !failed) await writePage({ done: doneFits, total: options.total, stopped: resumeCommand });
    },
    get writes() {
      return writes;
    },
  };
}
