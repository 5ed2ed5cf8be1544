/**
 * Every chart's vega / vega-lite spec, built from the report model. Apart from render.ts so
 * that the public types (renderReport's) name no vega type: gridfold's users install no
 * vega package (the report inlines vendored builds).
 */
import type { ReportModel } from './model.js';
import { costData, costSpec } from './plots/cost.js';
import { curvesData, curvesSpec } from './plots/curves.js';
import { foldsData, foldsSpec } from './plots/folds.js';
import { parallelData } from './plots/parallel-data.js';
import { parallelSpec } from './plots/parallel-spec.js';
import { ttestData, ttestSpec } from './plots/ttest.js';

/** Every chart's spec by the id of its container (`chart-<name>`), built from the model. */
export function reportSpecs(model: ReportModel) {
  const curves = curvesData(model);
  return {
    parallel: parallelSpec(parallelData(model)),
    folds: foldsSpec(foldsData(model), model.metric),
    ...(curves.length > 0 ? { curves: curvesSpec(curves, model) } : {}),
    cost: costSpec(costData(model), model),
    ttest: ttestSpec(ttestData(model), model.metric),
  };
}

