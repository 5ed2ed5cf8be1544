/**
 * gridfold's published types, as a user's `tsc` reads them from dist/index.d.ts: every
 * package they import must be one that installing gridfold installs (a devDependency or an
 * optional peer would be "Cannot find module" in the user's project), or one of Node's
 * built-ins (`node:…`, typed by @types/node, which piscina's own types need as well).
 * Needs dist/ (npm test builds it).
 */
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../cli/helpers.js';

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** The .d.ts files reachable from `entry` by relative imports, and the bare specifiers each imports. */
function typeGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    // Comments may show imports a user writes (`import type { DataFrame } from 'danfojs-node'`).
    const text = withoutComments(readFileSync(file, 'utf8'));
    const bare: string[] = [];
    for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
      if (specifier.startsWith('.')) queue.push(join(dirname(file), specifier.replace(/\.js$/, '.d.ts')));
      else bare.push(specifier);
    }
    graph.set(file, bare);
  }
  return graph;
}

test('the published types import only gridfold\'s own dependencies and Node\'s built-ins', (t) => {
  const entry = join(ROOT, 'dist', 'index.d.ts');
  t.true(existsSync(entry), 'run npm run build first');
  const dependencies = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies as Record<string, string>);
  const graph = typeGraph(entry);
  t.true(graph.size > 50, `${graph.size} declaration files reached`);
  const foreign = [...graph].flatMap(([file, specifiers]) => specifiers
    .filter((specifier) => !specifier.startsWith('node:') && !dependencies.some((name) => specifier === name || specifier.startsWith(`${name}/`)))
    .map((specifier) => `${file.slice(ROOT.length + 1)} imports ${specifier}`));
  t.deepEqual(foreign, []);
});
