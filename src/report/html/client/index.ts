/**
 * The page's own script (plain ES2017, inlined): one closure holding the page state, the
 * pieces below in order. Every chart is embedded with vega-embed (SVG renderer, so marks are
 * elements) and sized to its container; no network anywhere. `window.gridfold` exposes the
 * views and a `ready` promise for tests.
 */
import { CURVES_SCRIPT } from './curves.js';
import { EMBED_SCRIPT } from './embed.js';
import { LIVE_SCRIPT } from './live.js';
import { PARALLEL_SCRIPT } from './parallel.js';
import { TABLE_SCRIPT } from './table.js';

export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var gf = { payload: JSON.parse(document.getElementById('gridfold-data').textContent), views: {}, onEmbed: {}, visibleIds: null };
  window.gridfold = gf;
${LIVE_SCRIPT}
${TABLE_SCRIPT}
${PARALLEL_SCRIPT}
${CURVES_SCRIPT}
${EMBED_SCRIPT}
})();
`;
