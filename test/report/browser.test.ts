/**
 * The report in a real browser: Debian's headless Chromium driven by playwright-core opens
 * a generated page from disk. No console error, no network request, one line per
 * candidate in the parallel coordinates, and a mouse brush on the score axis hides table
 * rows. A screenshot is kept in test/output/report.png for a person to look at.
 */
import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildModel } from '../../src/report/model.js';
import { parallelData } from '../../src/report/plots/parallel-data.js';
import { writeReport } from '../../src/report/write.js';
import { fixtureRun } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const OUTPUT = resolve('test/output');

const haveChromium = existsSync(CHROMIUM);
const browserTest = haveChromium || process.env.CI ? test : test.skip;
if (!haveChromium) {
  console.warn(
    process.env.CI
      ? `browser test: ${CHROMIUM} is missing under CI; the test fails (install Debian's chromium).`
      : `browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`,
  );
}

browserTest('the report opens offline, draws a line per candidate and brushing filters the table', async (t) => {
  t.true(haveChromium, `${CHROMIUM} is missing: install Debian's chromium`);
  const grid = { 'module.hiddenUnits': [[32, 16], [64, 32], [128, 64], [256, 128]], lr: [0.001, 0.01, 0.1] };
  // A hostile search name: the page must show it as text, never as markup.
  const run = fixtureRun({ grid, name: 'mnist-widths <b>bold</b></script>' });
  const data = parallelData(buildModel(run));
  const scoreAxis = data.axes.find((axis) => axis.title === 'mean_test_accuracy')!;
  const work = await mkdtemp(join(tmpdir(), 'gridfold-browser-'));
  const { html } = await writeReport(join(work, 'report'), run);

  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 1000 },
  });
  t.teardown(async () => {
    await context.close();
    await rm(work, { recursive: true, force: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));

  await page.goto(pathToFileURL(html).href);
  await page.waitForFunction(() => (window as unknown as { gridfold?: { isReady?: boolean } }).gridfold?.isReady === true, null, { timeout: 30_000 });

  t.is(await page.locator('#chart-parallel g.candidate-line path').count(), 12);
  t.is(await page.locator('h1').textContent(), 'mnist-widths <b>bold</b></script>');
  t.is(await page.locator('b').count(), 0);
  t.is(await page.locator('#ranked-table tbody tr').count(), 12);
  t.is(await page.locator('#table-count').textContent(), '12 of 12 candidates shown');

  // Drag on the score axis from near its top to its middle.
  const box = (await page.locator(`#chart-parallel .hit_${scoreAxis.key} path`).boundingBox())!;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height * 0.55, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('#ranked-table')!.getAttribute('data-visible-rows') !== '12');

  const range = (await page.evaluate(
    (key) => (window as unknown as { gridfold: { views: Record<string, { signal(name: string): unknown }> } }).gridfold.views.parallel.signal(`range_${key}`),
    scoreAxis.key,
  )) as [number, number];
  t.true(range[0] > 0.4 && range[0] < 0.5 && range[1] === 1, `brushed positions ${range}`);
  const expected = data.rows
    .filter((row) => { const p = row.positions[scoreAxis.key]; return p !== null && p >= range[0] && p <= range[1]; })
    .map((row) => String(row.id))
    .sort();
  const visible = (await page.locator('#ranked-table tbody tr:not([hidden])').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')!))).sort();
  t.true(expected.length > 0 && expected.length < 12);
  t.deepEqual(visible, expected);
  t.is(await page.locator('#table-count').textContent(), `${expected.length} of 12 candidates shown`);

  // Sorting by a header keeps the filter; clearing the brushes shows every row again.
  await page.locator('#ranked-table th', { hasText: 'mean_fit_time' }).click();
  t.is(await page.locator('#ranked-table tbody tr:not([hidden])').count(), expected.length);
  await mkdir(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, 'report.png'), fullPage: true });
  await page.locator('#clear-brushes').click();
  await page.waitForFunction(() => document.querySelector('#ranked-table')!.getAttribute('data-visible-rows') === '12');

  t.deepEqual(errors, []);
  t.deepEqual(requests.filter((url) => !/^(file|data|blob):/.test(url)), []);
  t.deepEqual(requests.filter((url) => url.startsWith('file:')), [pathToFileURL(html).href]);
});
