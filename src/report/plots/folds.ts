/**
 * The spread across folds: every split score of every candidate (best first), the fold's
 * scores joined across candidates so that a candidate that wins one fold and loses the
 * next is seen at once (the seed's point), and a tick at each candidate's mean.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../model.js';

/** From this many candidates on, the per-candidate charts draw them closer together. */
export const MANY_CANDIDATES = 60;

export interface FoldPoint {
  id: number;
  label: string;
  rank: number;
  fold: string;
  /** null where the fit failed. */
  score: number | null;
  mean: number | null;
}

export function foldsData(model: ReportModel): FoldPoint[] {
  const ranked = [...model.candidates].sort((a, b) => a.rank - b.rank || a.id - b.id);
  return ranked.flatMap((c) =>
    c.splits.map((score, k) => ({
      id: c.id, label: c.label, rank: c.rank, fold: `fold ${k}`,
      score: Number.isFinite(score) ? score : null, mean: Number.isFinite(c.mean) ? c.mean : null,
    })),
  );
}

export function foldsSpec(points: FoldPoint[], metric: string): TopLevelSpec {
  const x = { field: 'label', type: 'nominal', sort: { field: 'rank', op: 'min', order: 'ascending' }, title: 'candidate (best first)', axis: { labelAngle: -40, labelLimit: 160 } } as const;
  const tooltip = [
    { field: 'label', type: 'nominal', title: 'candidate' },
    { field: 'fold', type: 'nominal' },
    { field: 'score', type: 'quantitative', format: '.4f', title: metric },
    { field: 'mean', type: 'quantitative', format: '.4f', title: `mean_test_${metric}` },
  ] as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Test ${metric} of every fold for every candidate.`,
    data: { values: points },
    // Narrower bands when there are many candidates; the chart scrolls sideways.
    width: { step: new Set(points.map((p) => p.id)).size > MANY_CANDIDATES ? 16 : 34 },
    height: 260,
    encoding: { x },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1, opacity: 0.35 },
        encoding: { y: { field: 'score', type: 'quantitative', scale: { zero: false }, title: `test ${metric}` }, color: { field: 'fold', type: 'nominal', title: 'fold' } },
      },
      { mark: { type: 'tick', color: '#333', thickness: 2, size: 22 }, encoding: { y: { field: 'mean', type: 'quantitative' }, tooltip: [...tooltip] } },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9 },
        encoding: { y: { field: 'score', type: 'quantitative' }, color: { field: 'fold', type: 'nominal' }, tooltip: [...tooltip] },
      },
    ],
  };
}
