/**
 * The report in a real browser: Debian's headless Chromium, driven by playwright-core, opens
 * generated pages from disk — one browser for the whole file. At 1400 px the parallel
 * coordinates fill the window; at 1000 px nothing scrolls sideways and no chart overflows
 * its box; hovering a line shows its tooltip; a log-distributed parameter gets a log axis;
 * a brush filters the table; an axis moves by dragging its title; a page written mid-run
 * carries the banner and reloads itself. No console error, no request off disk. Screenshots
 * are kept in test/output/ for a person to look at.
 */
import test from 'ava';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildModel } from '../../src/report/model.js';
import { parallelData } from '../../src/report/plots/parallel-data.js';
import { PADDING } from '../../src/report/plots/parallel-spec.js';
import { writeReport } from '../../src/report/write.js';
import { CHROMIUM, CHROMIUM_ARGS as ARGS, haveChromium } from './chromium.js';
import { fixtureRun } from './fixture.js';

const OUTPUT = resolve('test/output');
const browserTest = haveChromium || process.env.CI ? test.serial : test.skip;
if (!haveChromium) {
  console.warn(
    process.env.CI
      ? `browser test: ${CHROMIUM} is missing under CI; the test fails (install Debian's chromium).`
      : `browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`,
  );
}

let context: BrowserContext | undefined;
let work = '';

test.before(async () => {
  if (!haveChromium) return;
  work = await mkdtemp(join(tmpdir(), 'gridfold-browser-'));
  context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 1000 } });
});

test.after.always(async () => {
  await context?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A page with its console errors and every request it made. */
async function open(html: string, width = 1400): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context!.newPage();
  await page.setViewportSize({ width, height: 1000 });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(html).href);
  await ready(page);
  return { page, errors, requests };
}

function ready(page: Page) {
  return page.waitForFunction(() => (window as unknown as { gridfold?: { isReady?: boolean } }).gridfold?.isReady === true, null, { timeout: 30_000 });
}

function signal(page: Page, view: string, name: string): Promise<unknown> {
  return page.evaluate(([v, n]) => (window as unknown as { gridfold: { views: Record<string, { signal(s: string): unknown }> } }).gridfold.views[v].signal(n), [view, name]);
}

const GRID = { 'module.hiddenUnits': [[32, 16], [64, 32], [128, 64], [256, 128]], lr: [0.001, 0.002, 0.003], 'module.init': ['default', 'normal'] };

