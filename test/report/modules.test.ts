/**
 * A report of a list of grids (mlps beside a cnn): the parameter a candidate's module does
 * not take shows — (table, axes, labels), and the lines can be coloured by module.
 */
import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FitRecord, Params, RunResult } from '../../src/core/index.js';
import { aggregate } from '../../src/search/aggregate.js';
import { buildModel } from '../../src/report/model.js';
import { parallelData } from '../../src/report/plots/parallel-data.js';
import { MISSING_TEXT } from '../../src/report/plots/axes.js';
import { renderReport } from '../../src/report/index.js';
import { readResults, writeResults } from '../../src/results/json.js';

const CONVS = [{ filters: 2, kernel: 3, pool: 2 }];
const CANDIDATES: Params[] = [
  { module: 'mlp', 'module.hiddenUnits': [8] },
  { module: 'mlp', 'module.hiddenUnits': [16, 8] },
  { module: 'cnn', 'module.convs': CONVS },
];
const SCORES = [[0.8, 0.82], [0.85, 0.87], [0.9, 0.92]];
const SIZES = [530, 1_218, 300];

function mixedRun(): RunResult {
  const fits: FitRecord[] = CANDIDATES.flatMap((_, c) => [0, 1].map((k): FitRecord => ({
    candidateIndex: c, foldIndex: k, testScores: { accuracy: SCORES[c][k] }, fitTime: 1 + c, scoreTime: 0.01,
    nTrain: 20, nTest: 20, nParameters: SIZES[c], history: [{ epoch: 1, train_loss: 1 - SCORES[c][k], dur: 0.1 }],
  })));
  const cvResults = aggregate(fits, { candidates: CANDIDATES, nSplits: 2, scoreNames: ['accuracy'], returnTrainScore: false });
  return {
    meta: {
      name: 'mlp-vs-cnn', searchKind: 'grid', estimator: 'NeuralNetClassifier', estimatorParams: { lr: 0.01 },
      data: { name: 'tiny images', nSamples: 40, nFeatures: 64, sampleShape: [8, 8, 1], nClasses: 2, task: 'classification' },
      backend: 'wasm', cv: 'StratifiedKFold(nSplits=2)', nSplits: 2, scoring: ['accuracy'], refit: 'accuracy',
      nCandidates: 3, nFits: 6, nFailedFits: 0, nJobs: 1, seed: 0, wallTime: 10, startedAt: '2026-12-02T01:00:00.000Z',
      gridfoldVersion: '0.1.0', bestIndex: 2, bestParams: CANDIDATES[2], bestScore: 0.91,
    },
    cvResults,
    fits,
  };
}

/** The ranked table's rows, cell texts in column order. */
function tableRows(html: string): string[][] {
  const table = html.slice(html.indexOf('id="ranked-table"'), html.indexOf('</table>', html.indexOf('id="ranked-table"')));
  return [...table.matchAll(/<tr data-id="\d+"[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1]));
}

test('a module axis the lines can be coloured by, and — where a parameter is not the module\'s', (t) => {
  const model = buildModel(mixedRun());
  t.deepEqual(model.candidates.map((c) => c.label), [`mlp · ${MISSING_TEXT} · 8`, `mlp · ${MISSING_TEXT} · 16-8`, `cnn · 2@3×3 ↓2 · ${MISSING_TEXT}`]);
  const data = parallelData(model);
  t.deepEqual(data.axes.map((a) => a.title), ['module', 'module.convs', 'module.hiddenUnits', 'parameters', 'mean accuracy', 'std accuracy', 'fit time (s)']);
  const [module, convs, hidden] = data.axes;
  t.deepEqual([convs.missing, hidden.missing], [MISSING_TEXT, MISSING_TEXT]);
  t.deepEqual(data.rows.map((r) => [r.values[convs.key], r.values[hidden.key]]), [[null, '8'], [null, '16-8'], ['2@3×3 ↓2', null]]);
  const byModule = data.colourings.find((c) => c.key === module.key);
  t.deepEqual(byModule, { key: module.key, title: 'module', type: 'categorical', domain: ['mlp', 'cnn'], scale: 'ordinal', note: 'one colour per module' });
  // The page's colour-by control offers it.
  const html = renderReport(mixedRun());
  const select = html.slice(html.indexOf('<select id="colour-by">'), html.indexOf('</select>', html.indexOf('<select id="colour-by">')));
  t.true(select.includes(`<option value="${module.key}">module</option>`));
  // Table: module, convs, hidden units, parameters; best first.
  t.deepEqual(tableRows(html).map((cells) => cells.slice(2, 6)), [
    ['cnn', '2@3×3 ↓2', MISSING_TEXT, '300'],
    ['mlp', MISSING_TEXT, '16-8', '1,218'],
    ['mlp', MISSING_TEXT, '8', '530'],
  ]);
});

test('the report of the saved results.json is the same page (the mask survives as absent)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gridfold-modules-'));
  try {
    await writeResults(dir, mixedRun());
    t.is(renderReport(await readResults(dir)), renderReport(mixedRun()));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
