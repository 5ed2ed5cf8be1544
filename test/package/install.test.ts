/**
 * gridfold as a stranger gets it: the packed tarball installed into an empty
 * `"type": "module"` project (npm's cache reused, nothing else), then used from TypeScript
 * and from `npx gridfold run` with the user's own CSV (string labels) and own module file.
 * Needs dist/ (npm test builds it first); packs with --ignore-scripts so that no rebuild
 * runs under the other test files.
 */
import test from 'ava';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/core/index.js';
import { ROOT } from '../cli/helpers.js';
import { flowersCsv, FLOWER_CLASSES, PROJECT_FILES, readmeExample, runnableExample } from './user-project.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const QUIET_NPM = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn'];

/** Seconds each step took, printed with `npx ava --verbose` (where the time goes; not asserted). */
const timings: string[] = [];

/**
 * The environment of a user's shell: under `npm test`, npm hands its children npm_config_*
 * variables (npm_config_local_prefix is this repository), which would make the project's
 * `npm install` install into the repository. Only npm's cache is kept, for --prefer-offline.
 */
const USER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle|command|execpath|node_execpath)/i.test(key) || key === 'npm_config_cache'),
);

function run(command: string, args: string[], options: SpawnSyncOptions) {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: USER_ENV, ...options });
  timings.push(`${[command.replace(/.*\//, ''), ...args.slice(0, 3)].join(' ')}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Every package.json under node_modules whose name is `name`. */
function copiesOf(modules: string, name: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name.startsWith('@')) visit(path);
      else {
        const manifest = join(path, 'package.json');
        if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) found.push(path);
        if (existsSync(join(path, 'node_modules'))) visit(join(path, 'node_modules'));
      }
    }
  };
  visit(modules);
  return found;
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else total += lstatSync(path).size;
  }
  return total;
}

test('the packed package installs into an empty project, type-checks and runs the README example, and runs a user search file', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'gridfold-user-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));

  const pack = run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
  t.is(pack.code, 0, pack.stderr);
  const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const paths = packed.files.map((file) => file.path);
  t.true(paths.includes('dist/index.d.ts') && paths.includes('src/cli/gridfold.js') && paths.includes('dist/vendor/vega.min.js'));
  t.deepEqual(paths.filter((path) => !path.startsWith('dist/') && path !== 'src/cli/gridfold.js').sort(), ['README.md', 'package.json']);
  t.deepEqual(paths.filter((path) => path.endsWith('.map') || /(^|\/)(test|bench|searches)(\/|$)/.test(path)), []);

  const project = join(work, 'project');
  mkdirSync(join(project, 'exp'), { recursive: true });
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'gridfold-user', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  const types = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies['@types/node'] as string;
  const install = run(NPM, ['install', ...QUIET_NPM, join(work, packed.filename), `@types/node@${types}`], { cwd: project });
  t.is(install.code, 0, install.stderr);
  const warnings = install.stderr.split('\n').filter((line) => /EBADENGINE|deprecated/i.test(line));
  t.deepEqual(warnings, []);
  const modules = join(project, 'node_modules');
  t.is(copiesOf(modules, '@tensorflow/tfjs-core').length, 1);
  t.deepEqual(copiesOf(modules, '@tensorflow/tfjs'), []);
  t.deepEqual(copiesOf(modules, 'danfojs-node'), []);
  const megabytes = bytesUnder(modules) / 1e6;
  t.true(megabytes < 250, `node_modules holds ${megabytes.toFixed(0)} MB`);

  for (const [file, text] of Object.entries(PROJECT_FILES)) writeFileSync(join(project, file), text);
  writeFileSync(join(project, 'example.ts'), readmeExample(readFileSync(join(ROOT, 'README.md'), 'utf8')));
  writeFileSync(join(project, 'run-example.ts'), runnableExample(readFileSync(join(project, 'example.ts'), 'utf8')));
  writeFileSync(join(project, 'exp', 'flowers.csv'), flowersCsv());

  const tsc = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project });
  t.is(tsc.code, 0, tsc.stdout + tsc.stderr);

  const example = run(process.execPath, ['--import', 'tsx', 'run-example.ts'], { cwd: project });
  t.is(example.code, 0, example.stderr);
  const ran = JSON.parse(example.stdout.trim().split('\n').at(-1)!) as { predictions: number; frame: string; report: boolean };
  t.is(ran.predictions, 300);
  t.is(ran.frame, messages.frameLibraryMissing());
  t.true(ran.report);

  const labels = run(process.execPath, ['--import', 'tsx', 'labels.ts'], { cwd: project });
  t.is(labels.code, 0, labels.stderr);
  const predicted = JSON.parse(labels.stdout.trim().split('\n').at(-1)!) as { classes: string[]; predictions: string[] };
  t.deepEqual(predicted.classes, FLOWER_CLASSES);
  t.true(predicted.predictions.length === 90 && predicted.predictions.every((label) => FLOWER_CLASSES.includes(label)));

  // From the project's root, so the search file's relative CSV path must resolve against its own folder.
  const cli = run(NPM, ['exec', '--offline', '--', 'gridfold', 'run', 'exp/search.ts', '--quiet'], { cwd: project });
  t.is(cli.code, 0, cli.stdout + cli.stderr);
  const results = JSON.parse(readFileSync(join(project, 'reports', 'user-flowers', 'results.json'), 'utf8'));
  t.deepEqual(results.meta.data.classes, FLOWER_CLASSES);
  t.is(results.meta.nJobs, 2);
  t.is(results.meta.nFailedFits, 0);
  t.true(readFileSync(join(project, 'reports', 'user-flowers', 'index.html'), 'utf8').includes('3 classes (setosa, versicolor, virginica)'));
  const best = run(process.execPath, ['--import', 'tsx', 'best.ts'], { cwd: project });
  t.is(best.code, 0, best.stderr);
  const saved = JSON.parse(best.stdout.trim().split('\n').at(-1)!) as { classes: string[]; predictions: string[] };
  t.deepEqual(saved.classes, FLOWER_CLASSES);
  t.true(saved.predictions.length === 90 && saved.predictions.every((label) => FLOWER_CLASSES.includes(label)));
  t.log(timings.join('; '));
});
