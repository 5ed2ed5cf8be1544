/** `gridfold show <run-dir>`: a finished run's summary and ranked table in the terminal. */
import { messages } from '../../core/index.js';
import { formatRankedTable } from '../../results/ranked-table.js';
import { formatDuration, formatParams, formatParamShort } from '../../results/format.js';
import { scoreNamesOf } from '../../results/columns.js';
import { expectPositionals, integerFlag, parseCommand } from '../args.js';
import type { Output } from '../output.js';
import { readRunFolder } from '../busy.js';

export async function showCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('show', argv, { top: { type: 'string' } });
  if (values.help) return out.help('show');
  expectPositionals('show', positionals, '<run-dir>', 1);
  const top = integerFlag('show', 'top', values.top);
  const { meta, cvResults } = await readRunFolder('show', positionals[0], out);
  const total = cvResults.params.length;
  const scoring = typeof meta.refit === 'string' && scoreNamesOf(cvResults).includes(meta.refit) ? meta.refit : scoreNamesOf(cvResults)[0];
  // One metric is stored as 'score' (scikit-learn's naming); meta.scorers says which scorer it is.
  const label = meta.scorers?.[scoring] ?? scoring;
  out.stdout(messages.cliShowHeader(meta.name, meta.searchKind, meta.nCandidates, meta.nFits, meta.nFailedFits, meta.backend, formatDuration(meta.wallTime)));
  out.stdout(messages.cliDataLine(meta.data.name, meta.data.nSamples, meta.data.nFeatures, meta.data.nClasses, meta.data.sampleShape));
  out.stdout('');
  out.stdout(messages.cliRankedTitle(label, Math.min(top ?? total, total), total));
  out.stdout(formatRankedTable(cvResults, { top: top ?? total, scoring }));
  if (meta.bestParams !== undefined && meta.bestScore !== undefined) out.stdout(messages.cliBestLine(formatParams(meta.bestParams, formatParamShort), meta.bestScore, label));
  return 0;
}
