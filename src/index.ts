/**
 * gridfold's public API. Importing it also installs the worker-thread pool as the
 * executor for searches with nJobs > 1.
 */
export { VERSION } from './version.js';
export * from './core/errors.js';
export { collectWarnings, withWarningSink } from './core/warnings.js';
export type { GridfoldWarning, WarningKind, WarningSink } from './core/warnings.js';
export type * from './core/types.js';
export { Rng, deriveSeed } from './core/rng.js';
export { tf, initBackend, describeBackend } from './backend/index.js';
export type { BackendInfo, BackendChoice } from './backend/index.js';
export * from './data/index.js';
export {
  NeuralNetClassifier, NeuralNetRegressor, NeuralNet, EarlyStopping, Checkpoint, LRScheduler, Callback,
  defineModule, registerCallback, estimatorFromSpec, formatSummary, ACTIVATIONS, CNN_ACTIVATIONS, INITS, OPTIMIZERS, LOSSES,
} from './estimators/index.js';
export type {
  EstimatorSpec, FitOptions, ModuleDefinition, ModuleContext, ModuleBuilder, TrainingContext, ConvBlock, ModelSummary, LayerSummary, SummaryOptions,
} from './estimators/index.js';
export * from './params/index.js';
export * from './splitters/index.js';
export * from './scoring/index.js';
export { crossValidate, fitAndScore } from './validation/index.js';
export type { CrossValidateOptions, CrossValidateResult, FitJournal, Progress, FitTask } from './validation/index.js';
export * from './search/index.js';
// From their own files, not report/index.js: the public types must name no vega type.
export { renderReport, type ReportOptions } from './report/render.js';
export { writeReport } from './report/write.js';
export { writeResults, readResults, resultsFrame, formatRankedTable } from './results/index.js';
export { defineSearch, type SearchDefinition, type EstimatorParams, type ParamGrid, type ParamDistributions, type HalvingSettings, type SearchKind } from './cli/define-search.js';
import { installPoolExecutor } from './parallel/index.js';

/** The process's worker threads: start them ahead of a search (while data loads), or end them. */
export { startWorkers, closeWorkers } from './parallel/index.js';

installPoolExecutor();
