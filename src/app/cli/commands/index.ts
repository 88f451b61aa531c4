// Every subcommand of `cityguard`, registered in the order `--help` lists them.
// Each command lives in its own file and exports one register function.
import type { Command } from 'commander';
import { registerDetectCommand } from './detect.js';

/** Adds all subcommands to the program. */
export function registerCommands(program: Command): void {
  registerDetectCommand(program);
}
