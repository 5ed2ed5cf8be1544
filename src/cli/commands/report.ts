/** `gridfold report <run-dir>` and `gridfold compare <run-dir>... -o <file>`: pages from results.json. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { messages } from '../../core/index.js';
import { readResults } from '../../results/json.js';
import { sayIfBusy } from '../busy.js';
import { renderReport, REPORT_HTML } from '../../report/index.js';
import { expectPositionals, parseCommand } from '../args.js';
import type { Output } from '../output.js';

export async function reportCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('report', argv, {});
  if (values.help) return out.help('report');
  expectPositionals('report', positionals, '<run-dir>', 1);
  await sayIfBusy(positionals[0], out);
  const run = await readResults(positionals[0]);
  const html = join(positionals[0], REPORT_HTML);
  await writeFile(html, renderReport(run));
  out.stdout(messages.cliReportWritten(html));
  return 0;
}

export async function compareCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('compare', argv, { out: { type: 'string', short: 'o' } });
  if (values.help) return out.help('compare');
  expectPositionals('compare', positionals, 'one or more <run-dir>', 1, Number.POSITIVE_INFINITY);
  const runs = [];
  for (const dir of positionals) runs.push(await readResults(dir));
  const file = (values.out as string | undefined) ?? join('reports', 'compare.html');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderReport(runs));
  out.stdout(messages.cliCompareWritten(runs.length, file));
  return 0;
}

