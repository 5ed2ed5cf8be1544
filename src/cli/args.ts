/**
 * Command-line arguments through node:util's parseArgs (strict), its errors turned into
 * our messages: an unknown flag is named, and exits 2 like any usage error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, messages } from '../core/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommand(command: string, argv: readonly string[], options: Options): CommandArgs {
  const config = { args: joinNegativeValues([...argv], options), options: { ...options, help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' } } as Options, strict: true, allowPositionals: true };
  try {
    const { values, positionals } = parseArgs(config);
    return { values: values as CommandArgs['values'], positionals };
  } catch (error) {
    throw new UsageError(usageMessage(command, error as NodeJS.ErrnoException));
  }
}

/** `--n-jobs -1`: parseArgs takes "-1" for a flag; pass it as `--n-jobs=-1`. */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && /^-\d/.test(argv[i + 1] ?? '')) {
      out.push(`${argv[i]}=${argv[++i]}`);
    } else out.push(argv[i]);
  }
  return out;
}

function usageMessage(command: string, error: NodeJS.ErrnoException): string {
  // parseArgs names a flag with a short form as '-o, --out <value>': name the long one.
  const flag = /'(?:-[^-' ,], )?(-[^' ,]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return messages.cliUnknownFlag(command, flag);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('does not take an argument') ? messages.cliFlagTakesNoValue(command, flag) : messages.cliFlagNeedsValue(command, flag, placeholderOf(command, flag));
    default:
      return messages.cliCommandFailed(command, error.message);
  }
}

/** What the command's help shows after `flag` ('--out DIR' → 'DIR'). */
function placeholderOf(command: string, flag: string): string | undefined {
  const help = messages.CLI_COMMAND_HELP[command] ?? '';
  return new RegExp(`^\\s+(?:-\\w, )?${flag} ([A-Z]+)\\b`, 'm').exec(help)?.[1];
}

/**
 * An integer flag in [min, max] (or -1 when `allowAllCores`); undefined when absent. Checked
 * as the command starts, before any data or backend loads, so a wrong value costs nothing.
 */
export function integerFlag(command: string, flag: string, raw: string | boolean | undefined, options: { min?: number; max?: number; allowAllCores?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const min = options.min ?? 1;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const ok = typeof raw === 'string' && /^-?\d+$/.test(raw) && Number.isSafeInteger(value) && ((value >= min && value <= max) || (options.allowAllCores && value === -1));
  if (!ok) {
    const range = options.max !== undefined ? `an integer in [${min}, ${max}]` : min === 0 ? 'an integer >= 0' : 'a positive integer';
    throw new UsageError(messages.cliFlagInvalid(command, `--${flag}`, raw, options.allowAllCores ? `${range} or -1 (every core)` : range));
  }
  return value;
}

/** A number flag in (0, max] (seconds, say); undefined when absent. */
export function positiveNumberFlag(command: string, flag: string, raw: string | boolean | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new UsageError(messages.cliFlagInvalid(command, `--${flag}`, raw, `a number in (0, ${max}]`));
  }
  return value;
}

/** Checks the number of positional arguments. */
export function expectPositionals(command: string, positionals: readonly string[], usage: string, min: number, max = min): void {
  if (positionals.length < min || positionals.length > max) throw new UsageError(messages.cliPositionals(command, usage, positionals.length));
}
