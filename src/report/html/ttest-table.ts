/** The t-test's numbers as a table beside its chart, with ≈ on the candidates the best does not beat. */
import { formatNumber } from '../../results/format.js';
import type { ReportModel } from '../model.js';
import { VERDICT_TEXT, type TTestData } from '../plots/ttest.js';
import { escapeHtml } from './escape.js';

const MARK: Record<string, string> = { best: '★', indistinguishable: '≈', worse: '', better: '!', untested: '?' };

export function renderTTestTable(data: TTestData, model: ReportModel): string {
  const byId = new Map(model.candidates.map((c) => [c.id, c]));
  const rows = data.rows
    .map((row) => {
      const reference = row.verdict === 'best' ? '' : `#${byId.get(row.reference)?.index ?? '?'}`;
      return (
        `<tr class="verdict-${row.verdict}" data-id="${row.id}"><td class="mark" title="${escapeHtml(VERDICT_TEXT[row.verdict])}">${MARK[row.verdict]}</td>` +
        `<td>${row.rank}</td><td>${escapeHtml(row.label)}</td><td class="num">${escapeHtml(formatNumber(row.mean))}</td>` +
        `<td class="num">${escapeHtml(formatNumber(row.difference))}</td><td class="num">${escapeHtml(formatNumber(row.t))}</td>` +
        `<td class="num">${row.dof}</td><td class="num">${escapeHtml(formatNumber(row.p))}</td>` +
        (data.pairing === 'run' ? `<td>${escapeHtml(reference)}</td>` : '') +
        `<td>${escapeHtml(VERDICT_TEXT[row.verdict])}</td></tr>`
      );
    })
    .join('\n');
  const note =
    data.pairing === 'run'
      ? '<p class="note">The runs do not share their folds (data, cv, number of splits or seed differ), so each candidate is compared with the best of its own run.</p>'
      : '';
  const referenceHead = data.pairing === 'run' ? '<th>against</th>' : '';
  return (
    `${note}<table class="ttest"><thead><tr><th></th><th>rank</th><th>candidate</th><th>mean ${escapeHtml(model.metric)}</th>` +
    `<th>difference</th><th>t</th><th>dof</th><th>p</th>${referenceHead}<th>verdict</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>`
  );
}
