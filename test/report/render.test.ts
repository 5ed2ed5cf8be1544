import test from 'ava';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterError, messages, type RunResult } from '../../src/core/index.js';
import { escapeHtml, jsonForScript, renderReport, writeReport } from '../../src/report/index.js';
import { headerFacts } from '../../src/report/html/header.js';
import { scriptSafe } from '../../src/report/html/escape.js';
import { readResults } from '../../src/results/json.js';
import { tinyRun } from './tiny.js';
import { fixtureRun } from './fixture.js';
import { buildModel } from '../../src/report/model.js';
import { tableCsv } from '../../src/report/html/table.js';

/** The page without the inlined libraries and data: what the renderer itself printed. */
function printedHtml(html: string): string {
  return html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '<script/>');
}

function dataOf(html: string): { specs: Record<string, unknown>; csv: { header: string; rows: string[] }; parallel: { keys: string[] } } {
  return JSON.parse(/<script type="application\/json" id="gridfold-data">([\s\S]*?)<\/script>/.exec(html)![1]);
}

test('escapeHtml and jsonForScript', (t) => {
  t.is(escapeHtml(`<b>"x" & 'y'</b>`), '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;');
  t.is(jsonForScript({ a: '</script><!-- & \u2028', n: Number.NaN }), '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028","n":null}');
  t.deepEqual(JSON.parse(jsonForScript({ a: '</script>' })), { a: '</script>' });
  t.is(scriptSafe('x = "</script>"; // <!--'), 'x = "<\\/script>"; // <\\!--');
});

function hostileRun(): RunResult {
  const run = tinyRun('<i>search</i>');
  const hostile = '</script><b>bold</b>';
  run.cvResults.params = run.cvResults.params.map((p, i) => ({ ...p, act: i === 0 ? hostile : 'relu' }));
  run.cvResults.param_act = [hostile, 'relu', 'relu'];
  run.meta.bestParams = run.cvResults.params[0];
  run.meta.backend = '<img src=x onerror=alert(1)>';
  return run;
}

test('every printed string is escaped: a parameter holding </script> or <b> shows as text', (t) => {
  const html = renderReport(hostileRun());
  // Only the page's own script elements open and close.
  t.is(html.match(/<script/g)!.length, 5);
  t.is(html.match(/<\/script>/g)!.length, 5);
  const printed = printedHtml(html);
  t.false(printed.includes('<b>'));
  t.false(printed.includes('<i>'));
  t.false(printed.includes('<img'));
  t.true(printed.includes('&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;'));
  t.true(printed.includes('<title>gridfold: &lt;i&gt;search&lt;/i&gt;</title>'));
  t.true(printed.includes('loss &lt;b&gt;NaN&lt;/b&gt; at epoch 1'));
  const data = dataOf(html);
  t.true(JSON.stringify(data.specs).includes('</script><b>bold</b>'));
});

