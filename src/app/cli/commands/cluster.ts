// `cityguard cluster status --config <file>`: detection workers, their partitions, lag and heartbeats.
import type { Command } from 'commander';
import { loadRuntimeConfig, readClusterStatus, type ClusterStatus } from '../../runtime/index.js';

const ago = (ms: number | undefined) => (ms === undefined ? '-' : `${Math.max(0, Math.round((Date.now() - ms) / 100) / 10)} s ago`);

/** The status as a few plain tables. */
export function formatClusterStatus(s: ClusterStatus): string {
  const lines: string[] = [`bucket ${s.bucket}, lease ${s.leaseMs / 1000} s`, '', 'workers:'];
  if (s.members.length === 0) lines.push('  none has ever joined');
  for (const m of s.members) {
    lines.push(`  ${m.alive ? 'alive' : 'DEAD '}  ${m.id}  pid ${m.pid} on ${m.host}  heartbeat ${ago(m.lastHeartbeatMs)}  partitions [${m.partitions.join(', ')}]  ${m.url ?? ''}`);
  }
  lines.push('', 'partitions:   owner            lease renewed    events: pending / unacked / handled seq    routed: pending / unacked');
  for (const p of s.partitions) {
    const [ev, routed] = Object.values(p.lag);
    const owner = p.lease.owner ? `${p.lease.owner}${p.lease.valid ? '' : ' (expired)'}` : '(none)';
    lines.push(
      `  ${String(p.partition).padStart(3)}  ${owner.padEnd(24)} ${ago(p.lease.renewedMs).padEnd(12)} ${ev ? `${ev.pending} / ${ev.ackPending} / ${ev.handledSeq}` : '-'}    ${routed ? `${routed.pending} / ${routed.ackPending}` : '-'}`,
    );
  }
  lines.push('', 'totals:');
  for (const [topic, t] of Object.entries(s.totals)) lines.push(`  ${topic}: ${t.pending} not yet delivered, ${t.ackPending} delivered and not yet checkpointed`);
  return lines.join('\n');
}

/** Registers `cityguard cluster`. */
export function registerClusterCommand(program: Command): void {
  const cluster = program.command('cluster').description('Inspect the detection workers of a scale-out deployment');
  cluster
    .command('status')
    .description('Workers (alive, last heartbeat, partitions), leases and lag per partition')
    .requiredOption('--config <file>', 'deployment configuration (YAML) with a nats bus')
    .option('--json', 'print the status as JSON')
    .action(async (o: { config: string; json?: boolean }) => {
      const status = await readClusterStatus(loadRuntimeConfig(o.config));
      console.log(o.json ? JSON.stringify(status, null, 2) : formatClusterStatus(status));
    });
}
