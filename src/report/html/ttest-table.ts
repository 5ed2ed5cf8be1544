/** The t-test's numbers as a table beside its chart, with ≈ on the candidates the best does not beat. */
import type { ReportModel } from '../model.js';
import { decimalsFor, fixed } from '../numbers.js';
import { VERDICT_TEXT, type TTestData } from '../plots/ttest.js';
import { escapeHtml } from './escape.js';

const MARK: Record<string, string> = { best: '★', indistinguishable: '≈', worse: '', better: '!', untested: '?' };

export function renderTTestTable(data: TTestData, model: ReportModel): string {
  const byId = new Map(model.candidates.map((c) => [c.id, c]));
  const decimals = decimalsFor(model.candidates.map((c) => c.mean));
  const cell = (value: number, digits = decimals) => `<td class="num">${escapeHtml(Number.isFinite(value) || Number.isNaN(value) ? fixed(value, digits) : value > 0 ? '∞' : '−∞')}</td>`;
  const rows = data.rows
    .map((row) => {
      const reference = row.verdict === 'best' ? '' : `#${byId.get(row.reference)?.index ?? '?'}`;
      const interval = row.verdict === 'best' || !Number.isFinite(row.low) ? '' : `${fixed(row.low, decimals)} … ${fixed(row.high, decimals)}`;
      return (
        `<tr class="verdict-${row.verdict}" data-id="${row.id}"><td class="mark" title="${escapeHtml(VERDICT_TEXT[row.verdict])}">${MARK[row.verdict]}</td>` +
        `<td class="num">#${byId.get(row.id)?.index ?? ''}</td><td>${escapeHtml(row.label)}</td>${cell(row.mean)}${cell(row.difference)}` +
        `<td class="num">${escapeHtml(interval)}</td>${cell(row.t, 2)}<td class="num">${row.dof}</td>${cell(row.p, 3)}` +
        (data.pairing === 'run' ? `<td>${escapeHtml(reference)}</td>` : '') +
        `<td class="verdict">${escapeHtml(VERDICT_TEXT[row.verdict])}</td></tr>`
      );
    })
    .join('\n');
  const note =
    data.pairing === 'run'
      ? '<p class="note">The runs do not share their folds (data, cv, number of splits or seed differ), so each candidate is compared with the best of its own run.</p>'
      : '';
  const referenceHead = data.pairing === 'run' ? '<th>against</th>' : '';
  return (
    `${note}<div class="table-wrap"><table class="ttest"><thead><tr><th></th><th>#</th><th>candidate</th><th>mean ${escapeHtml(model.metricLabel)}</th>` +
    `<th>difference</th><th>${100 * (1 - data.alpha)} % interval</th><th>t</th><th>dof</th><th>p</th>${referenceHead}<th>verdict</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table></div>`
  );
}
