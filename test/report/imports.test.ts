/**
 * The report draws without TensorFlow.js: following its imports from src/report/index.ts
 * reaches only vega, vega-lite, node built-ins and our own plain modules (never danfojs,
 * whose import loads tfjs, nor src/results/index.ts, which re-exports the frame).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)) {
      const target = match[1];
      if (target.startsWith('.')) visit(resolve(dirname(file), target.replace(/\.js$/, '.ts')));
      else packages.add(target);
    }
  };
  visit(resolve(entry));
  return { files, packages };
}

test('src/report imports vega but never danfojs or tfjs', (t) => {
  const { files, packages } = importGraph('src/report/index.ts');
  t.deepEqual([...packages].filter((name) => !name.startsWith('node:')).sort(), ['vega', 'vega-lite']);
  const ours = [...files].map((file) => relative(process.cwd(), file));
  t.false(ours.includes('src/results/index.ts'));
  t.false(ours.includes('src/results/frame.ts'));
  t.true(ours.includes('src/results/csv.ts'));
  t.true(ours.every((file) => file.startsWith('src/report/') || file.startsWith('src/results/') || file.startsWith('src/core/')), ours.join(', '));
});

test('in src/results only frame.ts loads danfojs', (t) => {
  const { files } = importGraph('src/results/frame.ts');
  // An optional peer, loaded on first use: a dynamic import, not a static one.
  t.regex(readFileSync('src/results/frame.ts', 'utf8'), /import\(\s*['"]danfojs-node['"]\s*\)|'danfojs-node'/);
  for (const file of ['csv.ts', 'json.ts', 'ranked-table.ts', 'format.ts', 'columns.ts']) {
    t.false(importGraph(`src/results/${file}`).packages.has('danfojs-node'), file);
  }
  t.true(files.size > 1);
});
