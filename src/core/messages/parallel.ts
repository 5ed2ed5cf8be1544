import { describeValue } from '../describe.js';

/** Messages of the parallel fold engine, the run journal, progress and stop signals. */

export function poolOptionInvalid(name: string, value: unknown, accepted: string): string {
  return `PoolExecutor: options.${name} must be ${accepted}; got ${describeValue(value)}.`;
}

export function workerDied(candidateIndex: number, foldIndex: number, cause: string): string {
  return (
    `the worker thread fitting candidate ${candidateIndex}, fold ${foldIndex} stopped (${cause}); ` +
    `the pool replaced it and the search goes on`
  );
}

/** A fit (or a stack of fits trained together, whose budget is fitTimeout each) past its budget, and how it was stopped. */
export function fitTimedOut(fitTimeout: number, fits: number, how: string): string {
  // No elapsed time here (the record's fitTime has it): identical timeouts are counted as one kind in the failures summary.
  const budget = fits === 1 ? `${formatSeconds(fitTimeout)} s` : `${formatSeconds(fitTimeout)} s × the ${fits} fits trained with it`;
  return `the fit ran past fitTimeout (${budget}) and was ${how}`;
}

export function workerTerminated(): string {
  return 'stopped: its worker thread was terminated (a new one takes its place)';
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(2).replace(/0+$/, '');
}

export function workerPoolBroken(cause: string): string {
  return `the worker pool failed while no fit was running (${cause}); the search cannot go on.`;
}

export function workerFailedIdle(cause: string): string {
  return `gridfold: a worker thread failed while idle (${cause}); the pool starts another.`;
}

export function nativeBackendSingleJob(nJobs: number, nTasks: number): string {
  return (
    `gridfold: backend 'tensorflow' (tfjs-node) breaks when loaded in several worker threads of one process ` +
    `(tfjs #8388), so the ${nTasks} fits run one at a time in this process instead of on nJobs=${nJobs} worker ` +
    `threads; TensorFlow itself uses every core inside each fit.`
  );
}

export function poolStarted(workers: number, backend: string, megabytes: number): string {
  return `gridfold: ${workers} worker threads (${backend}), dataset shared once (${megabytes.toFixed(1)} MB).`;
}

export function journalHeaderMismatch(path: string, differs: readonly string[]): string {
  return (
    `The journal ${path} belongs to a different search: its ${differs.join(', ')} ${differs.length > 1 ? 'differ' : 'differs'} ` +
    `from this one. Resume with the same data, estimator and grid, or start afresh without resume ` +
    `(gridfold run: --no-resume; the old journal is then moved aside, not deleted).`
  );
}

export function journalNotAJournal(path: string, line: string): string {
  return (
    `${path} is not a gridfold journal: its first line is ${describeValue(line, 60)}, not a gridfold journal header. ` +
    `Start afresh without resume (gridfold run: --no-resume; the file is then moved aside, not deleted).`
  );
}

/** Unreadable lines of a resumed journal: skipped, their fits run again, the file as it was kept. */
export function journalLinesSkipped(path: string, lines: ReadonlyArray<{ line: number; reason: string }>, backup: string): string {
  const which = lines.map(({ line, reason }) => `line ${line} (${reason})`).join(', ');
  const n = lines.length;
  return (
    `The journal ${path} has ${n} unreadable ${n === 1 ? 'line' : 'lines'}: ${which}. ` +
    `${n === 1 ? 'It is' : 'They are'} skipped and ${n === 1 ? 'its fit runs' : 'their fits run'} again; the other records are kept. ` +
    `The journal as it was is saved as ${backup}.`
  );
}

export function journalTruncatedTail(path: string, lineNumber: number): string {
  return `The last line (${lineNumber}) of the journal ${path} is incomplete (the run was killed while writing it); it is ignored and that fit runs again.`;
}

export function journalMovedAside(path: string, to: string): string {
  return `A journal already exists at ${path} and resume is off: it was moved aside to ${to}; this search starts afresh.`;
}

