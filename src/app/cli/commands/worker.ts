// `cityguard worker --config <file>`: a detection worker process (see docs/scale-out.md).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadRuntimeConfig, startWorker, type WorkerRole } from '../../runtime/index.js';
import { intOption, waitForShutdown } from '../command-options.js';

/** Parses `--roles detect,ingest`. */
function rolesOption(value: string): WorkerRole[] {
  const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => r !== 'detect' && r !== 'ingest');
  if (roles.length === 0 || bad.length > 0) throw new InvalidArgumentError(`roles are detect and/or ingest, comma-separated; not "${bad.join(',') || value}"`);
  return [...new Set(roles)] as WorkerRole[];
}

/** Registers `cityguard worker`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run a scale-out worker: detection on a share of the event partitions, and/or ingest from the external broker')
    .requiredOption('--config <file>', 'deployment configuration (YAML) with a nats bus; see docs/scale-out.md')
    .option('--id <id>', 'member id in the cluster (default <hostname>-<pid>); unique among running workers')
    .option('--roles <roles>', 'detect (default), ingest, or detect,ingest', rolesOption)
    .option('--port <port>', 'port of the health, readiness and metrics listener (overrides cluster.worker.port; 0 = any free port)', intOption)
    .action(async (o: { config: string; id?: string; port?: number; roles?: WorkerRole[] }) => {
      const worker = await startWorker(loadRuntimeConfig(o.config), {
        pretty: process.stdout.isTTY,
        ...(o.id !== undefined ? { id: o.id } : {}),
        ...(o.port !== undefined ? { port: o.port } : {}),
        ...(o.roles ? { roles: o.roles } : {}),
      });
      console.log(`cityguard worker ${worker.id} (${worker.roles.join(', ')}): health, readiness and metrics on ${worker.url}`);
      await waitForShutdown(() => worker.stop());
    });
}
