/**
 * While a search runs, its page says so: fits done of all, the time left, and that it
 * reloads itself (the script reloads it every `reloadSeconds` unless the reader unticks
 * the box). The finished page has no banner. A run stopped before its end (Ctrl-C, a
 * failure) leaves a page that says so, with the command that resumes it, and no reload.
 */
import { formatClock } from '../../results/format.js';
import { escapeHtml } from './escape.js';

export interface LiveStatus {
  done: number;
  total: number;
  /** Estimated seconds left, when known. */
  etaSeconds?: number;
  /** Seconds between reloads; 5 by default. */
  reloadSeconds?: number;
  /** Set when the run stopped before its end: the command that resumes it. The page then stops reloading. */
  stopped?: string;
}

export const RELOAD_SECONDS = 5;


export function liveText(status: LiveStatus): string {
  if (status.stopped !== undefined) return `stopped at ${status.done}/${status.total} fits`;
  const eta = status.etaSeconds !== undefined && Number.isFinite(status.etaSeconds) ? `, ETA ${formatClock(status.etaSeconds)}` : '';
  return `running: ${status.done}/${status.total} fits${eta}`;
}

export function renderLiveBanner(status: LiveStatus, pending = 0): string {
  if (status.stopped !== undefined) {
    // No reload box: the page's script reloads only while the box is there.
    return (
      `<div class="banner" id="live-banner" role="status">${escapeHtml(liveText(status))} — this page shows the candidates finished by then; ` +
      `every finished fit is in the run's journal, resume with <code>${escapeHtml(status.stopped)}</code></div>\n`
    );
  }
  const every = status.reloadSeconds ?? RELOAD_SECONDS;
  const waiting = pending > 0 ? ` (${pending} candidate${pending === 1 ? '' : 's'} with folds still to come not shown yet)` : '';
  return (
    `<div class="banner" id="live-banner" role="status">${escapeHtml(liveText(status))} — this page shows the candidates finished so far${waiting} and reloads every ${every} s` +
    `<label><input type="checkbox" id="live-reload" checked> reload</label></div>\n`
  );
}
