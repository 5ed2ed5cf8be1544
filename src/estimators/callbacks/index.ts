import { registerBuiltinCallback, type CallbackClass } from './registry.js';
import { Checkpoint } from './checkpoint.js';
import { EarlyStopping } from './early-stopping.js';
import { LRScheduler } from './lr-scheduler.js';

export { Callback, isCallback } from './callback.js';
export type { TrainingContext, SerializedCallback } from './callback.js';
export { EarlyStopping, Checkpoint, LRScheduler };
export { registerCallback, serializeCallback, callbackFromJSON, importCallbackSources } from './registry.js';
export type { CallbackClass } from './registry.js';
export type { EarlyStoppingOptions } from './early-stopping.js';
export type { CheckpointOptions } from './checkpoint.js';
export type { LRSchedulerOptions } from './lr-scheduler.js';

registerBuiltinCallback('EarlyStopping', EarlyStopping);
registerBuiltinCallback('Checkpoint', Checkpoint);
registerBuiltinCallback('LRScheduler', LRScheduler as CallbackClass);
