/**
 * Screenshots of a run's report for the README, taken by the browser the tests use:
 * `npx tsx test/report/screenshot.ts reports/mnist-widths` writes reports/mnist-widths.png
 * (1400 px wide) and reports/mnist-widths-1000.png (1000 px), each from the top of the page
 * to the end of the ranked table (header, parallel coordinates, table), so they stay small.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from './chromium.js';

const dir = process.argv[2];
if (!dir || !haveChromium) {
  console.error(!dir ? 'usage: npx tsx test/report/screenshot.ts <run-dir>' : `${CHROMIUM} is missing (apt-get install -y chromium)`);
  process.exit(2);
}
const profile = await mkdtemp(join(tmpdir(), 'gridfold-shot-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  for (const [width, suffix] of [[1400, ''], [1000, '-1000']] as const) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 1000 });
    await page.goto(pathToFileURL(resolve(dir, 'index.html')).href);
    await page.waitForFunction(() => (window as unknown as { gridfold?: { isReady?: boolean } }).gridfold?.isReady === true, null, { timeout: 60_000 });
    const end = await page.evaluate(() => document.getElementById('table')!.getBoundingClientRect().bottom + window.scrollY);
    const file = join(dirname(resolve(dir)), `${basename(resolve(dir))}${suffix}.png`);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.ceil(end) + 16 } });
    console.log(file);
    await page.close();
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
