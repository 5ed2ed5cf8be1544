/**
 * renderReport: RunResult(s) → one offline HTML page. A pure function of its input (no
 * clock, no file reads besides the vega libraries), like arquero's to-html.
 */
import type { RunResult } from '../core/index.js';
import { vegaLibraries } from './html/assets.js';
import { escapeHtml } from './html/escape.js';
import { renderFailed } from './html/failed.js';
import { renderHeader } from './html/header.js';
import { pageHtml, type PageSection } from './html/page.js';
import { rankedTableData, renderRankedTable, tableCsv } from './html/table.js';
import { renderTTestTable } from './html/ttest-table.js';
import { buildModel, type ReportModel } from './model.js';
import { parallelData } from './plots/parallel-data.js';
import { SELECTED_DATA } from './plots/parallel-spec.js';
import { reportSpecs } from './specs.js';
import { ttestData } from './plots/ttest.js';

export interface ReportOptions {
  /** The page title; the search name (or names) by default. */
  title?: string;
}

export function renderReport(input: RunResult | readonly RunResult[], options: ReportOptions = {}): string {
  const model = buildModel(input);
  const specs = reportSpecs(model);
  const parallel = parallelData(model);
  const ttest = ttestData(model);
  const name = model.runs.map((run) => run.meta.name).join('-vs-');
  const chart = (id: string) => `<div class="chart" id="chart-${id}"></div>`;
  const k = Math.max(...model.runs.map((run) => run.meta.nSplits));
  const sections: PageSection[] = [
    {
      id: 'parallel', title: 'Parallel coordinates',
      intro: 'One line per candidate, coloured by its mean test score. Drag along any axis to brush an interval; brushes on several axes combine, a click on an axis clears its brush. The ranked table below shows only the brushed candidates.',
      html: `<div class="toolbar"><button id="clear-brushes" type="button">Clear brushes</button></div>${chart('parallel')}`,
    },
    {
      id: 'table', title: 'Ranked candidates',
      intro: 'The cv_results columns, best first. Click a header to sort; the CSV holds the rows shown, in this order.',
      html: `<div class="toolbar"><button id="download-csv" type="button">Download CSV</button><span id="table-count"></span></div><div class="table-wrap">${renderRankedTable(rankedTableData(model))}</div>`,
    },
    {
      id: 'folds', title: 'Spread across folds',
      intro: `Every fold's test ${model.metric} (coloured dots, joined per fold) and the mean (black tick). Lines that cross mean a candidate won one fold and lost another.`,
      html: chart('folds'),
    },
    ...('curves' in specs
      ? [{ id: 'curves', title: 'Learning curves', intro: 'Per epoch: the mean over folds, with a band from the lowest to the highest fold. Pick a candidate in the selector.', html: chart('curves') }]
      : []),
    { id: 'cost', title: 'Cost against benefit', intro: 'Mean fit time against mean test score (bars: ± one std over folds). Diamonds: no other candidate is both faster and better.', html: chart('cost') },
    {
      id: 'ttest', title: 'Is the best really better?',
      intro: `Corrected resampled t-test (Nadeau & Bengio, 2003) of each candidate's ${k} fold scores against the best's: the variance of the paired differences is scaled by (1/k + nTest/nTrain), the p-value is two-sided from Student's t with k − 1 degrees of freedom. ≈ marks candidates not distinguishable from the best at α = ${ttest.alpha}.`,
      html: `${chart('ttest')}\n${renderTTestTable(ttest, model)}`,
    },
    { id: 'failed', title: 'Failed fits', intro: 'Fits that raised or diverged, with their errors; their scores count as NaN.', html: renderFailed(model) },
  ];
  const csv = tableCsv(model);
  return pageHtml({
    title: options.title ?? (model.compare ? `gridfold: ${name}` : `gridfold: ${model.runs[0].meta.name}`),
    header: renderHeader(model),
    sections,
    payload: {
      name, specs, csv: { header: csv.header, rows: csv.rows }, selectedData: SELECTED_DATA, parallelKeys: parallel.axes.map((a) => a.key),
    },
    libraries: vegaLibraries(),
  });
}

