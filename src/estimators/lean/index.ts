export { leanEpochRunner, setLeanTraining, leanTrainingEnabled, leanStepsRun, describeTrainingPath } from './epoch.js';
export type { EpochRunner } from './epoch.js';
export { planLeanStep } from './plan.js';
export type { LeanPlan, LeanLayer, LeanActivation, LeanLoss } from './plan.js';
export { fusedStepTrains, fusedStepsRun, setFusedStep } from './fused-step.js';
