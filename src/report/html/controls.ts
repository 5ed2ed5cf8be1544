/** The HTML controls beside the charts (escaped here); the page's script wires them to the views. */
import type { CurvesData } from '../plots/curves.js';
import { ZOOM_STDS, type FoldsData } from '../plots/folds.js';
import type { ParallelData } from '../plots/parallel-data.js';
import { escapeHtml } from './escape.js';

/** The colour-by select: every axis, then the rank; the refit metric's mean chosen first. */
export function colourControl(data: ParallelData): string {
  const options = data.colourings
    .map((c) => `<option value="${escapeHtml(c.key)}"${c.key === data.colourBy ? ' selected' : ''}>${escapeHtml(c.title)}</option>`)
    .join('');
  return `<label>Colour by <select id="colour-by">${options}</select></label>`;
}

/** The fold chart's zoom switch, when weak candidates would squash the best. */
export function foldsToggle(data: FoldsData): string {
  if (data.zoomed >= data.total) return '';
  return (
    `<div class="toolbar"><label><input type="checkbox" id="folds-zoom" checked> only the ${data.zoomed} best of ${data.total} ` +
    `(mean within ${ZOOM_STDS} median fold stds of the best)</label></div>`
  );
}

/**
 * The learning curves' legend and picker in one: a checkbox per candidate with its colour
 * and its # (its index in cv_results, as in the table and the header — not its rank),
 * buttons for the best five, all and none, and the line-style select (its values' dashes
 * are listed beside it by the script).
 */
export function curvesPicker(data: CurvesData): string {
  const boxes = data.candidates
    .map((c) => {
      const checked = data.picked.includes(c.id) ? ' checked' : '';
      return `<label><input type="checkbox" class="curve-pick" value="${c.id}"${checked}><span class="swatch" style="border-color:${escapeHtml(c.colour)}"></span>#${c.index} ${escapeHtml(c.label)}</label>`;
    })
    .join('');
  const styles = data.styleOptions.map((o) => `<option value="${escapeHtml(o.name)}">${escapeHtml(o.name)}</option>`).join('');
  const style = styles ? `<label>Line style by <select id="curve-style"><option value="">nothing</option>${styles}</select></label><span id="curve-style-legend"></span>` : '';
  return (
    `<div class="toolbar"><button type="button" id="curves-best">best ${Math.min(data.picked.length, data.candidates.length)}</button>` +
    `<button type="button" id="curves-all">all ${data.candidates.length}</button><button type="button" id="curves-none">none</button>${style}</div>` +
    `<div class="picker" id="curves-picker">${boxes}</div>`
  );
}
