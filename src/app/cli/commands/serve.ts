// `cityguard serve --config <file>`: a real deployment, configured by file.
import type { Command } from 'commander';
import { loadRuntimeConfig, startRuntime } from '../../runtime/index.js';
import { waitForShutdown } from '../command-options.js';

/** Registers `cityguard serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run cityguard for a real city from a configuration file')
    .requiredOption('--config <file>', 'deployment configuration (YAML); see docs/configuration.md')
    .action(async (o: { config: string }) => {
      const runtime = await startRuntime(loadRuntimeConfig(o.config), { pretty: process.stdout.isTTY });
      console.log(`cityguard serving ${runtime.city.city.city.name} on ${runtime.url}`);
      await waitForShutdown(() => runtime.stop());
    });
}
