/** What hovering a candidate shows: who it is, how it scored, what it cost, every parameter. */
import { formatDuration, formatParamShort } from '../../results/format.js';
import type { Candidate, ReportModel } from '../model.js';
import { count, decimalsFor, fixed } from '../numbers.js';

export function tooltipOf(model: ReportModel, c: Candidate, decimals = decimalsFor(model.candidates.map((x) => x.mean))): Record<string, string> {
  const tip: Record<string, string> = { candidate: `#${c.index}${model.compare ? ` of ${model.runLabels[c.run]}` : ''}`, rank: String(c.rank) };
  tip[`${model.metricLabel} (mean ± std)`] = `${fixed(c.mean, decimals)} ± ${fixed(c.std, decimals)}`;
  tip.folds = c.splits.map((score) => fixed(score, decimals)).join('  ');
  tip['fit time'] = `${formatDuration(c.meanFitTime)} per fold`;
  const size = model.runs[c.run].cvResults.n_parameters?.[c.index];
  if (typeof size === 'number') tip.parameters = count(size);
  for (const [name, value] of Object.entries(c.params)) tip[name] = formatParamShort(value);
  if (c.failedFolds > 0) tip.failed = `${c.failedFolds} of ${c.splits.length} folds`;
  return tip;
}
