export { BaseSearchCV, SEARCH_OPTIONS } from './base-search.js';
export type { SearchOptions, Evaluation, SearchPlan, PlannedRound } from './base-search.js';
export { GridSearchCV } from './grid-search.js';
export { aggregate, rankMin, populationStd, mean, paramColumns } from './aggregate.js';
export { RandomizedSearchCV } from './random-search.js';
export type { RandomSearchOptions } from './random-search.js';
export { HalvingGridSearchCV, HalvingRandomSearchCV } from './halving.js';
export type { HalvingOptions, HalvingRandomOptions, HalvingResource, HalvingRound, HalvingPlan } from './halving.js';
export { halvingSchedule, type Schedule as HalvingSchedule } from './halving-schedule.js';
