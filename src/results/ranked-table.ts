/**
 * The terminal's view of a finished search: the top candidates by rank, the refit
 * metric as mean ± std, the mean fit time, each candidate's size (`n_parameters`, when the
 * fits counted it) and the parameters that vary.
 */
import { checkInteger, checkKnownOptions, InvalidParameterError, messages, type CvResults } from '../core/index.js';
import { checkCvResults, numberColumn, scoreNamesOf, varyingParamNames } from './columns.js';
import { formatDuration, formatParamShort } from './format.js';

export interface RankedTableOptions {
  /** How many candidates to show (10 by default). */
  top?: number;
  /** The scorer to rank by; the first `mean_test_<name>` column by default. */
  scoring?: string;
}

const OWNER = 'formatRankedTable';

export function formatRankedTable(cvResults: CvResults, options: RankedTableOptions = {}): string {
  checkKnownOptions(OWNER, options, ['top', 'scoring']);
  checkCvResults(OWNER, cvResults);
  const top = checkInteger(OWNER, 'top', options.top ?? 10, { min: 1 });
  const available = scoreNamesOf(cvResults);
  const scoring = options.scoring ?? available[0];
  if (!available.includes(scoring)) throw new InvalidParameterError(messages.rankedTableScoringUnknown(options.scoring, available));

  const means = numberColumn(cvResults, `mean_test_${scoring}`);
  const stds = numberColumn(cvResults, `std_test_${scoring}`);
  const ranks = cvResults[`rank_test_${scoring}`] ? numberColumn(cvResults, `rank_test_${scoring}`) : rankOf(means);
  const fitTimes = numberColumn(cvResults, 'mean_fit_time');
  const splitKeys = Object.keys(cvResults).filter((key) => /^split\d+_test_/.test(key) && key.endsWith(`_test_${scoring}`));
  const varying = varyingParamNames(cvResults.params);
  const order = cvResults.params.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b);

  const sizes = 'n_parameters' in cvResults ? numberColumn(cvResults, 'n_parameters') : undefined;
  const header = ['rank', `${scoring} (mean ± std)`, 'fit time', ...(sizes ? ['parameters'] : []), ...varying];
  const rows = order.slice(0, top).map((i) => {
    const failedFolds = splitKeys.filter((key) => Number.isNaN(cvResults[key][i] as number)).length;
    const score = Number.isNaN(means[i])
      ? `failed (${failedFolds} of ${splitKeys.length} folds)`
      : `${means[i].toFixed(4)} ± ${stds[i].toFixed(4)}`;
    const size = sizes ? [Number.isFinite(sizes[i]) ? sizes[i].toLocaleString('en-US') : '—'] : [];
    return [String(ranks[i]), score, formatDuration(fitTimes[i]), ...size, ...varying.map((name) => (name in cvResults.params[i] ? formatParamShort(cvResults.params[i][name]) : '—'))];
  });
  const rightAligned = [true, false, true, ...(sizes ? [true] : []), ...varying.map(() => false)];
  const lines = [header, ...rows].map((cells) => alignRow(cells, widths([header, ...rows]), rightAligned));
  if (order.length > top) lines.push(`… ${order.length - top} more (top ${top} of ${order.length} shown)`);
  return lines.join('\n');
}

function widths(rows: string[][]): number[] {
  return rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
}

function alignRow(cells: string[], columnWidths: number[], rightAligned: boolean[]): string {
  return cells
    .map((cell, column) => {
      const pad = ' '.repeat(columnWidths[column] - [...cell].length);
      return rightAligned[column] ? pad + cell : cell + pad;
    })
    .join('  ')
    .trimEnd();
}

/** Min-rank of means, best first, NaN last (used when the rank column is missing). */
function rankOf(means: number[]): number[] {
  const key = (m: number) => (Number.isNaN(m) ? -Infinity : m);
  return means.map((m) => 1 + means.filter((other) => key(other) > key(m)).length);
}
