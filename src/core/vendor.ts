/**
 * The files `npm run build` generates into <package>/dist/vendor/ (see src/build-vendor.mjs).
 * This module sits two folders deep in src/ and in dist/ alike, so one relative URL finds
 * them from either.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GridfoldError } from './errors.js';
import * as messages from './messages/index.js';

export function vendorFile(name: string): string {
  const path = fileURLToPath(new URL(`../../dist/vendor/${name}`, import.meta.url));
  if (!existsSync(path)) throw new GridfoldError(messages.generatedFileMissing(path));
  return path;
}
