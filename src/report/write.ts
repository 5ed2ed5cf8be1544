/** writeReport: a run's directory with index.html beside results.json and results.csv. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../core/index.js';
import { writeResults } from '../results/json.js';
import { renderReport, type ReportOptions } from './render.js';

export const REPORT_HTML = 'index.html';

export async function writeReport(dir: string, runResult: RunResult, options: ReportOptions = {}): Promise<{ html: string; json: string; csv: string }> {
  await mkdir(dir, { recursive: true });
  const { json, csv } = await writeResults(dir, runResult);
  const html = join(dir, REPORT_HTML);
  await writeFile(html, renderReport(runResult, options));
  return { html, json, csv };
}
