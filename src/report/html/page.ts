/**
 * The page template: one self-contained HTML document — styles, the vega libraries, the
 * page data (JSON in a script element) and the page's script all inline.
 */
import { CLIENT_SCRIPT } from './client.js';
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
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 0 auto; padding: 1.5em 2em 4em; max-width: 1500px; }
h1 { font-size: 1.6em; margin: 0 0 .4em; } h2 { font-size: 1.2em; margin: 1.8em 0 .3em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
h3 { margin: .6em 0 .2em; font-size: 1em; }
nav { margin: .5em 0 1em; } nav a { margin-right: 1em; color: #2c5d8f; text-decoration: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .3em 0; }
dl.facts dt { color: #666; } dl.facts dd { margin: 0; }
.run { display: inline-block; vertical-align: top; margin-right: 3em; }
.best h2 { border: none; margin-top: .8em; } .best ul { margin: .2em 0; }
p.intro { color: #555; margin: .2em 0 .6em; max-width: 70em; } p.note { color: #8a5a00; }
.chart { overflow-x: auto; max-width: 100%; } p.error { color: #b00020; }
table { border-collapse: collapse; font-size: 13px; } th, td { padding: .25em .6em; border-bottom: 1px solid #e3e3e3; text-align: left; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } td.message { white-space: normal; max-width: 50em; }
table.ranked th { cursor: pointer; background: #f4f6f8; position: sticky; top: 0; user-select: none; }
table.ranked th[aria-sort=ascending]::after { content: " ▲"; } table.ranked th[aria-sort=descending]::after { content: " ▼"; }
tr.best td { background: #eef7ee; font-weight: 600; }
.table-wrap { overflow: auto; max-height: 36em; border: 1px solid #e3e3e3; }
.toolbar { margin: .4em 0; } .toolbar button { margin-right: .6em; } .toolbar span { color: #555; }
td.mark { font-weight: bold; color: #2c5d8f; text-align: center; } tr.verdict-indistinguishable td { background: #f3f7fc; }
.vega-bind { margin: .3em 0; } code { font-size: 12.5px; }
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
