/** The page's header: what was searched, on what, how, and which candidate won. */
import type { RunResult } from '../../core/index.js';
import { formatDuration, formatNumber, formatParamText } from '../../results/format.js';
import type { ReportModel } from '../model.js';
import { escapeHtml } from './escape.js';

/** The facts of one run as label → text pairs (plain data, escaped when rendered). */
export function headerFacts(run: RunResult, metric: string): Array<[string, string]> {
  const { meta } = run;
  const { data } = meta;
  const classes = data.nClasses !== undefined ? `, ${data.nClasses} classes` : '';
  const shown = (name: string) => (meta.scorers?.[name] && meta.scorers[name] !== name ? meta.scorers[name] : name);
  const scoring = meta.scoring.map((name) => (name === metric ? `${shown(name)} (ranks the candidates)` : shown(name))).join(', ');
  const failed = meta.nFailedFits > 0 ? ` (${meta.nFailedFits} failed)` : ' (none failed)';
  return [
    ['data', `${data.name}: ${data.nSamples} samples × ${data.nFeatures} features${classes} (${data.task})`],
    ['estimator', meta.estimator],
    ['search', `${meta.searchKind}, ${meta.nCandidates} candidates`],
    ['backend', meta.backend],
    ['cv', meta.cv],
    ['scoring', scoring],
    ['fits', `${meta.nFits}${failed}, ${meta.nJobs} in parallel`],
    ['wall time', formatDuration(meta.wallTime)],
    ['date', meta.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC')],
    ['seed', String(meta.seed)],
    ['gridfold', meta.gridfoldVersion],
  ];
}

export function renderHeader(model: ReportModel): string {
  const title = model.compare ? `Comparison of ${model.runs.map((r) => r.meta.name).join(', ')}` : model.runs[0].meta.name;
  const runs = model.runs.map((run, r) => renderRun(run, r, model)).join('\n');
  return `<header>\n<h1>${escapeHtml(title)}</h1>\n${runs}\n${renderBest(model)}\n</header>`;
}

function renderRun(run: RunResult, r: number, model: ReportModel): string {
  const facts = headerFacts(run, model.metric)
    .map(([label, text]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(text)}</dd>`)
    .join('');
  const heading = model.compare ? `<h3>${escapeHtml(run.meta.name)}</h3>` : '';
  return `<section class="run" data-run="${r}">${heading}<dl class="facts">${facts}</dl></section>`;
}

function renderBest(model: ReportModel): string {
  const best = model.candidates.find((c) => c.id === model.bestId);
  if (!best) return '<p class="best">No candidate finished all its folds: see the failed fits below.</p>';
  const params = Object.entries(best.params)
    .map(([name, value]) => `<li><code>${escapeHtml(name)}</code> = <code>${escapeHtml(formatParamText(value))}</code></li>`)
    .join('');
  const where = model.compare ? ` of ${escapeHtml(best.search)}` : '';
  return (
    `<div class="best"><h2>Best: candidate #${best.index}${where} — ${escapeHtml(model.metric)} ` +
    `${escapeHtml(formatNumber(best.mean))} ± ${escapeHtml(formatNumber(best.std))}</h2><ul>${params}</ul></div>`
  );
}
