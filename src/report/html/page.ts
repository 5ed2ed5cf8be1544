/**
 * The page template: one self-contained HTML document — styles, the vega libraries, the
 * page data (JSON in a script element) and the page's script all inline.
 */
import { CLIENT_SCRIPT } from './client/index.js';
import { escapeHtml, jsonForScript, scriptSafe } from './escape.js';

export interface PageSection {
  id: string;
  title: string;
  /** One sentence saying how to read the section (escaped). */
  intro: string;
  /** Already-escaped HTML. */
  html: string;
}

export interface PageParts {
  title: string;
  /** Already-escaped HTML. */
  header: string;
  sections: PageSection[];
  /** The data the page's script reads (specs, CSV lines, ...). */
  payload: unknown;
  /** Sources of vega, vega-lite and vega-embed. */
  libraries: string[];
}

const STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 0 auto; padding: 1.2em 2em 4em; max-width: 1800px; }
h1 { font-size: 1.6em; margin: 0 0 .3em; } h2 { font-size: 1.2em; margin: 1.8em 0 .3em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
h3 { margin: .6em 0 .2em; font-size: 1em; }
nav { margin: .6em 0 1em; display: flex; flex-wrap: wrap; gap: .2em 1.2em; } nav a { color: #2c5d8f; text-decoration: none; }
dl.facts { display: flex; flex-wrap: wrap; gap: .15em 1.6em; margin: .3em 0; max-width: 110em; }
dl.facts div { min-width: 0; overflow-wrap: anywhere; } dl.facts dt { color: #666; display: inline; } dl.facts dt::after { content: ": "; } dl.facts dd { margin: 0; display: inline; }
.run { margin-bottom: .6em; }
.best h2 { border: none; margin: .8em 0 .2em; } .best ul { margin: .2em 0; padding-left: 1.4em; } .best p { margin: .2em 0; }
.banner { background: #fff4d6; border: 1px solid #e6c35c; padding: .5em .9em; margin: 0 0 1em; border-radius: 4px; font-weight: 600; }
.banner label { font-weight: normal; margin-left: 1.2em; }
p.intro { color: #555; margin: .2em 0 .6em; max-width: 75em; } p.note { color: #8a5a00; } p.error { color: #b00020; }
.chart, .chart.vega-embed { display: block; width: 100%; overflow-x: auto; max-width: 100%; }
.chart-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr)); gap: 1em 2em; align-items: start; }
table { border-collapse: collapse; font-size: 13px; } th, td { padding: .25em .55em; border-bottom: 1px solid #e3e3e3; text-align: left; }
td { white-space: nowrap; } th { vertical-align: bottom; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } td.message { white-space: normal; max-width: 50em; }
table.ranked { width: 100%; } table.ranked td { white-space: normal; }
@media (max-width: 1100px) { table.ranked th, table.ranked td { padding: .25em .35em; } } table.ranked th { cursor: pointer; background: #f4f6f8; position: sticky; top: 0; user-select: none; }
table.ranked th[aria-sort=ascending]::after { content: " ▲"; } table.ranked th[aria-sort=descending]::after { content: " ▼"; }
tr.best td { background: #eef7ee; font-weight: 600; } tr.hovered td { background: #fff3c4; }
.table-wrap { overflow: auto; max-height: 40em; border: 1px solid #e3e3e3; max-width: 100%; }
.toolbar { margin: .4em 0; display: flex; flex-wrap: wrap; align-items: center; gap: .4em .8em; } .toolbar span { color: #555; }
td.mark { font-weight: bold; color: #2c5d8f; text-align: center; } tr.verdict-indistinguishable td { background: #f3f7fc; }
table.ttest td.verdict { white-space: normal; min-width: 14em; }
.vega-bind { margin: .3em 0; } code { font-size: 12.5px; }
.picker { display: flex; flex-wrap: wrap; gap: .2em 1em; margin: .3em 0 .5em; font-size: 13px; }
.picker label { display: inline-flex; align-items: center; gap: .3em; white-space: nowrap; }
.swatch { display: inline-block; width: 1.8em; height: 0; border-top: 3px solid; vertical-align: middle; }
.importance { margin: .3em 0 .8em; }
/* Labels on the parallel axes stay readable over the lines: a white halo drawn under each glyph. */
#chart-parallel .axis-label text, #chart-parallel .axis-title text { paint-order: stroke; stroke: #fff; stroke-width: 3.5px; stroke-linejoin: round; }
.gf-tooltip { position: absolute; z-index: 10; background: #fff; border: 1px solid #bbb; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.15); padding: .35em .6em; font-size: 12px; pointer-events: none; max-width: 32em; }
.gf-tooltip td { border: none; padding: .05em .5em .05em 0; white-space: normal; } .gf-tooltip td.key { color: #666; white-space: nowrap; }
`;

export function pageHtml(parts: PageParts): string {
  const nav = parts.sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`).join('');
  const sections = parts.sections
    .map((s) => `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n<p class="intro">${escapeHtml(s.intro)}</p>\n${s.html}\n</section>`)
    .join('\n');
  const libraries = parts.libraries.map((source) => `<script>${scriptSafe(source)}</script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(parts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.header}
<nav>${nav}</nav>
${sections}
${libraries}
<script type="application/json" id="gridfold-data">${jsonForScript(parts.payload)}</script>
<script>${scriptSafe(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}
