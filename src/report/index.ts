/**
 * The report: plot data (plain objects) → vega / vega-lite specs → one offline HTML page.
 * The only folder that knows vega; it never loads TensorFlow.js (it reads result columns
 * through src/results' plain modules, not through danfojs).
 */
export { renderReport, ttestIntro, type ReportOptions } from './render.js';
export { reportSpecs, reportParts } from './specs.js';
export { writeReport, writeReportPage, writeFileAtomic, REPORT_HTML } from './write.js';
export { liveText, type LiveStatus } from './html/live-banner.js';
export { buildModel, dataGroups, refitMetricOf, runLabelsOf, type ReportModel, type Candidate, type ModelOptions } from './model.js';
export { parallelData, type ParallelData, type ParallelAxis, type ParallelRow, type AxisKind, type Colouring } from './plots/parallel-data.js';
export { axisLayout, categoryOrder, chooseNumericKind } from './plots/axes.js';
export { effectsData, effectsSpec, type EffectsData, type ParameterEffect } from './plots/effects.js';
export { parallelSpec } from './plots/parallel-spec.js';
export { foldsData, foldsSpec, type FoldPoint, type FoldsData } from './plots/folds.js';
export { curvesData, curvesSpec, type CurvePoint, type CurvesData } from './plots/curves.js';
export { costData, costSpec, type CostPoint } from './plots/cost.js';
export { ttestData, type TTestData, type TTestRow, type Verdict } from './plots/ttest.js';
export { ttestSpec } from './plots/ttest-spec.js';
export { correctedResampledTTest, type CorrectedTTest } from './stats/corrected-t-test.js';
export { studentTCdf, studentTTwoSidedP, studentTQuantile, regularizedIncompleteBeta } from './stats/student-t.js';
export { escapeHtml, jsonForScript } from './html/escape.js';
