/**
 * writeReport: a run's directory with index.html beside results.json and results.csv.
 * The page is written to a temporary file and renamed over the old one, so a browser
 * reloading it mid-run never reads half a page.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../core/index.js';
import { ensureDirectory } from '../core/index.js';
import { writeResults } from '../results/json.js';
import { renderReport, type ReportOptions } from './render.js';

export const REPORT_HTML = 'index.html';

export async function writeReport(dir: string, runResult: RunResult, options: ReportOptions = {}): Promise<{ html: string; json: string; csv: string }> {
  await ensureDirectory(dir);
  const { json, csv } = await writeResults(dir, runResult);
  const html = await writeReportPage(dir, runResult, options);
  return { html, json, csv };
}

/** Only the page (results.json stays as it is): what a running search rewrites as fits finish. */
export async function writeReportPage(dir: string, runResult: RunResult | readonly RunResult[], options: ReportOptions = {}, file = join(dir, REPORT_HTML)): Promise<string> {
  await ensureDirectory(dir);
  await writeFileAtomic(file, renderReport(runResult, options));
  return file;
}

/** Write beside, then rename: readers see the old file or the new one, never a part. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
