/**
 * Result tables: cv_results columns as a danfojs frame, results.json / results.csv, the
 * ranked table for the terminal. (The run journal lives beside these in journal.ts.)
 * Importing this index loads danfojs (and so TensorFlow.js); the report imports the
 * individual modules it needs instead.
 */
export { resultsFrame, resultsColumns, type ResultsFrame } from './frame.js';
export { writeResults, readResults, resultsToJson, parseResults, RESULTS_JSON, RESULTS_CSV } from './json.js';
export { cvResultsToCsv, cvResultsCsvLines, csvField, csvCell } from './csv.js';
export { formatRankedTable, type RankedTableOptions } from './ranked-table.js';
export { formatParamValue, formatParamText, formatParams, formatNumber, formatDuration, pythonRepr, pythonStr, pythonNumber } from './format.js';
export { scoreNamesOf, paramNamesOf, varyingParamNames, numberColumn, checkCvResults } from './columns.js';
