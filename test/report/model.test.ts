import test from 'ava';
import { buildModel, runLabelsOf } from '../../src/report/model.js';
import { renderReport } from '../../src/report/render.js';
import { foldsData } from '../../src/report/plots/folds.js';
import { ttestData } from '../../src/report/plots/ttest.js';
import { tinyRun } from './tiny.js';

/** A halving run: c0 (round 0, fewer epochs) has the highest mean, c2 won the last round. */
function halvingRun() {
  const run = tinyRun('halving');
  run.meta.searchKind = 'halving-grid';
  run.cvResults.iter = [0, 0, 1];
  run.cvResults.n_resources = [2, 2, 6];
  run.meta.bestIndex = 2;
  run.meta.bestParams = run.cvResults.params[2];
  run.meta.bestScore = (run.cvResults.mean_test_accuracy as number[])[2];
  return run;
}

test('a halving page names the search\'s own best (the last round\'s winner), not the highest mean', (t) => {
  const model = buildModel(halvingRun());
  t.is(model.bestId, 2);
  t.is(model.candidates[0].rank, 1, 'c0 still ranks first by mean');
  const html = renderReport(halvingRun());
  t.true(html.includes('<h2>Best: candidate #2 — accuracy 0.8400 ± 0.0163</h2>'));
  t.true(html.includes('Successive halving picks the best of its last round (round 1)'));
  // The table lists the search's best first and marks it; the t-test compares with it.
  t.regex(html, /<tbody>\n<tr data-id="2" class="best">/);
  t.deepEqual(ttestData(model).rows.map((r) => [r.id, r.verdict]), [[2, 'best'], [0, 'indistinguishable'], [1, 'indistinguishable']]);
  t.true(foldsData(model).points.filter((p) => p.zoom).some((p) => p.id === 2));
});

test('a grid run\'s best is the top rank, as before', (t) => {
  t.is(buildModel(tinyRun()).bestId, 0);
});

test('run labels: search names, or folder and start time when two runs share a name', (t) => {
  const a = tinyRun('mnist-widths');
  const b = tinyRun('mnist-widths');
  b.meta.startedAt = '2026-12-01T21:15:55.000Z';
  t.deepEqual(runLabelsOf([tinyRun('mlp'), tinyRun('cnn')]), ['mlp', 'cnn']);
  t.deepEqual(runLabelsOf([a, b], ['reports/mnist-widths/', 'old/mnist-widths/results.json']), [
    'reports/mnist-widths (2026-11-25 05:37 UTC)', 'old/mnist-widths (2026-12-01 21:15 UTC)',
  ]);
  t.deepEqual(runLabelsOf([a, tinyRun('mnist-widths')]), ['mnist-widths (2026-11-25 05:37 UTC) #1', 'mnist-widths (2026-11-25 05:37 UTC) #2']);
  t.deepEqual(runLabelsOf([a, b, tinyRun('cnn')], ['x', 'y', 'z']), ['x (2026-11-25 05:37 UTC)', 'y (2026-12-01 21:15 UTC)', 'cnn']);
  const model = buildModel([a, b], { sources: ['reports/mnist-widths', 'old/mnist-widths'] });
  t.deepEqual([...new Set(model.candidates.map((c) => c.search))], ['reports/mnist-widths (2026-11-25 05:37 UTC)', 'old/mnist-widths (2026-12-01 21:15 UTC)']);
  t.true(model.candidates[0].label.startsWith('reports/mnist-widths (2026-11-25 05:37 UTC): '));
});
