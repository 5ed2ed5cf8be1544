/**
 * Every chart's data (plain objects) and vega / vega-lite spec, built from the report model.
 * Apart from render.ts so that the public types (renderReport's) name no vega type:
 * gridfold's users install no vega package (the report inlines vendored builds).
 */
import type { ReportModel } from './model.js';
import { costData, costSpec } from './plots/cost.js';
import { curvesData, curvesSpec } from './plots/curves.js';
import { effectsData, effectsSpec } from './plots/effects.js';
import { foldsData, foldsSpec } from './plots/folds.js';
import { parallelData } from './plots/parallel-data.js';
import { parallelSpec } from './plots/parallel-spec.js';
import { ttestData } from './plots/ttest.js';
import { ttestSpec } from './plots/ttest-spec.js';

/** Every chart's data and spec, built from the model; specs by the id of their container (`chart-<name>`). */
export function reportParts(model: ReportModel) {
  const parallel = parallelData(model);
  const folds = foldsData(model);
  const curves = curvesData(model);
  const effects = effectsData(model);
  const ttest = ttestData(model);
  const specs = {
    parallel: parallelSpec(parallel),
    ...(effects.effects.length > 0 && effects.n >= 2 ? { effects: effectsSpec(effects) } : {}),
    folds: foldsSpec(folds, model),
    ...(curves.points.length > 0 ? { curves: curvesSpec(curves) } : {}),
    cost: costSpec(costData(model), model),
    ttest: ttestSpec(ttest, model.metricLabel),
  };
  return { parallel, folds, curves, effects, ttest, specs };
}

/** Every chart's spec by the id of its container. */
export function reportSpecs(model: ReportModel) {
  return reportParts(model).specs;
}

