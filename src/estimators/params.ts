/**
 * The estimator's parameters: names, defaults and checks. An estimator *is* its flat
 * parameter object (dot paths for nested ones), so this table is the whole public surface
 * that `getParams`, `setParams`, `clone` and the grid checks work from.
 */
import {
  InvalidParameterError, checkBoolean, checkInteger, checkNumber, checkOneOf, messages,
} from '../core/index.js';
import { ACTIVATIONS, MLP_DEFAULTS, OUTPUT_ACTIVATIONS } from './modules/mlp.js';
import { INITS } from './modules/initializers.js';
import { CNN_ACTIVATIONS, CNN_DEFAULTS } from './modules/cnn.js';
import { checkConvs } from './modules/cnn-blocks.js';
import { isKnownModuleSync, knownModuleNames, moduleDefaultsSync } from './modules/registry.js';
import { isCallback } from './callbacks/callback.js';

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad'] as const;
export const LOSSES = ['crossEntropy', 'nll', 'mse', 'mae', 'huber'] as const;

type Check = (owner: string, name: string, value: unknown) => void;

interface Rule {
  default: unknown;
  check: Check;
}

const positiveNumber: Check = (o, n, v) => void checkNumber(o, n, v, { min: 0, minExclusive: true });
const nonNegativeNumber: Check = (o, n, v) => void checkNumber(o, n, v, { min: 0 });
const fraction: Check = (o, n, v) => void checkNumber(o, n, v, { min: 0, max: 1 });
const bool: Check = (o, n, v) => void checkBoolean(o, n, v);
const oneOf = (options: readonly unknown[]): Check => (o, n, v) => void checkOneOf(o, n, v, options);

const moduleCheck: Check = (owner, name, value) => {
  if (!isKnownModuleSync(value)) throw new InvalidParameterError(messages.unknownModule(value, knownModuleNames()));
};

const callbacksCheck: Check = (owner, name, value) => {
  if (!Array.isArray(value) || !value.every(isCallback)) throw new InvalidParameterError(messages.callbackBad(value));
};

/** Layer widths: `example` shows one in the message. */
const widthsCheck = (example: string): Check => (owner, name, value) => {
  const ok = Array.isArray(value) && value.every((u) => Number.isInteger(u) && u > 0);
  if (!ok) throw new InvalidParameterError(messages.invalidValue(owner, name, value, `an array of positive integers, e.g. ${example} (may be empty)`));
};

/** Parameters every estimator has; `loss` default differs by task and is set per class. */
export const COMMON_RULES: Record<string, Rule> = {
  module: { default: 'mlp', check: moduleCheck },
  optimizer: { default: 'sgd', check: oneOf(OPTIMIZERS) },
  'optimizer.momentum': { default: 0, check: (o, n, v) => void checkNumber(o, n, v, { min: 0, max: 1 }) },
  'optimizer.nesterov': { default: false, check: bool },
  'optimizer.weightDecay': { default: 0, check: nonNegativeNumber },
  'optimizer.beta1': { default: 0.9, check: fraction },
  'optimizer.beta2': { default: 0.999, check: fraction },
  'optimizer.epsilon': { default: 1e-8, check: positiveNumber },
  'optimizer.rho': { default: 0.9, check: fraction },
  lr: { default: 0.01, check: positiveNumber },
  batchSize: { default: 128, check: (o, n, v) => void checkInteger(o, n, v, { min: 1 }) },
  maxEpochs: { default: 10, check: (o, n, v) => void checkInteger(o, n, v, { min: 1 }) },
  loss: { default: 'crossEntropy', check: oneOf(LOSSES) },
  trainSplit: { default: 0.2, check: (o, n, v) => void checkNumber(o, n, v, { min: 0, max: 0.9 }) },
  shuffle: { default: true, check: bool },
  seed: { default: 0, check: (o, n, v) => void checkInteger(o, n, v, { min: 0, max: 2 ** 32 - 1 }) },
  verbose: { default: 0, check: (o, n, v) => void checkInteger(o, n, v, { min: 0, max: 2 }) },
  callbacks: { default: [], check: callbacksCheck },
  warmStart: { default: false, check: bool },
};

/** What the built-in modules share: initialisation, dropout, batch norm and the output layer. */
const LAYER_RULES: Record<string, Rule> = {
  'module.init': { default: MLP_DEFAULTS.init, check: oneOf(INITS) },
  // [0, 1): tfjs takes a rate of 1 as no dropout at all, the opposite of what it says.
  'module.dropout': { default: MLP_DEFAULTS.dropout, check: (o, n, v) => void checkNumber(o, n, v, { min: 0, max: 1, maxExclusive: true }) },
  'module.batchNorm': { default: MLP_DEFAULTS.batchNorm, check: bool },
  'module.outputActivation': { default: MLP_DEFAULTS.outputActivation, check: oneOf(OUTPUT_ACTIVATIONS) },
};

export const MLP_RULES: Record<string, Rule> = {
  'module.hiddenUnits': { default: MLP_DEFAULTS.hiddenUnits, check: widthsCheck('[128, 64]') },
  'module.activation': { default: MLP_DEFAULTS.activation, check: oneOf(ACTIVATIONS) },
  ...LAYER_RULES,
};

export const CNN_RULES: Record<string, Rule> = {
  'module.convs': { default: CNN_DEFAULTS.convs, check: (o, _n, v) => checkConvs(o, v) },
  'module.dense': { default: CNN_DEFAULTS.dense, check: widthsCheck('[64]') },
  'module.activation': { default: CNN_DEFAULTS.activation, check: oneOf(CNN_ACTIVATIONS) },
  ...LAYER_RULES,
};

/** The rules of a classifier or a regressor: they differ in the losses they accept. */
export function rulesFor(task: 'classification' | 'regression'): Record<string, Rule> {
  const losses = task === 'classification' ? LOSSES : (['mse', 'mae', 'huber'] as const);
  return {
    ...COMMON_RULES,
    loss: { default: task === 'classification' ? 'crossEntropy' : 'mse', check: oneOf(losses) },
  };
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
export function mergeParams(owner: string, rules: Record<string, Rule>, current: Record<string, unknown>, updates: Record<string, unknown>): Record<string, unknown> {
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
  return merged;
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
