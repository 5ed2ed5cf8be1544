/**
 * renderReport: RunResult(s) → one offline HTML page. A pure function of its input (no
 * clock, no file reads besides the vega libraries), like arquero's to-html.
 */
import type { RunResult } from '../core/index.js';
import { colourControl, curvesPicker, foldsToggle } from './html/controls.js';
import { vegaLibraries } from './html/assets.js';
import { renderFailed } from './html/failed.js';
import { renderHeader } from './html/header.js';
import { renderLiveBanner, type LiveStatus } from './html/live-banner.js';
import { pageHtml, type PageSection } from './html/page.js';
import { rankedTableData, renderRankedTable, tableCsv } from './html/table.js';
import { renderTTestTable } from './html/ttest-table.js';
import { buildModel, type ModelOptions } from './model.js';
import { decimalsFor, fixed } from './numbers.js';
import { SELECTED_DATA } from './plots/parallel-spec.js';
import type { TTestData } from './plots/ttest.js';
import { reportParts } from './specs.js';

export interface ReportOptions extends ModelOptions {
  /** The page's title and heading; the search name (or names) by default. */
  title?: string;
  /** What the data is called on the page (`'MNIST, 10k sample'`); the run's own name for it by default. */
  dataName?: string;
  /** Set while the search still runs: the page shows a banner and reloads itself. */
  live?: LiveStatus;
}

export function renderReport(input: RunResult | readonly RunResult[], options: ReportOptions = {}): string {
  const runs = (Array.isArray(input) ? input : [input]) as RunResult[];
  const named = options.dataName === undefined ? input : runs.map((run) => ({ ...run, meta: { ...run.meta, data: { ...run.meta.data, name: options.dataName! } } }));
  const model = buildModel(named, options);
  const { parallel, folds, curves, ttest, specs } = reportParts(model);
  const name = model.runs.map((run) => run.meta.name).join('-vs-');
  const chart = (id: string) => `<div class="chart" id="chart-${id}"></div>`;
  const metric = model.metricLabel;
  const sections: PageSection[] = [
    {
      id: 'parallel', title: 'Parallel coordinates',
      intro: 'One line per candidate; hover a line for its parameters and scores. Drag along an axis to brush an interval — brushes on several axes combine, a click on an axis clears its brush — and the ranked table below keeps only the brushed candidates. Drag an axis title sideways to move the axis; click the scale under an axis to switch it (linear, log, quantile — the values evenly spaced in their order — or categories).',
      html: `<div class="toolbar">${colourControl(parallel)}<button id="reset-axes" type="button">Reset axes</button><button id="clear-brushes" type="button">Clear brushes</button><span id="colour-note"></span></div>${chart('parallel')}`,
    },
    {
      id: 'table', title: 'Ranked candidates',
      intro: `The cv_results columns, best first: # is the candidate's index in cv_results, ${metric} is the mean ± std over the folds. Click a header to sort; the CSV holds the rows shown, in this order, with every column at full precision.`,
      html: `<div class="toolbar"><button id="download-csv" type="button">Download CSV</button><span id="table-count"></span></div><div class="table-wrap">${renderRankedTable(rankedTableData(model))}</div>`,
    },
    ...('effects' in specs
      ? [{
          id: 'effects', title: 'Which parameter matters?',
          intro: `The bars: the share of the variance of the candidates' mean ${metric} that each parameter explains (its values' mean scores, one-way ANOVA's η²); on a full grid the shares add up to at most 100 %, the rest is parameters acting together. Then one chart per parameter: the mean ${metric} of the candidates at each value (red), how that mean moves from fold to fold (red bar, lowest to highest fold) and each candidate (grey).`,
          html: chart('effects'),
        }]
      : []),
    {
      id: 'folds', title: 'Spread across folds',
      intro: `Every fold's test ${metric} (coloured dots, joined per fold) and the mean (black tick). Lines that cross mean a candidate won one fold and lost another.`,
      html: `${foldsToggle(folds)}${chart('folds')}`,
    },
    ...('curves' in specs
      ? [{
          id: 'curves', title: 'Learning curves',
          intro: 'Per epoch: the mean over folds, with a band from the lowest to the highest fold; losses on a log scale. Tick candidates to compare them; the line style can follow a parameter.',
          html: `${curvesPicker(curves)}${chart('curves')}`,
        }]
      : []),
    { id: 'cost', title: 'Cost against benefit', intro: 'Mean fit time per fold against mean test score (bars: ± one std over folds). Diamonds: no other candidate is both faster and better.', html: chart('cost') },
    { id: 'ttest', title: 'Is the best really better?', intro: ttestIntro(ttest, decimalsFor(model.candidates.map((c) => c.mean))), html: `${chart('ttest')}\n${renderTTestTable(ttest, model)}` },
    { id: 'failed', title: 'Failed fits', intro: 'Fits that raised or diverged, with their errors; their scores count as NaN.', html: renderFailed(model) },
  ];
  const csv = tableCsv(model);
  return pageHtml({
    title: options.title ?? (model.compare ? `gridfold: ${model.runLabels.join(' vs ')}` : `gridfold: ${model.runs[0].meta.name}`),
    header: `${options.live ? renderLiveBanner(options.live, model.pending) : ''}${renderHeader(model, options.title)}`,
    sections,
    payload: {
      name, specs, csv: { header: csv.header, rows: csv.rows }, selectedData: SELECTED_DATA,
      parallel: {
        keys: parallel.axes.map((a) => a.key),
        scales: Object.fromEntries(parallel.axes.map((a) => [a.key, a.kind])),
        colourings: parallel.colourings.map((c) => ({ key: c.key, note: c.note })),
      },
      curves: { best: curves.picked, all: curves.candidates.map((c) => c.id), styles: curves.styleOptions },
      live: options.live ?? null,
    },
    libraries: vegaLibraries(),
  });
}

/** The t-test said plainly: k, the degrees of freedom, the |t| it takes, and what ≈ does and does not mean. */
export function ttestIntro(data: TTestData, decimals = 4): string {
  const detectable = Number.isFinite(data.detectable) ? ` Here that is a difference of about ±${fixed(data.detectable, decimals)} (the median half-width of the intervals below): smaller true differences mostly go unnoticed.` : '';
  return (
    `Corrected resampled t-test (Nadeau & Bengio, 2003) of each candidate's ${data.k} fold scores against the best's, fold by fold. ` +
    `With k = ${data.k} folds it has k − 1 = ${data.dof} degree${data.dof === 1 ? '' : 's'} of freedom, so a difference counts only when |t| > ${fixed(data.tCritical, 2)} ` +
    `(p < ${data.alpha}, two-sided); the variance is scaled by 1/k + nTest/nTrain because the folds share training data. ` +
    `≈ means these ${data.k} folds cannot tell the candidate from the best — not that the two are equally good: with so few folds the test has little power.${detectable} ` +
    `More folds (or repeated k-fold) narrow the intervals.`
  );
}
