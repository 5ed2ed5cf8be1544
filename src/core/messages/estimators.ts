import { describeValue, listOf } from '../describe.js';

export function notFitted(owner: string, method: string): string {
  return `This ${owner} instance is not fitted yet. Call fit(X, y) before ${method}().`;
}

export function unknownModule(value: unknown, known: readonly string[]): string {
  return (
    `module must be one of ${listOf(known)}, a module from defineModule(), ` +
    `or { path, exportName } of a file that calls defineModule(); got ${describeValue(value)}.`
  );
}

export function moduleNotExported(path: string, exportName: string, found: readonly string[]): string {
  return `module file ${path} has no export '${exportName}' made by defineModule(); its module exports are: ${found.join(', ') || 'none'}.`;
}

export function moduleBuilderFailed(name: string, reason: string): string {
  return `module '${name}': its builder failed: ${reason}`;
}

export function moduleOutputMismatch(name: string, got: unknown, expected: number): string {
  return `module '${name}': the model's output has shape ${describeValue(got)}; expected [null, ${expected}] (one unit per class, or per regression target).`;
}

export function defineModuleBadArgs(name: unknown, builder: unknown): string {
  return `defineModule(name, builder): name must be a non-empty string and builder a function; got ${describeValue(name)} and ${describeValue(builder)}.`;
}

export function nonFiniteLoss(epoch: number, loss: number): string {
  return `training loss is ${Number.isNaN(loss) ? 'NaN' : loss} at epoch ${epoch}: the fit diverged (try a lower lr or another init).`;
}

export function classesMismatch(owner: string, nClasses: number, label: number): string {
  return `${owner}: y holds class ${label}, but the model was fitted on ${nClasses} classes (0..${nClasses - 1}).`;
}

export function featuresMismatch(owner: string, expected: readonly number[], got: readonly number[]): string {
  return `${owner}: X has samples of shape ${describeValue(got)}, but the model was fitted on ${describeValue(expected)}.`;
}

export function trainSplitTooSmall(nSamples: number, trainSplit: number): string {
  return `trainSplit ${trainSplit} of ${nSamples} samples leaves no sample for training or validation; use a smaller trainSplit or 0.`;
}

export function callbackBad(value: unknown): string {
  return `callbacks must be an array of callback objects (EarlyStopping, Checkpoint, LRScheduler, or objects with onEpochEnd); got ${describeValue(value)}.`;
}

export function unknownCallbackType(type: unknown, known: readonly string[]): string {
  return (
    `cannot rebuild a callback of type ${describeValue(type)} (known types: ${known.join(', ')}); ` +
    `register your Callback subclass with registerCallback(type, Class) in the file that defines it.`
  );
}

export function registerCallbackBadArgs(type: unknown, Class: unknown): string {
  return `registerCallback(type, Class): type must be a non-empty string and Class a Callback subclass; got ${describeValue(type)} and ${describeValue(Class)}.`;
}

export function registerCallbackBuiltin(type: string): string {
  return `registerCallback: '${type}' is a built-in callback type; give your callback a type name of its own.`;
}

export function monitorMissing(callback: string, monitor: string, available: readonly string[]): string {
  return `${callback}: monitor '${monitor}' is not in the history; available columns are ${available.join(', ')} (validation columns need trainSplit > 0 or validationData).`;
}

export function savedModelMissing(dir: string, file: string): string {
  return `cannot load a gridfold model from ${dir}: ${file} is missing (save(dir) writes model.json, weights.bin and gridfold.json).`;
}

export function savedModelWrongClass(dir: string, saved: string, asked: string): string {
  return `${dir} holds a ${saved}; load it with ${saved}.load(dir), not ${asked}.load(dir).`;
}
