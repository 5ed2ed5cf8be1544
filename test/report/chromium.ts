/** Debian's headless Chromium as the report's tests and screenshots drive it (playwright-core). */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
/** Headless, and nothing that would reach the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export const haveChromium = existsSync(CHROMIUM);