/** `failures.kept`: fits that failed on their own, kept as they are; `failures.rerun`: fits stopped from outside, run again. */
export function journalResumed(path: string, fits: number, failures: { kept: number; rerun: number } = { kept: 0, rerun: 0 }): string {
  const kept = failures.kept > 0 ? ` (${failures.kept} of them failed on their own — a NaN loss, an error in the fit — and are kept as they are)` : '';
  const rerun = failures.rerun > 0
    ? `; ${failures.rerun} ${failures.rerun === 1 ? 'fit that was' : 'fits that were'} stopped from outside (a worker that died, fitTimeout, a lost task) ${failures.rerun === 1 ? 'runs' : 'run'} again`
    : '';
  return `Resuming from ${path}: ${fits} finished ${fits === 1 ? 'fit' : 'fits'} found${kept}${rerun}.`;
}

export function stopRequested(signal: string): string {
  return (
    `\ngridfold: ${signal} received — no new fits will start; the fits already running finish and are written ` +
    `to the journal. Press Ctrl-C again to stop at once (the journal stays readable).`
  );
}

export function stoppedBeforeFits(signal: string): string {
  return `\ngridfold: ${signal} received before any fit started: stopped (the run folder's lock is released, its journal is as it was).`;
}

export function searchInterrupted(signal: string): string {
  return `The search was stopped by ${signal} before every fit had run.`;
}

export function resumeHint(command: string | undefined): string {
  return command
    ? `gridfold: stopped. Every finished fit is in the journal; resume with:\n  ${command}`
    : `gridfold: stopped. Every finished fit is in the journal; run the search again with resume: true to go on.`;
}

export function progressOptionInvalid(name: string, value: unknown, accepted: string): string {
  return `createProgressReporter: ${name} must be ${accepted}; got ${describeValue(value)}.`;
}

export function searchInsideWorker(moduleFile?: string): string {
  const where = moduleFile ? ` (${moduleFile})` : '';
  return (
    'A search was started inside a gridfold worker thread: the workers import the file that ' +
    `defines your custom module${where} to rebuild it, and that file starts the search again. ` +
    'Move defineModule(...) into a file of its own that only defines (and exports) modules, ' +
    'and import it from the script that runs the search.'
  );
}

export function startWorkersInvalid(value: unknown, max: number): string {
  return `startWorkers: nJobs must be an integer in [1, ${max}]; got ${describeValue(value)}.`;
}

/** Why foldBatching 'auto' trains a candidate's folds apart (each record's notBatched). */
export function stackingDoesNotPay(backend: string, macsPerSample: number | undefined, maxMacs: number): string {
  if (backend === 'cpu') return "foldBatching 'auto' trains folds apart on the cpu backend: its kernels are slow loops whatever their number, and stacks measured no faster (foldBatching: true stacks anyway)";
  if (macsPerSample === undefined) return "foldBatching 'auto' stacks only models whose size it knows (the built-in mlp and cnn modules); foldBatching: true stacks this one too";
  return (
    `foldBatching 'auto' trains this model's folds apart: at ${macsPerSample.toLocaleString('en-US')} multiply-adds per sample it is larger than the ` +
    `${maxMacs.toLocaleString('en-US')} up to which stacks measured faster on wasm, and apart its folds spread over the workers (foldBatching: true stacks anyway)`
  );
}

/** 'auto' on wasm without gridfold's matmul kernel, which every stacked step runs on. */
export function stackingNeedsKernel(): string {
  return "foldBatching 'auto' trains folds apart: gridfold's wasm matmul kernel did not load, and stacks run on it";
}

/** 'auto' on wasm for a model whose single fits take the fused SGD step. */
export function fusedStepBeatsStacking(): string {
  return "foldBatching 'auto' trains folds apart: this model's fits take the fused SGD step (one kernel per epoch), which is faster apart than stacked, and apart its folds spread over the workers (foldBatching: true stacks anyway)";
}