test('the page holds every section, the table rows and the CSV lines', (t) => {
  const run = tinyRun();
  const html = renderReport(run);
  for (const id of ['parallel', 'table', 'folds', 'curves', 'cost', 'ttest', 'failed']) t.true(html.includes(`<section id="${id}">`), id);
  for (const chart of ['parallel', 'folds', 'curves', 'cost', 'ttest']) t.true(html.includes(`<div class="chart" id="chart-${chart}"></div>`), chart);
  const printed = printedHtml(html);
  const rankedRows = printed.slice(printed.indexOf('id="ranked-table"'), printed.indexOf('</table>', printed.indexOf('id="ranked-table"')));
  t.deepEqual([...rankedRows.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1])), [0, 2, 1]);
  t.deepEqual([...rankedRows.matchAll(/<th [^>]*>([^<]*)<\/th>/g)].map((m) => m[1]), [
    '#', 'rank', 'lr', 'units', 'accuracy (mean ± std)', 'fold 0', 'fold 1', 'fold 2', 'fit time (mean ± std)', 'score time (mean ± std)',
  ]);
  t.true(rankedRows.includes('<th data-col="4" data-type="number" title="mean_test_accuracy ± std_test_accuracy — click to sort">'));
  // Fixed decimals in a column, times with their unit, the candidate number the header names.
  t.true(rankedRows.includes('<tr data-id="0" class="best"><td class="num" data-v="0">#0</td><td class="num" data-v="1">1</td><td class="num" data-v="0.001">0.001</td><td>64-32</td><td class="num" data-v="0.8500000000000001">0.8500 ±&nbsp;0.0408</td><td class="num" data-v="0.8">0.8000</td>'));
  t.true(rankedRows.includes('<td class="num" data-v="2">2.00s ±&nbsp;0.82s</td>'));
  t.true(rankedRows.includes('<td class="num" data-v="">failed</td>'));
  t.true(printed.includes('<h2>Best: candidate #0 — accuracy 0.8500 ± 0.0408</h2>'));
  t.true(printed.includes('<div><dt>fits</dt><dd>9 (1 failed), 1 in parallel</dd></div>'));
  t.true(printed.includes('<td class="mark" title="not distinguishable from the best (p ≥ 0.05)">≈</td>'));
  t.true(printed.includes('With k = 3 folds it has k − 1 = 2 degrees of freedom, so a difference counts only when |t| &gt; 4.30'));
  t.true(printed.includes('1 of 9 fits failed'));
  const data = dataOf(html);
  t.is(data.csv.header.split(',')[0], 'mean_fit_time');
  t.is(data.csv.rows.length, 3);
  t.deepEqual(data.parallel.keys, ['a0', 'a1', 'a2', 'a3', 'a4']);
  t.false(printed.includes('id="live-banner"'));
  t.is(renderReport(run), html, 'pure: the same input gives the same page');
  t.false(/(src|href)="https?:/.test(printed), 'no external resource');
});

test('header facts name the labels where they are not 0..k-1', (t) => {
  const run = tinyRun();
  const labelled = { ...run, meta: { ...run.meta, data: { ...run.meta.data, classes: ['cat', 'dog'] } } };
  t.is(headerFacts(labelled, 'accuracy')[0][1], 'tiny: 30 samples × 4 features, 2 classes (cat, dog) (classification)');
  const ids = { ...run, meta: { ...run.meta, data: { ...run.meta.data, classes: [0, 1] } } };
  t.is(headerFacts(ids, 'accuracy')[0][1], 'tiny: 30 samples × 4 features, 2 classes (classification)');
  const images = { ...ids, meta: { ...ids.meta, data: { ...ids.meta.data, sampleShape: [2, 2, 1] } } };
  t.is(headerFacts(images, 'accuracy')[0][1], 'tiny: 30 samples × 2×2×1 images (4 features), 2 classes (classification)');
});

test('header facts', (t) => {
  t.deepEqual(headerFacts(tinyRun(), 'accuracy'), [
    ['data', 'tiny: 30 samples × 4 features, 2 classes (classification)'],
    ['estimator', 'NeuralNetClassifier'],
    ['search', 'grid, 3 candidates'],
    ['backend', 'cpu'],
    ['cv', 'KFold(nSplits=3)'],
    ['scoring', 'accuracy (ranks the candidates)'],
    ['fits', '9 (1 failed), 1 in parallel'],
    ['wall time', '1m 16s'],
    ['date', '2026-11-25 05:37:00 UTC'],
    ['seed', '0'],
    ['gridfold', '0.1.0'],
  ]);
});

test('compare: several runs on one page with the search as an axis and a column', (t) => {
  const html = renderReport([tinyRun('mlp'), tinyRun('cnn')]);
  const data = dataOf(html);
  t.is(data.csv.header.split(',')[0], 'search');
  t.is(data.csv.rows.length, 6);
  t.true(data.csv.rows[3].startsWith('cnn,'));
  t.true(JSON.stringify(data.specs.parallel).includes('"title":"search"'));
  const printed = printedHtml(html);
  t.true(printed.includes('<h1>Comparison of mlp, cnn</h1>'));
  t.true(printed.includes('<th data-col="2" data-type="number" title="rank on this page — click to sort">rank</th>'));
});

