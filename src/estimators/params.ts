/**
 * The estimator's parameters: names, defaults and checks. An estimator *is* its flat
 * parameter object (dot paths for nested ones), so this table is the whole public surface
 * that `getParams`, `setParams`, `clone` and the grid checks work from — and, through each
 * rule's value type, the `EstimatorParams` type that the constructors and search files take.
 */
import {
  InvalidParameterError, checkBoolean, checkInteger, checkNumber, checkOneOf, messages,
} from '../core/index.js';
import { ACTIVATIONS, MLP_DEFAULTS, OUTPUT_ACTIVATIONS } from './modules/mlp.js';
import { INITS } from './modules/initializers.js';
import { CNN_ACTIVATIONS, CNN_DEFAULTS } from './modules/cnn.js';
import { checkConvs, type ConvBlock } from './modules/cnn-blocks.js';
import { isKnownModuleSync, knownModuleNames, moduleDefaultsSync, type ModuleDefinition } from './modules/registry.js';
import { isCallback, type Callback } from './callbacks/callback.js';
import type { LossName } from './losses.js';

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad'] as const;
export const LOSSES = ['crossEntropy', 'nll', 'mse', 'mae', 'huber'] as const;
const REGRESSION_LOSSES = ['mse', 'mae', 'huber'] as const;

type Check = (owner: string, name: string, value: unknown) => void;

/** A parameter's default and check; `T`, the type of the values the check lets through, types `EstimatorParams`. */
export interface Rule<T = unknown> {
  default: T;
  check: Check;
}

const rule = <T>(defaultValue: T, check: Check): Rule<T> => ({ default: defaultValue, check });
const positiveNumber = (d: number) => rule(d, (o, n, v) => void checkNumber(o, n, v, { min: 0, minExclusive: true }));
const nonNegativeNumber = (d: number) => rule(d, (o, n, v) => void checkNumber(o, n, v, { min: 0 }));
const fraction = (d: number) => rule(d, (o, n, v) => void checkNumber(o, n, v, { min: 0, max: 1 }));
const integer = (d: number, range: { min: number; max?: number }) => rule(d, (o, n, v) => void checkInteger(o, n, v, range));
const bool = (d: boolean) => rule(d, (o, n, v) => void checkBoolean(o, n, v));
const oneOf = <T>(options: readonly T[], d: NoInfer<T>) => rule<T>(d, (o, n, v) => void checkOneOf(o, n, v, options));

const moduleCheck: Check = (owner, name, value) => {
  if (!isKnownModuleSync(value)) throw new InvalidParameterError(messages.unknownModule(value, knownModuleNames()));
};

const callbacksCheck: Check = (owner, name, value) => {
  if (!Array.isArray(value) || !value.every(isCallback)) throw new InvalidParameterError(messages.callbackBad(value));
};

/** Layer widths: `example` shows one in the message. */
const widths = (d: number[], example: string) => rule(d, (owner, name, value) => {
  const ok = Array.isArray(value) && value.every((u) => Number.isInteger(u) && u > 0);
  if (!ok) throw new InvalidParameterError(messages.invalidValue(owner, name, value, `an array of positive integers, e.g. ${example} (may be empty)`));
});

/** Parameters every estimator has; `loss` default differs by task and is set per class. */
export const COMMON_RULES = {
  module: rule<string | ModuleDefinition>('mlp', moduleCheck),
  optimizer: oneOf(OPTIMIZERS, 'sgd'),
  'optimizer.momentum': fraction(0),
  'optimizer.nesterov': bool(false),
  'optimizer.weightDecay': nonNegativeNumber(0),
  'optimizer.beta1': fraction(0.9),
  'optimizer.beta2': fraction(0.999),
  'optimizer.epsilon': positiveNumber(1e-8),
  'optimizer.rho': fraction(0.9),
  lr: positiveNumber(0.01),
  batchSize: integer(128, { min: 1 }),
  maxEpochs: integer(10, { min: 1 }),
  loss: oneOf(LOSSES, 'crossEntropy'),
  trainSplit: rule(0.2, (o, n, v) => void checkNumber(o, n, v, { min: 0, max: 0.9 })),
  shuffle: bool(true),
  seed: integer(0, { min: 0, max: 2 ** 32 - 1 }),
  verbose: integer(0, { min: 0, max: 2 }),
  callbacks: rule<Callback[]>([], callbacksCheck),
  warmStart: bool(false),
};

/** What the built-in modules share: initialisation, dropout, batch norm and the output layer. */
const LAYER_RULES = {
  'module.init': oneOf(INITS, MLP_DEFAULTS.init),
  // [0, 1): tfjs takes a rate of 1 as no dropout at all, the opposite of what it says.
  'module.dropout': rule(MLP_DEFAULTS.dropout, (o, n, v) => void checkNumber(o, n, v, { min: 0, max: 1, maxExclusive: true })),
  'module.batchNorm': bool(MLP_DEFAULTS.batchNorm),
  'module.outputActivation': oneOf(OUTPUT_ACTIVATIONS, MLP_DEFAULTS.outputActivation),
};

