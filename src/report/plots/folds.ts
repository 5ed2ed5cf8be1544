/**
 * The spread across folds: every split score of every candidate (best first), the fold's
 * scores joined across candidates so that a candidate that wins one fold and loses the
 * next is seen at once (the seed's point), and a tick at each candidate's mean. When weak
 * candidates would squash the best into a sliver of the y range, the chart starts zoomed
 * on the best few (a switch shows all).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../model.js';
import { median } from '../numbers.js';

/** From this many candidates on, the per-candidate charts draw them closer together (and scroll). */
export const MANY_CANDIDATES = 60;
/** The zoom keeps candidates whose mean is within this many median fold stds of the best's. */
export const ZOOM_STDS = 4;

export interface FoldPoint {
  id: number;
  label: string;
  rank: number;
  fold: string;
  /** null where the fit failed. */
  score: number | null;
  mean: number | null;
  /** Shown while the chart is zoomed on the best. */
  zoom: boolean;
}

export interface FoldsData {
  points: FoldPoint[];
  /** Candidates the zoom keeps, and all candidates with a score; equal when there is nothing to zoom. */
  zoomed: number;
  total: number;
  /** The lowest mean the zoom keeps. */
  threshold: number;
}

export function foldsData(model: ReportModel): FoldsData {
  const ranked = [...model.candidates].sort((a, b) => a.rank - b.rank || a.id - b.id);
  const finite = ranked.filter((c) => Number.isFinite(c.mean));
  const best = model.candidates.find((c) => c.id === model.bestId);
  const medianStd = median(finite.map((c) => c.std)) || 0;
  const top = Math.max(best?.mean ?? -Infinity, finite[0]?.mean ?? -Infinity);
  // At least the best two stay, so the zoom always compares something.
  const threshold = Math.min(top - ZOOM_STDS * medianStd, finite[1]?.mean ?? top);
  const kept = new Set(finite.filter((c) => c.mean >= threshold || c.id === model.bestId).map((c) => c.id));
  const points = ranked.flatMap((c) =>
    c.splits.map((score, k) => ({
      id: c.id, label: c.label, rank: c.rank, fold: `fold ${k}`,
      score: Number.isFinite(score) ? score : null, mean: Number.isFinite(c.mean) ? c.mean : null, zoom: kept.has(c.id),
    })),
  );
  return { points, zoomed: kept.size, total: ranked.length, threshold };
}

export function foldsSpec(data: FoldsData, model: ReportModel): TopLevelSpec {
  const metric = model.metricLabel;
  const many = data.total > MANY_CANDIDATES;
  const x = { field: 'label', type: 'nominal', sort: { field: 'rank', op: 'min', order: 'ascending' }, title: 'candidate (best first)', axis: { labelAngle: -35, labelLimit: 150 } } as const;
  const tooltip = [
    { field: 'label', type: 'nominal', title: 'candidate' },
    { field: 'fold', type: 'nominal' },
    { field: 'score', type: 'quantitative', format: '.4f', title: metric },
    { field: 'mean', type: 'quantitative', format: '.4f', title: `mean ${metric}` },
  ] as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Test ${metric} of every fold for every candidate.`,
    data: { values: data.points },
    params: [{ name: 'zoom', value: data.zoomed < data.total }],
    transform: [{ filter: '!zoom || datum.zoom' }],
    // Fills the container; with many candidates each keeps a readable band and the chart scrolls in its box.
    width: many ? { step: 16 } : 'container',
    height: 280,
    encoding: { x },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1, opacity: 0.35 },
        encoding: { y: { field: 'score', type: 'quantitative', scale: { zero: false }, title: `test ${metric}` }, color: { field: 'fold', type: 'nominal', title: 'fold' } },
      },
      { mark: { type: 'tick', color: '#333', thickness: 2, size: 30 }, encoding: { y: { field: 'mean', type: 'quantitative' }, tooltip: [...tooltip] } },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9 },
        encoding: { y: { field: 'score', type: 'quantitative' }, color: { field: 'fold', type: 'nominal' }, tooltip: [...tooltip] },
      },
    ],
  } as TopLevelSpec;
}
