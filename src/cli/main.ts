/**
 * The `gridfold` command. Exit codes: 0 done, 1 the search (or command) failed, 2 bad
 * usage or a bad search file, 130 interrupted (signals.ts exits with it).
 * Commands load lazily, so `--help` and `--version` answer without loading TensorFlow.js.
 */
import { messages } from '../core/index.js';
import { VERSION } from '../version.js';
import { EXIT, reportFailure } from './failure.js';
import type { Output } from './output.js';

export { EXIT };

type Command = (argv: readonly string[], out: Output) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.js')).runCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  compare: async () => (await import('./commands/report.js')).compareCommand,
  list: async () => (await import('./commands/list.js')).listCommand,
  show: async () => (await import('./commands/show.js')).showCommand,
  worker: async () => (await import('./commands/worker.js')).workerCommand,
};

export function consoleOutput(): Output {
  const out: Output = {
    stdout: (line) => void process.stdout.write(`${line}\n`),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    progressStream: process.stderr,
    help: (command) => {
      process.stdout.write(command ? messages.CLI_COMMAND_HELP[command] : messages.CLI_HELP);
      return EXIT.ok;
    },
  };
  return out;
}

export async function main(argv: readonly string[], out: Output = consoleOutput()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    out.stderr(messages.cliNoCommand());
    out.help();
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h') return out.help();
  if (first === 'help') return rest[0] !== undefined && rest[0] in COMMANDS ? out.help(rest[0]) : out.help();
  if (first === '--version' || first === '-v') {
    out.stdout(VERSION);
    return EXIT.ok;
  }
  if (first.startsWith('-')) {
    out.stderr(messages.cliUnknownGlobalFlag(first));
    return EXIT.usage;
  }
  if (!Object.hasOwn(COMMANDS, first)) {
    out.stderr(messages.cliUnknownCommand(first, Object.keys(COMMANDS)));
    return EXIT.usage;
  }
  try {
    const command = await COMMANDS[first]();
    return await command(rest, out);
  } catch (error) {
    return reportFailure(first, error, out, rest.includes('--verbose'));
  }
}
