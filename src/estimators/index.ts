import { NeuralNetClassifier } from './classifier.js';
import { NeuralNetRegressor } from './regressor.js';
import { InvalidParameterError, messages } from '../core/index.js';
import { callbackFromJSON, type SerializedCallback } from './callbacks/index.js';
import { registerBuiltin } from './modules/registry.js';
import { mlpModule } from './modules/mlp.js';
import { cnnModule } from './modules/cnn.js';
import type { NeuralNet } from './neural-net.js';
import type { EstimatorSpec } from './spec.js';

registerBuiltin(mlpModule);
registerBuiltin(cnnModule);

export { NeuralNetClassifier, NeuralNetRegressor };
export { NeuralNet } from './neural-net.js';
export type { FitData, FitOptions, FitPlan, FitSession } from './neural-net.js';
export type { EstimatorSpec } from './spec.js';
export * from './callbacks/index.js';
export { defineModule, resolveModule, isModuleDefinition, moduleToRef } from './modules/registry.js';
export type { ModuleDefinition, ModuleContext, ModuleBuilder, ModuleRef } from './modules/registry.js';
export { ACTIVATIONS } from './modules/mlp.js';
export { CNN_ACTIVATIONS } from './modules/cnn.js';
export { CONV_BLOCK_FIELDS, type ConvBlock } from './modules/cnn-blocks.js';
export { formatSummary, type ModelSummary, type LayerSummary } from './summary.js';
export type { SummaryOptions } from './estimator-summary.js';
export { INITS } from './modules/initializers.js';
export { OPTIMIZERS, LOSSES, type EstimatorParams, type ParamValues } from './params.js';
export { takeRows, takeTargets } from './device-data.js';
export { estimateFitCost, macsPerSample } from './cost.js';
export { fitFoldBatched } from './fold-batch.js';
export { WASM_STACKING_MAX_MACS, whyStackingDoesNotPay } from './lean/matmul.js';
export { fusedStepTrains, setFusedStep } from './lean/index.js';
export type { BatchedFit, FoldBatchResult } from './fold-batch.js';

export function isEstimator(value: unknown): value is NeuralNet {
  return value instanceof NeuralNetClassifier || value instanceof NeuralNetRegressor;
}

/** Rebuilds an unfitted estimator from `toSpec()` — how a worker thread gets its copy. */
export function estimatorFromSpec(spec: EstimatorSpec): NeuralNet {
  const params = { ...spec.params, callbacks: (spec.params.callbacks as SerializedCallback[]).map(callbackFromJSON) };
  if (spec.className === 'NeuralNetClassifier') return new NeuralNetClassifier(params);
  if (spec.className === 'NeuralNetRegressor') return new NeuralNetRegressor(params);
  throw new InvalidParameterError(messages.invalidValue('estimatorFromSpec', 'className', spec.className, 'NeuralNetClassifier or NeuralNetRegressor'));
}
