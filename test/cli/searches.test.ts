/**
 * Every search file in searches/ runs through the CLI with a tiny budget, so none rots:
 * a renamed parameter, a dataset option or a module that stopped working fails here.
 * Serial, 2 jobs each: these are the slowest tests of the suite.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResults } from '../../src/results/json.js';
import { gridfold, tempDir } from './helpers.js';

const EXPECTED: Record<string, { kind: string; candidates: number }> = {
  'mnist-widths.ts': { kind: 'grid', candidates: 8 },
  'mnist-init.ts': { kind: 'grid', candidates: 4 },
  'mnist-depth-activation.ts': { kind: 'grid', candidates: 12 },
  'mnist-lr-width.ts': { kind: 'random', candidates: 6 },
  'mnist-mlp-vs-cnn.ts': { kind: 'grid', candidates: 4 },
  'mnist-cnn-init.ts': { kind: 'grid', candidates: 2 },
  'moons-quick.ts': { kind: 'grid', candidates: 4 },
};

test('every file in searches/ is covered here', (t) => {
  t.deepEqual(readdirSync('searches').filter((f) => f.endsWith('.ts')).sort(), Object.keys(EXPECTED).sort());
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test.serial(`${file} runs with --epochs 1 --limit 300`, async (t) => {
    const out = tempDir(file.replace('.ts', ''));
    const result = await gridfold(['run', join('searches', file), '--epochs', '1', '--limit', '300', '--n-jobs', '2', '--out', out, '--quiet']);
    t.is(result.code, 0, result.stderr);
    const run = parseResults(readFileSync(join(out, 'results.json'), 'utf8'));
    t.is(run.meta.searchKind, expected.kind);
    t.is(run.meta.nCandidates, expected.candidates);
    t.is(run.meta.data.nSamples, 300);
    t.is(run.meta.nFailedFits, 0, JSON.stringify(run.fits.find((f) => f.error)?.error));
    t.true(run.fits.every((fit) => fit.history.length === 1));
  });
}
