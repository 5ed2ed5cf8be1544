import { describeValue, listOf } from '../describe.js';

/** Messages shared by every public function's parameter checks (scikit-learn's style). */

export function invalidValue(owner: string, name: string, value: unknown, accepted: string): string {
  return `${owner}: ${name} must be ${accepted}; got ${describeValue(value)}.`;
}

export function notOneOf(owner: string, name: string, value: unknown, options: readonly unknown[]): string {
  return invalidValue(owner, name, value, `one of ${listOf(options)}`);
}

export function unknownParameter(owner: string, name: string, valid: readonly string[]): string {
  return `Invalid parameter '${name}' for ${owner}. Valid parameters are: ${valid.join(', ')}.`;
}

export function unknownOption(owner: string, name: string, valid: readonly string[]): string {
  return `${owner}: unknown option '${name}'. Valid options are: ${valid.join(', ')}.`;
}

export function describeRange(kind: 'an integer' | 'a number', min?: number, max?: number, minExclusive = false, maxExclusive = false): string {
  if (min !== undefined && max !== undefined) {
    return `${kind} in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `${kind} ${minExclusive ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${maxExclusive ? '<' : '<='} ${max}`;
  return kind === 'an integer' ? 'an integer' : 'a finite number';
}

/** dist/vendor/ holds files `npm run build` generates (tfjs-core's registrations, the vega builds). */
export function generatedFileMissing(path: string): string {
  return `gridfold's generated file ${path} is missing: run \`npm run build\` in the gridfold checkout (it writes dist/vendor/).`;
}
