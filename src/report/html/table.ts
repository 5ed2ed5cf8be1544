/**
 * The ranked table: the cv_results columns (the page's ranking first), one row per
 * candidate, best first. Rendered here with every cell escaped; the page's script sorts
 * it by a clicked header, hides rows outside the parallel-coordinates brushes and
 * downloads the visible rows as CSV (the results.csv lines, carried in the page data).
 */
import type { CvResults } from '../../core/index.js';
import { cvResultsCsvLines } from '../../results/csv.js';
import { formatNumber, formatParamText } from '../../results/format.js';
import type { ReportModel } from '../model.js';
import { escapeHtml } from './escape.js';

export interface TableCell {
  text: string;
  /** The value the column sorts by: a finite number, or null (sorted last) in a numeric column. */
  sort: number | null;
}

export interface RankedTableData {
  columns: Array<{ name: string; numeric: boolean }>;
  rows: Array<{ id: number; best: boolean; cells: TableCell[] }>;
}

/** The cv_results of the page: one run's as they are; several runs' columns merged, with `search` first. */
export function pageCvResults(model: ReportModel): CvResults {
  if (!model.compare) return model.runs[0].cvResults;
  const keys = [...new Set(model.runs.flatMap((run) => Object.keys(run.cvResults)))];
  const merged: Record<string, unknown[]> = { search: model.candidates.map((c) => c.search) };
  for (const key of keys) merged[key] = model.candidates.map((c) => model.runs[c.run].cvResults[key]?.[c.index]);
  return merged as CvResults;
}

export function rankedTableData(model: ReportModel): RankedTableData {
  const cv = pageCvResults(model);
  const rankKey = `rank_test_${model.metric}`;
  const rest = orderColumns(Object.keys(cv).filter((key) => key !== 'params' && key !== 'search' && (model.compare || key !== rankKey)));
  const names = model.compare ? ['search', 'rank', ...rest] : [rankKey, ...rest];
  const cellOf = (name: string, row: number): unknown => (name === 'rank' && model.compare ? model.candidates[row].rank : cv[name][row]);
  const columns = names.map((name) => ({ name, numeric: model.candidates.some((_, row) => typeof cellOf(name, row) === 'number') }));
  const order = [...model.candidates].sort((a, b) => a.rank - b.rank || a.id - b.id);
  const rows = order.map((c) => ({
    id: c.id,
    best: c.id === model.bestId,
    cells: columns.map(({ name }) => {
      const value = cellOf(name, c.id);
      if (typeof value === 'number') return { text: formatNumber(value), sort: Number.isFinite(value) ? value : null };
      return { text: formatParamText(value), sort: null };
    }),
  }));
  return { columns, rows };
}

/** For reading: parameters, then test scores, then train scores and times, then anything else; stable within each. */
function orderColumns(keys: string[]): string[] {
  const group = (key: string) =>
    key.startsWith('param_') ? 0 : /^(mean|std|rank)_test_/.test(key) ? 1 : /^split\d+_test_/.test(key) ? 2 : /_(fit|score)_time$/.test(key) ? 4 : /train_/.test(key) ? 3 : 5;
  return keys.map((key, i) => ({ key, i })).sort((a, b) => group(a.key) - group(b.key) || a.i - b.i).map(({ key }) => key);
}

/** CSV lines for the page's download: the header and each candidate's line by id. */
export function tableCsv(model: ReportModel): { header: string; rows: string[] } {
  return cvResultsCsvLines(pageCvResults(model));
}

export function renderRankedTable(data: RankedTableData): string {
  const head = data.columns
    .map((column, i) => `<th data-col="${i}" data-type="${column.numeric ? 'number' : 'text'}" title="sort by ${escapeHtml(column.name)}">${escapeHtml(column.name)}</th>`)
    .join('');
  const body = data.rows
    .map((row) => {
      const cells = row.cells
        .map((cell, i) => (data.columns[i].numeric ? `<td class="num" data-v="${cell.sort ?? ''}">${escapeHtml(cell.text)}</td>` : `<td>${escapeHtml(cell.text)}</td>`))
        .join('');
      return `<tr data-id="${row.id}"${row.best ? ' class="best"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table id="ranked-table" class="ranked"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}
