/**
 * Cost against benefit: mean fit time against mean score (± std), with the candidates no
 * other candidate beats on both (the Pareto front) joined by a line.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../model.js';
import { LOG_AXIS_MIN_RATIO } from './axes.js';

export interface CostPoint {
  id: number;
  label: string;
  search: string;
  rank: number;
  fitTime: number;
  score: number;
  std: number;
  low: number;
  high: number;
  /** No other candidate is at least as fast and at least as good, and better in one. */
  pareto: boolean;
  best: boolean;
}

export function costData(model: ReportModel): CostPoint[] {
  const finite = model.candidates.filter((c) => Number.isFinite(c.mean) && Number.isFinite(c.meanFitTime));
  return finite.map((c) => {
    const dominated = finite.some(
      (d) => d.meanFitTime <= c.meanFitTime && d.mean >= c.mean && (d.meanFitTime < c.meanFitTime || d.mean > c.mean),
    );
    const std = Number.isFinite(c.std) ? c.std : 0;
    return {
      id: c.id, label: c.label, search: c.search, rank: c.rank, fitTime: c.meanFitTime, score: c.mean, std,
      low: c.mean - std, high: c.mean + std, pareto: !dominated, best: c.id === model.bestId,
    };
  });
}

export function costSpec(points: CostPoint[], model: ReportModel): TopLevelSpec {
  const times = points.map((p) => p.fitTime).filter((t) => t > 0);
  const log = times.length === points.length && times.length > 1 && Math.max(...times) / Math.min(...times) >= LOG_AXIS_MIN_RATIO;
  const x = { field: 'fitTime', type: 'quantitative', title: `mean fit time per fold (s${log ? ', log scale' : ''})`, scale: { zero: false, type: log ? 'log' : 'linear' } } as const;
  const metric = model.metricLabel;
  const shapes = [{ value: true, shape: 'diamond' }, { value: false, shape: 'circle' }].filter((s) => points.some((p) => p.pareto === s.value));
  const colour = model.compare
    ? ({ field: 'search', type: 'nominal', title: 'search' } as const)
    : ({ field: 'rank', type: 'quantitative', title: 'rank', scale: { scheme: 'viridis', reverse: true } } as const);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Mean fit time against mean test ${metric}.`,
    data: { values: points },
    width: 'container',
    height: 300,
    layer: [
      { mark: { type: 'rule', opacity: 0.5 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color: colour } },
      {
        transform: [{ filter: 'datum.pareto' }],
        mark: { type: 'line', strokeDash: [4, 3], color: '#888' },
        encoding: { x, y: { field: 'score', type: 'quantitative' }, order: { field: 'fitTime', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, opacity: 0.9 },
        encoding: {
          x,
          y: { field: 'score', type: 'quantitative', scale: { zero: false }, title: `mean test ${metric} (± std)` },
          color: colour,
          size: { condition: { test: 'datum.best', value: 180 }, value: 70 },
          // Only the kinds that occur are listed (on a front of one, every point but one is 'false').
          shape: { field: 'pareto', type: 'nominal', title: 'Pareto front', scale: { domain: shapes.map((s) => s.value), range: shapes.map((s) => s.shape) } },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'candidate' }, { field: 'rank', type: 'quantitative' },
            { field: 'score', type: 'quantitative', format: '.4f', title: `mean ${metric}` },
            { field: 'std', type: 'quantitative', format: '.4f', title: `std ${metric}` },
            { field: 'fitTime', type: 'quantitative', format: '.3f', title: 'fit time per fold (s)' },
          ],
        },
      },
    ],
  };
}
