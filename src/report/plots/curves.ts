/**
 * Learning curves: train loss, valid loss and valid accuracy per epoch for each candidate,
 * the mean over its folds with a min–max band; a selector shows the ten best or any one.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../model.js';

export const CURVE_METRICS = ['train_loss', 'valid_loss', 'valid_acc'] as const;
/** How many candidates the curves show before one is picked. */
export const CURVES_TOP = 10;

export interface CurvePoint {
  id: number;
  label: string;
  rank: number;
  /** Among the CURVES_TOP best (by rank, then id). */
  top: boolean;
  metric: string;
  epoch: number;
  mean: number;
  low: number;
  high: number;
  /** Folds that reached this epoch with a finite value. */
  n: number;
}

export function curvesData(model: ReportModel): CurvePoint[] {
  const order = [...model.candidates].sort((a, b) => a.rank - b.rank || a.id - b.id);
  const top = new Set(order.slice(0, CURVES_TOP).map((c) => c.id));
  const points: CurvePoint[] = [];
  for (const c of order) {
    for (const metric of CURVE_METRICS) {
      const byEpoch = new Map<number, number[]>();
      for (const fit of c.fits) {
        for (const row of fit.history) {
          const value = row[metric];
          if (typeof value !== 'number' || !Number.isFinite(value)) continue;
          byEpoch.set(row.epoch, [...(byEpoch.get(row.epoch) ?? []), value]);
        }
      }
      for (const [epoch, values] of [...byEpoch].sort((a, b) => a[0] - b[0])) {
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        points.push({ id: c.id, label: c.label, rank: c.rank, top: top.has(c.id), metric, epoch, mean, low: Math.min(...values), high: Math.max(...values), n: values.length });
      }
    }
  }
  return points;
}

export function curvesSpec(points: CurvePoint[], model: ReportModel): TopLevelSpec {
  const metrics = CURVE_METRICS.filter((m) => points.some((p) => p.metric === m));
  const order = [...model.candidates].sort((a, b) => a.rank - b.rank || a.id - b.id).filter((c) => points.some((p) => p.id === c.id));
  const x = { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } } as const;
  const color = { field: 'label', type: 'nominal', title: 'candidate', sort: { field: 'rank', op: 'min' } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Learning curves: mean over folds with a min–max band.',
    data: { values: points },
    params: [
      {
        name: 'pick',
        value: -1,
        bind: { input: 'select', name: 'Candidate ', options: [-1, ...order.map((c) => c.id)], labels: [`the ${CURVES_TOP} best`, ...order.map((c) => `#${c.rank} ${c.label}`)] },
      },
    ],
    transform: [{ filter: 'pick == -1 ? datum.top : datum.id == pick' }],
    facet: { column: { field: 'metric', type: 'nominal', sort: [...metrics], title: null } },
    spec: {
      width: 260,
      height: 200,
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'low', type: 'quantitative', scale: { zero: false }, title: null }, y2: { field: 'high' }, color } },
        {
          mark: { type: 'line', point: true, strokeWidth: 1.6 },
          encoding: {
            x, y: { field: 'mean', type: 'quantitative' }, color,
            tooltip: [
              { field: 'label', type: 'nominal', title: 'candidate' }, { field: 'metric', type: 'nominal' }, { field: 'epoch', type: 'quantitative' },
              { field: 'mean', type: 'quantitative', format: '.4f' }, { field: 'low', type: 'quantitative', format: '.4f', title: 'min' },
              { field: 'high', type: 'quantitative', format: '.4f', title: 'max' }, { field: 'n', type: 'quantitative', title: 'folds' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