export const MLP_RULES = {
  'module.hiddenUnits': widths(MLP_DEFAULTS.hiddenUnits, '[128, 64]'),
  'module.activation': oneOf(ACTIVATIONS, MLP_DEFAULTS.activation),
  ...LAYER_RULES,
};

export const CNN_RULES = {
  'module.convs': rule<ConvBlock[]>(CNN_DEFAULTS.convs, (o, _n, v) => checkConvs(o, v)),
  'module.dense': widths(CNN_DEFAULTS.dense, '[64]'),
  'module.activation': oneOf(CNN_ACTIVATIONS, CNN_DEFAULTS.activation),
  ...LAYER_RULES,
};

type ValuesOf<R> = { [K in keyof R]: R[K] extends Rule<infer T> ? T : never };
/** A name both built-in modules have takes what either accepts (the cnn's activation adds 'none'). */
type EitherOf<A, B> = { [K in keyof A | keyof B]: (K extends keyof A ? A[K] : never) | (K extends keyof B ? B[K] : never) };
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * Every parameter and its value as an estimator holds them (getParams): the common ones
 * always, a module's own `module.*` ones when it has them — a custom module's any name.
 */
export type ParamValues = Flat<
  ValuesOf<typeof COMMON_RULES>
  & Partial<EitherOf<ValuesOf<typeof MLP_RULES>, ValuesOf<typeof CNN_RULES>>>
  & { [moduleParam: `module.${string}`]: unknown }
>;

/** The estimator parameters by dot path, as the constructors, `setParams` and search files take them. */
export type EstimatorParams = Partial<ParamValues>;

/** The rules of a classifier or a regressor: they differ in the losses they accept. */
export function rulesFor(task: 'classification' | 'regression'): typeof COMMON_RULES {
  return { ...COMMON_RULES, loss: task === 'classification' ? COMMON_RULES.loss : oneOf<LossName>(REGRESSION_LOSSES, 'mse') };
}

/** The `module.*` rules for the module a parameter object names. */
export function moduleRules(module: unknown): Record<string, Rule> | 'any' {
  if (module === 'mlp') return MLP_RULES;
  if (module === 'cnn') return CNN_RULES;
  const defaults = moduleDefaultsSync(module);
  if (!defaults) return 'any';
  return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [`module.${k}`, { default: v, check: () => {} }]));
}

/**
 * Checks `updates` against the rules for the params they produce and returns the merged
 * params. Unknown names list the valid ones (scikit-learn's `set_params` message).
 */
export function mergeParams(owner: string, rules: Record<string, Rule>, current: Readonly<Record<string, unknown>>, updates: unknown): ParamValues {
  if (updates === null || typeof updates !== 'object' || Array.isArray(updates)) {
    throw new InvalidParameterError(messages.invalidValue(owner, 'params', updates, 'an object of parameter values'));
  }
  const module = 'module' in updates ? updates.module : current.module;
  if ('module' in updates) rules.module.check(owner, 'module', module);
  const forModule = moduleRules(module);
  const valid = validNames(rules, forModule);
  const merged: Record<string, unknown> = {};
  // Keep current values that still apply: a changed module drops the old module's keys, and
  // a shared name's value the new module refuses ('none', the cnn's activation, for an mlp).
  const moduleChanged = 'module' in updates && updates.module !== current.module;
  for (const [name, value] of Object.entries(current)) {
    if (!name.startsWith('module.') || forModule === 'any') merged[name] = value;
    else if (name in forModule && (!moduleChanged || accepts(forModule[name], owner, name, value))) merged[name] = value;
  }
  for (const [name, value] of Object.entries(updates)) {
    const rule = rules[name] ?? (forModule === 'any' ? undefined : forModule[name]);
    if (!rule && !(forModule === 'any' && name.startsWith('module.'))) {
      throw new InvalidParameterError(messages.unknownParameter(owner, name, valid));
    }
    rule?.check(owner, name, value);
    merged[name] = value;
  }
  if (forModule !== 'any') {
    for (const [name, rule] of Object.entries(forModule)) if (!(name in merged)) merged[name] = rule.default;
  }
  // Each value has passed its rule's check, and `current` held every common name.
  return merged as ParamValues;
}

function accepts(rule: Rule, owner: string, name: string, value: unknown): boolean {
  try {
    rule.check(owner, name, value);
    return true;
  } catch {
    // Refused by the new module: it gets its own default instead.
    return false;
  }
}

export function validNames(rules: Record<string, Rule>, forModule: Record<string, Rule> | 'any'): string[] {
  const names = Object.keys(rules);
  if (forModule === 'any') names.push('module.*');
  else names.push(...Object.keys(forModule));
  return names.sort();
}

export function defaultsOf(rules: Record<string, Rule>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rules).map(([k, r]) => [k, r.default]));
}
