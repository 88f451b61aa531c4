// The `cityguard` command line: one subcommand per file in ./commands, registered in ./commands/index.ts.
import { Command, CommanderError } from 'commander';
import { isCityguardError } from '../../domain/index.js';
import { registerCommands } from './commands/index.js';

/** Builds the command tree; exported so tests can drive it without a process. */
export function buildProgram(): Command {
  const program = new Command('cityguard')
    .description('Security operations for a city’s connected infrastructure')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs the command line and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (isCityguardError(err)) {
      console.error(`error ${err.code}: ${err.message}`);
      return 1;
    }
    console.error(err);
    return 1;
  }
}
