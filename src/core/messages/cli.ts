import { describeValue, listOf } from '../describe.js';

/**
 * Messages of the command line and of search files (`defineSearch`).
 */

// ── search definitions (defineSearch) ─────────────────────────────────────────

export function searchNotAnObject(value: unknown): string {
  return `defineSearch: a search definition must be an object { name, data, estimator, paramGrid | paramDistributions, ... }; got ${describeValue(value)}.`;
}

export function searchFieldExpected(path: string, accepted: string, value: unknown): string {
  return `${path}: expected ${accepted}, got ${describeValue(value)}.`;
}

/** A field refused by the check it was handed to (the estimator's, the splitter's...): that message, prefixed with the field. */
export function searchFieldRefused(path: string, reason: string): string {
  return `${path}: ${reason}`;
}

export function searchFieldUnknown(path: string, valid: readonly string[]): string {
  return `${path}: unknown field; the fields are ${valid.join(', ')}.`;
}

export function searchFieldMissing(field: string, search: string): string {
  return `${field}: missing; search '${search}' needs ${field === 'paramGrid' ? 'a grid (an object of value lists)' : 'distributions (an object of distributions or value lists)'}.`;
}

export function searchFieldWrongSearch(field: string, search: string, usedBy: readonly string[]): string {
  return `${field}: not used by search '${search}' (only by ${listOf(usedBy.map((s) => `'${s}'`))}); remove it or change search.`;
}

// ── search files ──────────────────────────────────────────────────────────────

export function searchFileMissing(file: string): string {
  return `gridfold: no search file at ${file}: give the path of a .ts file that default-exports defineSearch({...}) (gridfold list shows those under ./searches).`;
}

export function searchFileNoDefault(file: string, exported: readonly string[]): string {
  const found = exported.length > 0 ? ` (it exports ${exported.join(', ')})` : '';
  return `${file} has no default export${found}: a search file must \`export default defineSearch({ ... })\`.`;
}

export function searchFileBad(file: string, reason: string): string {
  return `gridfold: bad search file ${file}:\n  ${reason.split('\n').join('\n  ')}`;
}

export function searchFileDataFailed(reason: string): string {
  return `data: ${reason}`;
}

/** Node exits 13 ("unsettled top-level await") in silence when a search file awaits what nothing will settle. */
export function searchFileUnsettled(): string {
  return 'its top-level await never settles: it awaits a promise that nothing is left to resolve (Node would exit with code 13, "unsettled top-level await").';
}

export function loaderUnsettled(): string {
  return "the loader's promise never settles: nothing is left that could resolve it.";
}

export function loaderNotADataset(value: unknown, problem: string): string {
  return (
    `the loader returned ${describeValue(value, 60)}, which is not a dataset (${problem}); a loader must return a Dataset ` +
    `{ name, X: Float32Array, y, shape: [nSamples, nFeatures], sampleShape, task } as loadMnist(), makeMoons() or loadCsv() give.`
  );
}

// ── the command line ──────────────────────────────────────────────────────────

export function cliUnknownCommand(command: string, commands: readonly string[]): string {
  return `gridfold: unknown command '${command}'; the commands are ${commands.join(', ')}. See gridfold --help.`;
}

export function cliNoCommand(): string {
  return 'gridfold: no command given. See gridfold --help.';
}

export function cliUnknownFlag(command: string, flag: string): string {
  return `gridfold ${command}: unknown option '${flag}'. See gridfold ${command} --help.`;
}

/** `placeholder`: what the command's help shows after the flag (N, DIR, URL …). */
export function cliFlagNeedsValue(command: string, flag: string, placeholder = 'VALUE'): string {
  return `gridfold ${command}: option '${flag}' needs a value: ${flag} ${placeholder} (or ${flag}=${placeholder}). See gridfold ${command} --help.`;
}

export function cliFlagTakesNoValue(command: string, flag: string): string {
  return `gridfold ${command}: option '${flag}' takes no value. See gridfold ${command} --help.`;
}

export function cliFlagInvalid(command: string, flag: string, value: unknown, accepted: string): string {
  return `gridfold ${command}: ${flag} must be ${accepted}; got ${describeValue(value)}.`;
}

export function cliFlagsConflict(command: string, a: string, b: string): string {
  return `gridfold ${command}: ${a} and ${b} cannot be used together.`;
}

export function cliFlagRequired(command: string, flag: string): string {
  return `gridfold ${command}: ${flag} is required. See gridfold ${command} --help.`;
}

export function cliFlagNeeds(command: string, flag: string, needed: string): string {
  return `gridfold ${command}: ${flag} only applies with ${needed}.`;
}

export function cliPositionals(command: string, usage: string, got: number): string {
  return `gridfold ${command}: expected ${usage}; got ${got} ${got === 1 ? 'argument' : 'arguments'}. See gridfold ${command} --help.`;
}

export function cliRunFailed(reason: string): string {
  return `gridfold: the search failed: ${reason}`;
}

