/** The page's header: what was searched, on what, how, and which candidate won. */
import type { RunResult } from '../../core/index.js';
import { formatDuration, formatParamShort } from '../../results/format.js';
import { decimalsFor, fixed } from '../numbers.js';
import { dataGroups, type ReportModel } from '../model.js';
import { escapeHtml } from './escape.js';

/** The facts of one run as label → text pairs (plain data, escaped when rendered). */
export function headerFacts(run: RunResult, metric: string): Array<[string, string]> {
  const { meta } = run;
  const { data } = meta;
  const classes = data.nClasses !== undefined ? `, ${data.nClasses} classes${classLabels(data.classes)}` : '';
  const shown = (name: string) => (meta.scorers?.[name] && meta.scorers[name] !== name ? meta.scorers[name] : name);
  const scoring = meta.scoring.map((name) => (name === metric ? `${shown(name)} (ranks the candidates)` : shown(name))).join(', ');
  const failed = meta.nFailedFits > 0 ? ` (${meta.nFailedFits} failed)` : ' (none failed)';
  return [
    ['data', `${data.name}: ${data.nSamples} samples × ${samplesText(data)}${classes} (${data.task})`],
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

/** The labels, where they are not just 0..k-1: ` (high, low, mid)`, the first 12 of many. */
function classLabels(classes: ReadonlyArray<unknown> | undefined): string {
  if (!classes || classes.every((label, id) => label === id)) return '';
  const shown = classes.slice(0, 12).map(String).join(', ');
  return ` (${shown}${classes.length > 12 ? `, … ${classes.length - 12} more` : ''})`;
}

export function renderHeader(model: ReportModel, title = model.compare ? `Comparison of ${model.runLabels.join(', ')}` : model.runs[0].meta.name): string {
  const runs = model.runs.map((run, r) => renderRun(run, r, model)).join('\n');
  const groups = model.compare ? dataGroups(model.runs, model.runLabels) : [];
  const differs = groups.length > 1
    ? `<p class="note">These runs were made on different data (${escapeHtml(groups.map((g) => `${g.runs.join(', ')}: data ${g.fingerprint.slice(0, 12)}`).join('; '))}): their scores are not comparable fold by fold, and a difference may be the data's.</p>`
    : '';
  return `<header>\n<h1>${escapeHtml(title)}</h1>\n${runs}\n${differs}${renderBest(model)}\n</header>`;
}

function renderRun(run: RunResult, r: number, model: ReportModel): string {
  const facts = headerFacts(run, model.metric)
    .map(([label, text]) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(text)}</dd></div>`)
    .join('');
  const heading = model.compare ? `<h3>${escapeHtml(model.runLabels[r])}</h3>` : '';
  return `<section class="run" data-run="${r}">${heading}<dl class="facts">${facts}</dl></section>`;
}

function renderBest(model: ReportModel): string {
  const best = model.candidates.find((c) => c.id === model.bestId);
  if (!best) return '<p class="best">No candidate finished all its folds: see the failed fits below.</p>';
  const params = Object.entries(best.params)
    .map(([name, value]) => `<li><code>${escapeHtml(name)}</code> = <code>${escapeHtml(formatParamShort(value))}</code></li>`)
    .join('');
  const where = model.compare ? ` of ${escapeHtml(best.search)}` : '';
  const decimals = decimalsFor(model.candidates.map((c) => c.mean));
  const run = model.runs[best.run];
  const halving = run.meta.searchKind.startsWith('halving') && best.rank !== 1
    ? `<p>Successive halving picks the best of its last round${typeof run.cvResults.iter?.[best.index] === 'number' ? ` (round ${run.cvResults.iter[best.index]})` : ''}, as scikit-learn does; candidates of earlier rounds, trained on less, may show a higher mean.</p>`
    : '';
  const loader = run.meta.estimator === 'NeuralNetRegressor' ? 'NeuralNetRegressor' : 'NeuralNetClassifier';
  const saved = run.meta.bestModel && !model.compare
    ? `<p>Refitted on all rows and saved beside this page: <a href="${escapeHtml(encodeURI(run.meta.bestModel))}/">${escapeHtml(run.meta.bestModel)}/</a> — ` +
      `<code>await ${loader}.load('&lt;this folder&gt;/${escapeHtml(run.meta.bestModel)}')</code>.</p>`
    : '';
  return (
    `<div class="best"><h2>Best: candidate #${best.index}${where} — ${escapeHtml(model.metricLabel)} ` +
    `${escapeHtml(fixed(best.mean, decimals))} ± ${escapeHtml(fixed(best.std, decimals))}</h2><ul>${params}</ul>${halving}${saved}</div>`
  );
}

/** `784 features`, or for images `28×28×1 images (784 features)`, as the run's data line. */
function samplesText(data: { nFeatures: number; sampleShape?: number[] }): string {
  const shape = data.sampleShape;
  return shape && shape.length > 1 ? `${shape.join('×')} images (${data.nFeatures} features)` : `${data.nFeatures} features`;
}