browserTest('the report fills the window, shows a tooltip, brushes the table, moves axes and never scrolls sideways', async (t) => {
  // A hostile search name: the page must show it as text, never as markup.
  const run = fixtureRun({ grid: GRID, name: 'mnist-widths <b>bold</b></script>' });
  // lr spans only 3×, but the search drew it log-uniformly: a log axis.
  run.meta.distributions = { lr: 'loguniform(0.001, 0.003)' };
  const data = parallelData(buildModel(run));
  const lrAxis = data.axes.find((axis) => axis.title === 'lr')!;
  const scoreAxis = data.axes.find((axis) => axis.role === 'score')!;
  t.is(lrAxis.kind, 'log');
  const { html } = await writeReport(join(work, 'report'), run);
  const { page, errors, requests } = await open(html);

  t.is(await page.locator('#chart-parallel g.candidate-line path').count(), 24);
  t.is(await page.locator('h1').textContent(), 'mnist-widths <b>bold</b></script>');
  t.is(await page.locator('b').count(), 0);
  t.is(await page.locator('#ranked-table tbody tr').count(), 24);
  t.is(await page.locator('#table-count').textContent(), '24 of 24 candidates shown');

  // At 1400 px the parallel coordinates take the width of the page.
  const chartWidth = (await page.locator('#chart-parallel svg').boundingBox())!.width;
  t.true(chartWidth >= 1250, `parallel coordinates ${chartWidth} px wide`);
  // The log axis: its scale switch says so, and its ticks are the grid's values.
  t.deepEqual((await signal(page, 'parallel', 'axisScale') as Record<string, string>)[lrAxis.key], 'log');
  t.true((await page.locator('#chart-parallel .axis-scale text').allTextContents()).includes('log ⇄'));
  t.true((await page.locator('#chart-parallel .axis-label text').allTextContents()).includes('0.002'));

  // Hover the middle of the best candidate's line between the first two axes: its tooltip.
  const best = data.rows.find((row) => row.rank === 1)!;
  // (A string, not a function: the test runner's compiler would wrap named helpers in code the page lacks.)
  const where = (await page.evaluate(`(() => {
    const view = window.gridfold.views.parallel;
    const at = (axis) => view.data('points').find((p) => p.id === ${best.id} && p.axis === axis);
    const [a, b] = ['${data.axes[0].key}', '${data.axes[1].key}'];
    return [(view.scale('ord')(a) + view.scale('ord')(b)) / 2, (view.scale('y')(at(a).y) + view.scale('y')(at(b).y)) / 2];
  })()`)) as [number, number];
  const svg = (await page.locator('#chart-parallel svg').boundingBox())!;
  await page.mouse.move(svg.x + PADDING.left + where[0] - 4, svg.y + PADDING.top + where[1], { steps: 2 });
  await page.mouse.move(svg.x + PADDING.left + where[0], svg.y + PADDING.top + where[1], { steps: 2 });
  await page.waitForFunction(() => !(document.getElementById('parallel-tooltip') as HTMLElement).hidden);
  const tooltip = await page.locator('#parallel-tooltip').innerText();
  t.true(tooltip.includes(`candidate\t#${buildModel(run).candidates[best.id].index}`), tooltip);
  t.true(tooltip.includes(best.tooltip['accuracy (mean ± std)']), tooltip);
  t.is(await page.locator('#ranked-table tr.hovered').getAttribute('data-id'), String(best.id));
  await page.mouse.move(2, 2);

  // Drag on the score axis from near its top to its middle: the table keeps the brushed rows.
  const hit = (await page.locator(`#chart-parallel .hit_${scoreAxis.key} path`).boundingBox())!;
  const x = hit.x + hit.width / 2;
  await page.mouse.move(x, hit.y + 2);
  await page.mouse.down();
  await page.mouse.move(x, hit.y + hit.height * 0.55, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('#ranked-table')!.getAttribute('data-visible-rows') !== '24');
  const range = (await signal(page, 'parallel', `range_${scoreAxis.key}`)) as [number, number];
  t.true(range[0] > 0.4 && range[0] < 0.5 && range[1] === 1, `brushed positions ${range}`);
  const expected = data.rows
    .filter((row) => { const p = row.positions[scoreAxis.key][scoreAxis.kind]!; return p >= range[0] && p <= range[1]; })
    .map((row) => String(row.id))
    .sort();
  const visible = (await page.locator('#ranked-table tbody tr:not([hidden])').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')!))).sort();
  t.true(expected.length > 0 && expected.length < 24);
  t.deepEqual(visible, expected);
  t.is(await page.locator('#table-count').textContent(), `${expected.length} of 24 candidates shown`);
  // Sorting by a header keeps the filter.
  await page.locator('#ranked-table th', { hasText: 'fit time' }).click();
  t.is(await page.locator('#ranked-table tbody tr:not([hidden])').count(), expected.length);
  await mkdir(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, 'report-1400.png'), fullPage: true });
  await page.locator('#clear-brushes').click();
  await page.waitForFunction(() => document.querySelector('#ranked-table')!.getAttribute('data-visible-rows') === '24');

  // Drag the first axis' title past the second: the axes swap.
  const title = (await page.locator('#chart-parallel .axis-title text').first().boundingBox())!;
  const order = (await signal(page, 'parallel', 'axisOrder')) as string[];
  const spacing = ((await signal(page, 'parallel', 'width')) as number) / (order.length - 1);
  await page.mouse.move(title.x + title.width / 2, title.y + title.height / 2);
  await page.mouse.down();
  await page.mouse.move(title.x + title.width / 2 + spacing * 1.5, title.y + title.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => (window as unknown as { gridfold: { views: Record<string, { signal(s: string): string[] }> } }).gridfold.views.parallel.signal('axisOrder')[0] !== 'a0');
  t.deepEqual(await signal(page, 'parallel', 'axisOrder'), [order[1], order[0], ...order.slice(2)]);

  // Narrow the window: the charts follow, nothing scrolls sideways, no chart overflows its box.
  await page.setViewportSize({ width: 1000, height: 1000 });
  await page.waitForFunction(() => Number(document.getElementById('chart-curves')!.getAttribute('data-fitted-width')) < 1000);
  await page.waitForTimeout(300);
  const layout = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    overflows: [...document.querySelectorAll('.chart')].filter((box) => {
      const inner = box.querySelector('svg');
      return inner !== null && inner.getBoundingClientRect().right > box.getBoundingClientRect().right + 1;
    }).map((box) => box.id),
    parallel: document.querySelector('#chart-parallel svg')!.getBoundingClientRect().width,
    table: ((wrap) => wrap.scrollWidth - wrap.clientWidth)(document.getElementById('ranked-table')!.parentElement!),
  }));
  t.is(layout.scroll, 0, 'no horizontal document scroll at 1000 px');
  t.deepEqual(layout.overflows, []);
  t.is(layout.table, 0, 'the ranked table fits its box: no sideways scrolling inside it either');
  t.true(layout.parallel < 1000 && layout.parallel > 850, `parallel coordinates ${layout.parallel} px wide at 1000 px`);
  await page.screenshot({ path: join(OUTPUT, 'report-1000.png'), fullPage: true });

  t.deepEqual(errors, []);
  t.deepEqual(requests.filter((url) => !/^(file|data|blob):/.test(url)), []);
  t.deepEqual(requests.filter((url) => url.startsWith('file:')), [pathToFileURL(html).href]);
  await page.close();
});

