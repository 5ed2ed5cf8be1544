/**
 * Every user-facing message gridfold prints or throws, one function each, grouped by
 * concern in the files beside this one. Tests compare against these functions' output.
 */
export * from './common.js';
export * from './backend.js';
export * from './estimators.js';
export * from './modules.js';
export * from './search.js';
export * from './data.js';
export * from './parallel.js';
export * from './report.js';
export * from './splitters.js';
export * from './params.js';
export * from './scoring.js';
export * from './cli.js';
export * from './cli-help.js';
export * from './files.js';
export * from './distributed.js';
export * from './records.js';
export * from './project.js';
