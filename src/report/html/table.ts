/**
 * The ranked table, best first, rendered with every cell escaped: the candidate number the
 * header names, the rank, the parameters, then each score as mean ± std at one fixed number
 * of decimals per metric, the refit metric's folds, the times with their unit. The page's
 * script sorts it by a clicked header, hides rows outside the parallel-coordinates brushes
 * and downloads the visible rows as CSV (the results.csv lines, carried in the page data).
 */
import type { CvResults } from '../../core/index.js';
import { cvResultsCsvLines } from '../../results/csv.js';
import { scoreNamesOf } from '../../results/columns.js';
import { formatDuration, formatParamShort } from '../../results/format.js';
import type { ReportModel } from '../model.js';
import { count, decimalsFor, fixed } from '../numbers.js';
import { MISSING_TEXT } from '../plots/axes.js';
import { escapeHtml } from './escape.js';

export interface TableCell {
  text: string;
  /** The value the column sorts by: a finite number, or null (sorted last) in a numeric column. */
  sort: number | null;
}

export interface TableColumn {
  title: string;
  /** The cv_results column(s) the cell shows (the header's tooltip). */
  source: string;
  numeric: boolean;
}

export interface RankedTableData {
  columns: TableColumn[];
  rows: Array<{ id: number; best: boolean; cells: TableCell[] }>;
}

/**
 * The cv_results of the page, one row per candidate on it (by id): one run's columns, or
 * several runs' merged with `search` first. Candidates still running are not on the page.
 */
export function pageCvResults(model: ReportModel): CvResults {
  const keys = [...new Set(model.runs.flatMap((run) => Object.keys(run.cvResults)))];
  const merged: Record<string, unknown[]> = model.compare ? { search: model.candidates.map((c) => c.search) } : {};
  for (const key of keys) merged[key] = model.candidates.map((c) => model.runs[c.run].cvResults[key]?.[c.index]);
  return merged as CvResults;
}

type Column = TableColumn & { cell: (id: number) => TableCell };

export function rankedTableData(model: ReportModel): RankedTableData {
  const cv = pageCvResults(model);
  const num = (key: string) => (id: number) => (typeof cv[key]?.[id] === 'number' ? (cv[key][id] as number) : Number.NaN);
  const numberCell = (value: number, text: string): TableCell => ({ text, sort: Number.isFinite(value) ? value : null });
  const used = new Set(['params', 'search']);
  const take = (key: string) => (used.add(key), key);
  const columns: Column[] = [];
  if (model.compare) columns.push({ title: 'search', source: take('search'), numeric: false, cell: (id) => ({ text: String(cv.search[id]), sort: null }) });
  columns.push({ title: '#', source: 'candidate index', numeric: true, cell: (id) => numberCell(model.candidates[id].index, `#${model.candidates[id].index}`) });
  columns.push({ title: 'rank', source: model.compare ? 'rank on this page' : take(`rank_test_${model.metric}`), numeric: true, cell: (id) => numberCell(model.candidates[id].rank, String(model.candidates[id].rank)) });
  const params = Object.keys(cv).filter((key) => key.startsWith('param_')).sort((a, b) => varyingFirst(model, a) - varyingFirst(model, b));
  for (const key of params) {
    const numeric = model.candidates.every((_, id) => cv[key][id] === undefined || typeof cv[key][id] === 'number');
    columns.push({
      title: take(key).slice('param_'.length), source: key, numeric,
      cell: (id) => (cv[key][id] === undefined ? { text: MISSING_TEXT, sort: null } : { text: formatParamShort(cv[key][id]), sort: numeric ? (cv[key][id] as number) : null }),
    });
  }
  if ('n_parameters' in cv) columns.push({ title: 'parameters', source: take('n_parameters'), numeric: true, cell: (id) => numberCell(num('n_parameters')(id), Number.isFinite(num('n_parameters')(id)) ? count(num('n_parameters')(id)) : MISSING_TEXT) });
  const scorers = scoreNamesOf(cv).sort((a, b) => Number(b === model.metric) - Number(a === model.metric));
  for (const name of scorers) {
    const folds = Object.keys(cv).filter((key) => new RegExp(`^split\\d+_test_${escapeRegExp(name)}$`).test(key));
    const all = model.candidates.flatMap((_, id) => [num(`mean_test_${name}`)(id), num(`std_test_${name}`)(id), ...folds.map((key) => num(key)(id))]);
    const decimals = decimalsFor(all);
    const label = name === model.metric ? model.metricLabel : name;
    columns.push(meanStd(`${label} (mean ± std)`, `mean_test_${name}`, `std_test_${name}`, (v) => fixed(v, decimals)));
    // The refit metric's folds only: other metrics keep their mean ± std, so the table fits the page.
    if (name === model.metric) for (const key of folds) columns.push({ title: `fold ${/\d+/.exec(key)![0]}`, source: take(key), numeric: true, cell: (id) => numberCell(num(key)(id), fixed(num(key)(id), decimals)) });
    else folds.forEach(take);
    if (`mean_train_${name}` in cv) {
      columns.push(meanStd(`train ${label} (mean ± std)`, `mean_train_${name}`, `std_train_${name}`, (v) => fixed(v, decimals)));
      Object.keys(cv).filter((key) => new RegExp(`^split\\d+_train_${escapeRegExp(name)}$`).test(key)).forEach(take);
    }
  }
  columns.push(meanStd('fit time (mean ± std)', 'mean_fit_time', 'std_fit_time', formatDuration));
  columns.push(meanStd('score time (mean ± std)', 'mean_score_time', 'std_score_time', formatDuration));
  for (const key of Object.keys(cv).filter((k) => !used.has(k))) {
    const numeric = model.candidates.some((_, id) => typeof cv[key][id] === 'number');
    columns.push({ title: key, source: key, numeric, cell: (id) => (numeric ? numberCell(num(key)(id), formatParamShort(cv[key][id])) : { text: formatParamShort(cv[key][id]), sort: null }) });
  }

  /** `0.9102 ± 0.0076`, `1.30s ± 0.23s`. */
  function meanStd(title: string, meanKey: string, stdKey: string, format: (v: number) => string): Column {
    take(meanKey);
    take(stdKey);
    const text = (id: number) => `${format(num(meanKey)(id))} ± ${format(num(stdKey)(id))}`;
    return { title, source: `${meanKey} ± ${stdKey}`, numeric: true, cell: (id) => numberCell(num(meanKey)(id), Number.isNaN(num(meanKey)(id)) ? 'failed' : text(id)) };
  }

  const order = [...model.candidates].sort((a, b) => Number(b.id === model.bestId) - Number(a.id === model.bestId) || a.rank - b.rank || a.id - b.id);
  return {
    columns: columns.map(({ title, source, numeric }) => ({ title, source, numeric })),
    rows: order.map((c) => ({ id: c.id, best: c.id === model.bestId, cells: columns.map((column) => column.cell(c.id)) })),
  };
}

