/**
 * The UMD builds of vega, vega-lite and vega-embed, inlined into the page so that it opens
 * from disk with no network. They are copies of the pinned devDependencies' builds that
 * `npm run build` writes to dist/vendor/ (src/build-vendor.mjs): a user's install carries
 * no vega package at all.
 */
import { readFileSync } from 'node:fs';
import { vendorFile } from '../../core/index.js';

const BUILDS = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'] as const;

let cached: string[] | undefined;

/** The three library sources, in load order (vega, vega-lite, vega-embed). */
export function vegaLibraries(): string[] {
  cached ??= BUILDS.map((file) => readFileSync(vendorFile(file), 'utf8'));
  return cached;
}
