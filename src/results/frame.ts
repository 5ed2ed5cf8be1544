/**
 * The cv_results as a danfojs DataFrame (what `pd.DataFrame(search.cv_results_)` is in
 * Python). The only module that loads danfojs, an optional peer dependency: danfojs-node
 * 1.2.0 depends on tfjs-node 3 and on an xlsx tarball outside the npm registry, which only
 * `overrides` in the user's own package.json fix, so gridfold does not install it. The
 * report reads plain columns instead, so that drawing a page never loads TensorFlow.js.
 */
import { createRequire } from 'node:module';
import { GridfoldError, messages, type CvResults } from '../core/index.js';
import { checkCvResults } from './columns.js';
import { formatParamValue, formatParams } from './format.js';

/** Columns in cv_results order; `params` as `{name: value, …}`, `param_<name>` as shown values. */
export function resultsColumns(cvResults: CvResults): Record<string, unknown[]> {
  checkCvResults('resultsFrame', cvResults);
  const columns: Record<string, unknown[]> = {};
  for (const [key, column] of Object.entries(cvResults)) {
    if (key === 'params') columns[key] = cvResults.params.map((params) => formatParams(params));
    else if (key.startsWith('param_')) columns[key] = oneType(column.map(formatParamValue));
    else columns[key] = column.map((cell) => (cell === undefined ? null : cell));
  }
  return columns;
}

/**
 * What gridfold's types say of danfojs' DataFrame, so that they name no optional package;
 * the object is danfojs' own. With danfojs-node installed, `resultsFrame<DataFrame>()`
 * (`import type { DataFrame } from 'danfojs-node'`) gives its full type.
 */
export interface ResultsFrame {
  readonly columns: string[];
  readonly shape: number[];
  readonly values: unknown[];
  print(): void;
  toJSON(): unknown;
}

interface Danfo {
  DataFrame: new (columns: Record<string, unknown[]>) => unknown;
}

/** danfojs takes seconds to load (it brings its own tfjs wiring): load it on first use. */
let danfo: Danfo | undefined;

export function resultsFrame<Frame = ResultsFrame>(cvResults: CvResults): Frame {
  const columns = resultsColumns(cvResults);
  danfo ??= loadDanfo();
  return new danfo.DataFrame(columns) as Frame;
}

function loadDanfo(): Danfo {
  try {
    // require(): danfojs-node is CommonJS, and resultsFrame() stays synchronous.
    return createRequire(import.meta.url)('danfojs-node') as Danfo;
  } catch (error) {
    const missing = (error as { code?: string }).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes("'danfojs-node'");
    if (missing) throw new GridfoldError(messages.frameLibraryMissing());
    throw error;
  }
}

/** danfojs wants one type per column: a column mixing numbers and strings becomes strings. */
function oneType(cells: Array<string | number | boolean | null>): Array<string | number | boolean | null> {
  const types = new Set(cells.filter((cell) => cell !== null).map((cell) => typeof cell));
  return types.size > 1 ? cells.map((cell) => (cell === null ? null : String(cell))) : cells;
}