/** An error gridfold did not foresee: one line, and where its details are. */
export function cliUnexpectedError(command: string, summary: string, logFile: string | undefined): string {
  const details = logFile ? `its details are in ${logFile}; run again with --verbose to print them` : 'run again with --verbose for its details';
  return `gridfold ${command}: unexpected error: ${summary} (${details}).`;
}

export function cliCommandFailed(command: string, reason: string): string {
  return `gridfold ${command}: ${reason}`;
}

export function cliPlan(nCandidates: number, nSplits: number): string {
  const c = nCandidates === 1 ? 'candidate' : 'candidates';
  return `${nCandidates} ${c} × ${nSplits} folds = ${nCandidates * nSplits} fits`;
}

export function cliRunHeader(name: string, kind: string, data: string): string {
  return `gridfold: search ${name} (${kind}) on ${data}`;
}

/** `sampleShape` of more than one axis shows as images: `… × 28×28×1 images (784 features)`. */
export function cliDataLine(name: string, nSamples: number, nFeatures: number, nClasses: number | undefined, sampleShape?: readonly number[]): string {
  const samples = sampleShape && sampleShape.length > 1 ? `${sampleShape.join('×')} images (${nFeatures} features)` : `${nFeatures} features`;
  return `${name}: ${nSamples} samples × ${samples}${nClasses !== undefined ? `, ${nClasses} classes` : ''}`;
}

export function cliReportWritten(path: string): string {
  return `Report: ${path}`;
}

export function cliRankedTitle(metric: string, shown: number, total: number): string {
  return `Ranked by mean test ${metric} (${shown === total ? `all ${total}` : `top ${shown} of ${total}`} candidates):`;
}

export function cliBestLine(params: string, score: number, metric: string): string {
  return `Best: ${params} — mean test ${metric} ${score.toFixed(4)}`;
}

export function cliResumeCommand(args: readonly string[]): string {
  return `gridfold ${args.map((a) => (/^[\w./=:-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}`;
}

export function cliNoSearchDir(dir: string, isFile = false): string {
  return `no search files: ${dir} ${isFile ? 'is a file, not a directory' : 'does not exist'} (search files are .ts files under ./searches, each default-exporting defineSearch({...})).`;
}

export function cliListLine(file: string, kind: string, candidates: string, description: string | undefined): string {
  return `${file}  ${kind}, ${candidates}${description ? ` — ${description}` : ''}`;
}

export function cliListInvalid(file: string, reason: string): string {
  return `${file}  INVALID: ${reason.split('\n')[0]}`;
}

export function cliCompareWritten(count: number, path: string): string {
  return `Compared ${count} runs: ${path}`;
}

export function cliCompareNeedsTwo(got: number): string {
  return `gridfold compare: needs at least two run folders to compare; got ${got}. To look at one run, open its index.html (or rewrite it with gridfold report <run-dir>).`;
}

export function cliCompareOutputExists(path: string): string {
  return `gridfold compare: ${path} already exists; pass --force to overwrite it, or -o another file.`;
}

export function cliCompareDataDiffers(groups: ReadonlyArray<{ fingerprint: string; runs: readonly string[] }>): string {
  const listed = groups.map((g) => `${g.runs.join(', ')} (data ${g.fingerprint.slice(0, 12)})`).join('; ');
  return `these runs were made on different data: ${listed}. Their scores are compared as they are, but not fold by fold, and a difference may be the data's.`;
}

export function cliRefitting(): string {
  return 'refitting the best candidate on all rows…';
}

export function cliBestModelSaved(dir: string, estimatorClass: string): string {
  return `Best model: ${dir}/ (load it with ${estimatorClass}.load('${dir}'))`;
}

export function cliLiveReportFailed(path: string, reason: string): string {
  return `the live report could not be written to ${path} (${reason}); the search goes on and the report is written at the end.`;
}

export function cliShowHeader(name: string, kind: string, nCandidates: number, nFits: number, failed: number, backend: string, wallTime: string): string {
  const failures = failed > 0 ? `, ${failed} failed` : '';
  return `${name}: ${kind} search, ${nCandidates} candidates, ${nFits} fits${failures}, ${backend}, ${wallTime}`;
}

export function cliSearchSize(kind: string, candidates: number | 'exhaust', folds: number): string {
  const count = candidates === 'exhaust' ? 'as many candidates as the budget allows' : `${candidates} ${candidates === 1 ? 'candidate' : 'candidates'}`;
  const drawn = kind.endsWith('random') && candidates !== 'exhaust' ? `${count} drawn` : count;
  return `${kind.startsWith('halving') ? `halving from ${drawn}` : drawn} × ${folds} folds`;
}

export function cliUnknownGlobalFlag(flag: string): string {
  return `gridfold: unknown option '${flag}'. See gridfold --help.`;
}

/** A notice from the run journal (resumed, moved aside), as the CLI prints it. */
export function cliNotice(text: string): string {
  return `gridfold: ${text}`;
}
