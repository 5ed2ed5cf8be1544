/** The command line's help texts: `gridfold --help` and each command's `--help`. */
import { WORKER_HELP } from './distributed.js';

export const CLI_HELP = `gridfold — compare neural-network configurations honestly: k-fold cross-validation of every
candidate, fits in parallel, an offline HTML report.

Usage: gridfold <command> [options]

Commands:
  run <search-file>               run a search; writes reports/<name>/ and prints the ranked table
  report <run-dir>                regenerate a run's index.html from its results.json
  compare <run-dir>... -o <file>  one report comparing several runs (the search is an axis)
  list [dir]                      the search files under ./searches (or dir)
  show <run-dir>                  a finished run's ranked table in the terminal
  worker --redis URL              take the tasks of runs started with gridfold run … --redis URL

Options:
  -h, --help     show this help; gridfold <command> --help shows a command's
  -v, --version  print gridfold's version
  --verbose      (after a command) on an error gridfold did not foresee, print its details

Examples:
  gridfold run searches/moons-quick.ts
  gridfold run searches/mnist-widths.ts --epochs 25
  gridfold show reports/mnist-widths
  gridfold compare reports/mnist-widths reports/mnist-depth-activation -o reports/compare.html
`;

export const CLI_COMMAND_HELP: Record<string, string> = {
  run: `Usage: gridfold run <search-file> [options]

Runs the search a file defines (its default export, defineSearch({...})): prints the backend and
the plan, shows progress on stderr, writes <out>/index.html, results.json, results.csv and
journal.jsonl, and prints the ranked candidates and the report's path. index.html is written as
soon as the first candidate finishes and rewritten as fits come in (it reloads itself while the
run goes on). With refit (the default) the best candidate is refitted on all rows and saved in
<out>/best-model/.

Options (applied on top of the file):
  --epochs N     train for N epochs (maxEpochs; for halving on epochs, the largest round)
  --limit N      use N samples of the data (MNIST: its seeded shuffle's first N; others: a seeded subset)
  --n-jobs N     parallel fits: 1 to 256, or -1 for every core (the file's nJobs, else -1)
  --backend B    TensorFlow.js backend: auto, tensorflow, wasm or cpu
  --seed S       seed of the weights, batches and drawn candidates (0 to 4294967295; the file's seed, else 0)
  --fit-timeout S  seconds one fit may train (the file's fitTimeout, else none); a fit past it is
                 stopped and recorded as failed (FitTimeoutError), and the search goes on
  --out DIR      the run's directory (default reports/<name>)
  --resume       keep the fits already in DIR's journal (after an interruption)
  --no-resume    start afresh; an existing journal is moved aside (the default)
  --quiet        no progress, plan or table: only the report's path
  --verbose      the backend line in full (why this backend, which kernel); on an error gridfold did not
                 foresee, its details (they are in DIR/error.log too)
  --redis URL    coordinate: the fits run on \`gridfold worker\`s of this Redis (redis://[:password@]host:port,
                 rediss:// for TLS); the journal, report and results stay here; --resume also takes what Redis holds
  --queue NAME   the queue of the run (default gridfold); workers take the same --queue
  -h, --help     show this help

DIR is locked while the run writes it (DIR/run.lock: pid, host, start time): a second run into it
is refused; a lock left by a process that no longer exists is taken over with a warning.

Exit codes: 0 done · 1 the search failed · 2 bad usage or bad search file · 130 interrupted (resume with --resume)

Examples:
  gridfold run searches/mnist-widths.ts --epochs 25
  gridfold run searches/moons-quick.ts --n-jobs 1
  gridfold run searches/mnist-lr-width.ts --limit 2000 --epochs 3 --out reports/lr-try
  gridfold run searches/mnist-widths.ts --resume
`,
  worker: WORKER_HELP,
  report: `Usage: gridfold report <run-dir>

Regenerates <run-dir>/index.html from <run-dir>/results.json (after upgrading gridfold, say).

Examples:
  gridfold report reports/mnist-widths
`,
  compare: `Usage: gridfold compare <run-dir> <run-dir>... [-o <file>] [--force]

Puts two or more runs (e.g. an MLP grid and a CNN grid on the same data) into one report, with
the search as a categorical axis. Runs must share their metric. Runs of the same search are
named by their folder and start time; runs on different data are compared with a warning.

Options:
  -o, --out FILE  where to write the page (default reports/compare.html)
  --force         overwrite FILE if it exists (else it is kept and the command exits 2)
  -h, --help      show this help

Examples:
  gridfold compare reports/mnist-widths reports/mnist-depth-activation -o reports/compare.html
`,
  list: `Usage: gridfold list [dir]

Lists the search files under ./searches (or dir) with their kind, size and description. A file
that does not load is listed as INVALID with the reason, and the exit code is then 2.

Examples:
  gridfold list
  gridfold list test/cli/fixtures
`,
  show: `Usage: gridfold show <run-dir> [--top N]

Prints a finished run's summary and its ranked table.

Options:
  --top N     how many candidates to show (default: all)
  -h, --help  show this help

Examples:
  gridfold show reports/mnist-widths --top 5
`,
};
