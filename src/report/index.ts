/**
 * The report: plot data (plain objects) → vega / vega-lite specs → one offline HTML page.
 * The only folder that knows vega; it never loads TensorFlow.js (it reads result columns
 * through src/results' plain modules, not through danfojs).
 */
export { renderReport, type ReportOptions } from './render.js';
export { reportSpecs } from './specs.js';
export { writeReport, REPORT_HTML } from './write.js';
export { buildModel, refitMetricOf, type ReportModel, type Candidate } from './model.js';
export { parallelData, type ParallelData, type ParallelAxis, type ParallelRow, type AxisKind } from './plots/parallel-data.js';
export { parallelSpec } from './plots/parallel-spec.js';
export { foldsData, foldsSpec, type FoldPoint } from './plots/folds.js';
export { curvesData, curvesSpec, type CurvePoint } from './plots/curves.js';
export { costData, costSpec, type CostPoint } from './plots/cost.js';
export { ttestData, ttestSpec, type TTestData, type TTestRow, type Verdict } from './plots/ttest.js';
export { correctedResampledTTest, type CorrectedTTest } from './stats/corrected-t-test.js';
export { studentTCdf, studentTTwoSidedP, studentTQuantile, regularizedIncompleteBeta } from './stats/student-t.js';
export { escapeHtml, jsonForScript } from './html/escape.js';