function varyingFirst(model: ReportModel, key: string): number {
  const index = model.varying.indexOf(key.slice('param_'.length));
  return index < 0 ? model.varying.length : index;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * CSV lines for the page's download: the header and each candidate's line by id. Runs compared
 * on one page may lack each other's columns (fewer folds, another metric): those cells are empty
 * (NaN), and a rank column, which ranks within its own run only, stays only where every run has it.
 */
export function tableCsv(model: ReportModel): { header: string; rows: string[] } {
  const cv = pageCvResults(model) as unknown as Record<string, unknown[]>;
  for (const [key, column] of Object.entries(cv)) {
    if (!column.includes(undefined) || key === 'params' || key === 'search' || key.startsWith('param_')) continue;
    if (key.startsWith('rank_')) delete cv[key];
    else cv[key] = column.map((value) => (value === undefined ? Number.NaN : value));
  }
  return cvResultsCsvLines(cv as unknown as CvResults);
}

/**
 * The table fits a narrow window by wrapping where that reads well, and only when the window
 * is too narrow (the browser lays a table out at its cells' widest first): a `mean ± std`
 * cell only before its `±`, a header also after an underscore or a dot (`rank_test_f1_macro`,
 * `module.hiddenUnits`).
 */
function numberHtml(text: string): string {
  return text.split(' ± ').map((part) => escapeHtml(part).replace(/ /g, '&nbsp;')).join(' ±&nbsp;');
}

function headerHtml(title: string): string {
  return escapeHtml(title).replace(/([_.])/g, '$1<wbr>');
}

export function renderRankedTable(data: RankedTableData): string {
  const head = data.columns
    .map((column, i) => `<th data-col="${i}" data-type="${column.numeric ? 'number' : 'text'}" title="${escapeHtml(column.source)} — click to sort">${headerHtml(column.title)}</th>`)
    .join('');
  const body = data.rows
    .map((row) => {
      const cells = row.cells
        .map((cell, i) => (data.columns[i].numeric ? `<td class="num" data-v="${cell.sort ?? ''}">${numberHtml(cell.text)}</td>` : `<td>${escapeHtml(cell.text)}</td>`))
        .join('');
      return `<tr data-id="${row.id}"${row.best ? ' class="best"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table id="ranked-table" class="ranked"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}