test('renderReport refuses what is not a run', (t) => {
  t.throws(() => renderReport([]), { instanceOf: InvalidParameterError, message: messages.reportNeedsRuns([]) });
  const other = tinyRun('f1run');
  other.cvResults = { params: other.cvResults.params, mean_test_f1: [0.1, 0.2, 0.3] } as never;
  t.throws(() => renderReport([tinyRun(), other]), { message: messages.reportMetricMissing('f1run', 'accuracy') });
});

test('writeReport writes index.html beside results.json and results.csv', async (t) => {
  const dir = join(await mkdtemp(join(tmpdir(), 'gridfold-report-')), 'run');
  const paths = await writeReport(dir, tinyRun());
  t.deepEqual(paths, { html: join(dir, 'index.html'), json: join(dir, 'results.json'), csv: join(dir, 'results.csv') });
  t.is(await readFile(paths.html, 'utf8'), renderReport(tinyRun()));
  t.deepEqual(await readResults(dir), tinyRun());
  // Regenerating from results.json gives the same page.
  t.is(renderReport(await readResults(dir)), renderReport(tinyRun()));
});

test('a library report takes a title and a data name', async (t) => {
  const printed = printedHtml(renderReport(tinyRun(), { title: 'Widths on MNIST', dataName: 'MNIST, 10k sample' }));
  t.true(printed.includes('<title>Widths on MNIST</title>'));
  t.true(printed.includes('<h1>Widths on MNIST</h1>'));
  t.true(printed.includes('<div><dt>data</dt><dd>MNIST, 10k sample: 30 samples × 4 features, 2 classes (classification)</dd></div>'));
  const dir = join(await mkdtemp(join(tmpdir(), 'gridfold-report-')), 'run');
  const { html } = await writeReport(dir, tinyRun(), { title: 'Widths on MNIST' });
  t.true((await readFile(html, 'utf8')).includes('<h1>Widths on MNIST</h1>'));
});

test('runs on different data: the comparison page says so', (t) => {
  const [a, b] = [tinyRun('a'), tinyRun('b')];
  a.meta.data.fingerprint = 'aaaaaaaaaaaaaaaa';
  b.meta.data.fingerprint = 'bbbbbbbbbbbbbbbb';
  t.true(printedHtml(renderReport([a, b])).includes('<p class="note">These runs were made on different data (a: data aaaaaaaaaaaa; b: data bbbbbbbbbbbb)'));
  b.meta.data.fingerprint = a.meta.data.fingerprint;
  t.false(printedHtml(renderReport([a, b])).includes('made on different data'));
});

test('the learning curves\' picker names each candidate by its # in cv_results, as the table and the header do', (t) => {
  const run = tinyRun();
  const byRank = (run.cvResults.rank_test_accuracy as number[]).map((rank, index) => ({ rank, index })).sort((a, b) => a.rank - b.rank || a.index - b.index);
  const picker = [...renderReport(run).matchAll(/class="curve-pick" value="\d+"[^>]*><span class="swatch"[^>]*><\/span>(#\d+) /g)].map((m) => m[1]);
  t.deepEqual(picker, byRank.map(({ index }) => `#${index}`));
  t.notDeepEqual(picker, byRank.map(({ rank }) => `#${rank}`), 'the fixture tells ranks from indices apart');
});

test('compare: runs with different fold counts share one page and one CSV (the missing folds empty)', (t) => {
  const runs = [fixtureRun({ nSplits: 2, name: 'two' }), fixtureRun({ nSplits: 3, name: 'three' })];
  const csv = tableCsv(buildModel(runs));
  // The 2-fold run's columns come first; the third fold's is added after them.
  t.true(csv.header.endsWith(',rank_test_accuracy,split2_test_accuracy'), csv.header);
  t.true(csv.rows[0].startsWith('two,') && csv.rows[0].endsWith(','), 'a 2-fold run has no third fold');
  t.true(csv.rows.at(-1)!.startsWith('three,') && /,\d\.\d+$/.test(csv.rows.at(-1)!));
  t.notThrows(() => renderReport(runs));
});
