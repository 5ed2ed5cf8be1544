/**
 * `gridfold report <run-dir>` and `gridfold compare <run-dir> <run-dir>... [-o <file>]`:
 * pages from results.json, written atomically. compare names runs of the same search by
 * folder and start time, warns when the runs' data differ, and keeps an existing page
 * unless --force.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError, messages } from '../../core/index.js';
import { dataGroups, runLabelsOf, writeReportPage, REPORT_HTML } from '../../report/index.js';
import { ensureDirectory } from '../../core/index.js';
import { expectPositionals, parseCommand } from '../args.js';
import { readRunFolder } from '../busy.js';
import type { Output } from '../output.js';

export async function reportCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('report', argv, {});
  if (values.help) return out.help('report');
  expectPositionals('report', positionals, '<run-dir>', 1);
  const run = await readRunFolder('report', positionals[0], out);
  const html = await writeReportPage(positionals[0], run, {}, join(positionals[0], REPORT_HTML));
  out.stdout(messages.cliReportWritten(html));
  return 0;
}

export async function compareCommand(argv: readonly string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommand('compare', argv, { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } });
  if (values.help) return out.help('compare');
  if (positionals.length < 2) throw new UsageError(messages.cliCompareNeedsTwo(positionals.length));
  if (values.out === '') throw new UsageError(messages.outFlagEmpty('compare'));
  const file = (values.out as string | undefined) ?? join('reports', 'compare.html');
  if (existsSync(file) && values.force !== true) throw new UsageError(messages.cliCompareOutputExists(file));
  const runs = [];
  for (const dir of positionals) runs.push(await readRunFolder('compare', dir, out));
  const groups = dataGroups(runs, runLabelsOf(runs, positionals));
  if (groups.length > 1) out.stderr(messages.cliNotice(messages.cliCompareDataDiffers(groups)));
  await ensureDirectory(dirname(file));
  await writeReportPage(dirname(file), runs, { sources: positionals }, file);
  out.stdout(messages.cliCompareWritten(runs.length, file));
  return 0;
}
