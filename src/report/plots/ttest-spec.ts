/**
 * The t-test chart: each candidate's difference from the best with its corrected interval
 * (the numbers are ttest.ts's; this file is the vega-lite side, kept apart so that the
 * page's public types name no vega type).
 */
import type { TopLevelSpec } from 'vega-lite';
import { MANY_CANDIDATES } from './folds.js';
import { VERDICT_TEXT, type TTestData, type Verdict } from './ttest.js';

const VERDICT_COLOURS: Record<Verdict, string> = { best: '#1a9850', indistinguishable: '#4c78a8', worse: '#d62728', better: '#ff7f0e', untested: '#999999' };

export function ttestSpec(data: TTestData, metric: string): TopLevelSpec {
  const shown = data.verdicts.filter((v) => data.rows.some((r) => r.verdict === v && Number.isFinite(r.difference)));
  const values = data.rows
    .filter((r) => Number.isFinite(r.difference))
    .map((r) => ({ ...r, verdictText: VERDICT_TEXT[r.verdict], p: Number.isFinite(r.p) ? r.p : null, t: Number.isFinite(r.t) ? r.t : null }));
  const y = { field: 'label', type: 'nominal', sort: { field: 'rank', op: 'min' }, title: null, axis: { labelLimit: 200 } } as const;
  const color = {
    field: 'verdictText', type: 'nominal', title: null,
    // Only the verdicts that occur are listed.
    scale: { domain: shown.map((v) => VERDICT_TEXT[v]), range: shown.map((v) => VERDICT_COLOURS[v]) },
    legend: { orient: 'bottom', columns: 1, labelLimit: 480 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Difference in mean test ${metric} from the best with a ${100 * (1 - data.alpha)}% corrected confidence interval.`,
    data: { values },
    width: 'container',
    // A height in pixels, not a step: vega-lite sizes a width to its container only with a continuous height.
    height: Math.max(1, values.length) * (values.length > MANY_CANDIDATES ? 12 : 20),
    layer: [
      { mark: { type: 'rule', color: '#999', strokeDash: [3, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' }, color } },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          x: { field: 'difference', type: 'quantitative', title: `${metric} − best's ${metric} (mean over folds, ${100 * (1 - data.alpha)}% CI)` },
          color,
          tooltip: [
            { field: 'label', type: 'nominal', title: 'candidate' }, { field: 'difference', type: 'quantitative', format: '.4f' },
            { field: 't', type: 'quantitative', format: '.3f' }, { field: 'dof', type: 'quantitative' },
            { field: 'p', type: 'quantitative', format: '.4f', title: 'p-value' }, { field: 'verdictText', type: 'nominal', title: 'verdict' },
          ],
        },
      },
    ],
  };
}

