// `cityguard worker --config <file>`: a detection worker process (see docs/scale-out.md).
import type { Command } from 'commander';
import { loadRuntimeConfig, startWorker } from '../../runtime/index.js';
import { intOption, waitForShutdown } from '../command-options.js';

/** Registers `cityguard worker`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run a detection worker: owns a share of the event partitions and runs the rules on them')
    .requiredOption('--config <file>', 'deployment configuration (YAML) with a nats bus; see docs/scale-out.md')
    .option('--id <id>', 'member id in the cluster (default <hostname>-<pid>); unique among running workers')
    .option('--port <port>', 'port of the health, readiness and metrics listener (overrides cluster.worker.port; 0 = any free port)', intOption)
    .action(async (o: { config: string; id?: string; port?: number }) => {
      const worker = await startWorker(loadRuntimeConfig(o.config), {
        pretty: process.stdout.isTTY,
        ...(o.id !== undefined ? { id: o.id } : {}),
        ...(o.port !== undefined ? { port: o.port } : {}),
      });
      console.log(`cityguard worker ${worker.id}: health, readiness and metrics on ${worker.url}`);
      await waitForShutdown(() => worker.stop());
    });
}