browserTest('a page written mid-run carries the banner and reloads itself; the finished page does not', async (t) => {
  const run = fixtureRun({ name: 'mid-run' });
  const dir = join(work, 'live');
  const { html } = await writeReport(dir, run, { live: { done: 13, total: 24, etaSeconds: 18, reloadSeconds: 2 } });
  const page = await context!.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  let loads = 0;
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('load', () => loads++);
  await page.goto(pathToFileURL(html).href);
  // (Locators wait and retry, so a reload between two steps does not matter.)
  t.regex(await page.locator('#live-banner').innerText(), /^running: 13\/24 fits, ETA 00:18/);
  // It reloads itself from disk.
  await poll(() => loads >= 2);
  t.true(loads >= 2);
  // The run ends: the page written last has no banner and stops reloading.
  await writeReport(dir, run);
  // The finished document has fired its load event in the page (readyState complete); that
  // event reaches this process before the evaluate's answer, so `loads` has counted it.
  await poll(() => page.evaluate(() => document.readyState === 'complete' && document.querySelectorAll('h1').length === 1 && !document.querySelector('#live-banner')));
  await ready(page);
  await page.evaluate(() => document.readyState);
  const settled = loads;
  await page.waitForTimeout(2_500);
  t.is(loads, settled);
  t.is(await page.locator('#live-banner').count(), 0);
  t.deepEqual(errors, []);
  t.deepEqual(requests.filter((url) => !/^(file|data|blob):/.test(url)), []);
  await page.close();
});

/** Waits until `done` holds (checked every 100 ms, for at most 15 s; a navigation in between is retried). */
async function poll(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if (await done()) return;
    } catch (error) {
      // The page was reloading under the check: try again; anything else is a failure.
      if (!/context was destroyed|navigat/i.test((error as Error).message)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting for the page');
}
