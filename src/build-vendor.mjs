#!/usr/bin/env node
/**
 * Writes dist/vendor/, the generated files gridfold loads at run time (part of `npm run build`):
 *
 * - tfjs-core-registrations.cjs: tfjs-core's gradients and chained tensor methods, bundled
 *   from tfjs-core's own ES modules into one CommonJS file, as the @tensorflow/tfjs
 *   umbrella's Node bundle does. gridfold depends on tfjs-core, tfjs-layers and the cpu and
 *   wasm backends only: the umbrella would bring WebGL, the converter and tfjs-data
 *   (141 MB for the umbrella itself) just for these registrations. The bundle's copies of
 *   tfjs-core internals reach the engine and the registries through tfjs-core's globals, so
 *   they register into the one tfjs-core that src/backend/tf.ts requires.
 * - vega.min.js, vega-lite.min.js, vega-embed.min.js: the UMD builds the report inlines,
 *   copied from the pinned devDependencies, so a user's install carries no vega packages
 *   (vega-lite 6.5 declares node >= 22) and every report inlines exactly these builds.
 *
 * Both src/ (under tsx) and dist/ find them at <package>/dist/vendor/.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'vendor');
mkdirSync(out, { recursive: true });

await build({
  stdin: {
    contents: [
      "import '@tensorflow/tfjs-core/dist/register_all_gradients';",
      "import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';",
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'tfjs-core-registrations.js',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'eof',
  logLevel: 'warning',
  outfile: join(out, 'tfjs-core-registrations.cjs'),
});

const versions = { '@tensorflow/tfjs-core': packageVersion('@tensorflow/tfjs-core') };
for (const pkg of ['vega', 'vega-lite', 'vega-embed']) {
  copyFileSync(join(root, 'node_modules', pkg, 'build', `${pkg}.min.js`), join(out, `${pkg}.min.js`));
  versions[pkg] = packageVersion(pkg);
}
writeFileSync(join(out, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);

function packageVersion(pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}
