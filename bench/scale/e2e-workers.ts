// The scale-out path: events published to NATS JetStream (16 partitions, batch envelopes) by this
// process as ingest would, `cityguard worker` processes owning the partitions and running the rules
// (asset-local rules per partition, rules spanning assets on the routed partitions), snapshots and
// alerts in PostgreSQL. Each run gets its own streams, schema and worker processes. Latency comes
// from the workers' histograms (publish time to the end of the batch that handled the event).
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { Event } from '../../src/domain/index.js';
import { latencyQuantile } from '../../src/app/runtime/worker-latency.js';
import { NatsBus, TOPICS } from '../../src/platform/bus/index.js';
import { commCpuUs, pidCpuUs } from './proc-cpu.js';
import type { RunResult } from './e2e-result.js';
import { offer } from './e2e-workload.js';

export const NATS_URL = 'nats://127.0.0.1:4222';
export const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const PARTITIONS = 16;

interface Status {
  partitions: Array<{ partition: number }>;
  alerts: { stored: number; repeated: number };
  latency: { events: number; counts: number[] };
}

async function status(url: string): Promise<Status | undefined> {
  const res = await fetch(`${url}/status`).catch(() => undefined);
  return res?.ok ? ((await res.json()) as Status) : undefined;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function startWorker(config: string, id: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [resolve('bin/cityguard.js'), 'worker', '--config', config, '--id', id, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CITYGUARD_LOG_LEVEL: 'warn' },
  });
  let out = '';
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /metrics on (http:\/\/\S+)/.exec(out);
      if (m) ok({ child, url: m[1]! });
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => fail(new Error(`worker ${id} exited (${code}):\n${out}`)));
  });
}

/** One run of `events` through `workers` worker processes; `ratePerS` limits the offered rate. */
export async function workersRun(events: readonly Event[], runId: string, workers: number, window: number, ratePerS?: number): Promise<RunResult> {
  const tag = runId.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const dir = mkdtempSync(join(os.tmpdir(), 'cityguard-e2e-'));
  const config = join(dir, 'cityguard.yaml');
  const prefix = `CGE2E-${tag}`;
  const schema = `cg_e2e_${tag}`;
  writeFileSync(config, `city: ${JSON.stringify(resolve('content/cities/sample-city.yaml'))}
dataDir: ${JSON.stringify(dir)}
mqtt: { embedded: { enabled: false } }
syslog: { enabled: false }
store: { kind: postgres, url: ${PG_URL}, schema: ${schema}, poolSize: 4 }
bus: { kind: nats, url: ${NATS_URL}, partitions: ${PARTITIONS}, streamPrefix: ${prefix}, maxAgeS: 3600 }
cluster: { detection: workers, leaseS: 10, heartbeatS: 1, checkpointS: 2, time: clock, worker: { port: 0 } }
`);
  const procs = [] as Array<{ child: ChildProcess; url: string }>;
  const bus = await NatsBus.open({ url: NATS_URL, partitions: PARTITIONS, streamPrefix: prefix });
  try {
    for (let w = 0; w < workers; w++) procs.push(await startWorker(config, `w${w}`));
    const all = async () => Promise.all(procs.map((p) => status(p.url)));
    await until('the workers to own every partition', async () => (await all()).reduce((n, s) => n + (s?.partitions.length ?? 0), 0) === PARTITIONS && (await all()).every((s) => (s?.partitions.length ?? 0) > 0));
    // A warm-up event: the publisher learns the groups' capacities, the workers' readers are running.
    await bus.publish(TOPICS.eventReceived, { ...events[0]!, id: `${runId}-warm`, ts: Date.now(), receivedTs: Date.now() }, { key: events[0]!.assetId ?? 'x' });
    await until('the warm-up event', async () => (await all()).reduce((n, s) => n + (s?.latency.events ?? 0), 0) >= 1);
    const before = (await all()).map((s) => s!);
    const cpu0 = { me: process.cpuUsage(), workers: procs.map((p) => pidCpuUs(p.child.pid!)), nats: commCpuUs('nats-server'), pg: commCpuUs('postgres') };
    const t0 = performance.now();
    await offer(events, runId, window, (e) => bus.publish(TOPICS.eventReceived, e, { key: e.assetId ?? e.source, id: e.id }), ratePerS);
    let after: Status[] = before;
    await until('every event handled by detection', async () => {
      after = (await all()).map((s) => s!);
      return after.reduce((n, s) => n + s.latency.events, 0) - before.reduce((n, s) => n + s.latency.events, 0) >= events.length;
    }, 600_000);
    const seconds = (performance.now() - t0) / 1000;
    const me = process.cpuUsage(cpu0.me);
    const workerUs = procs.reduce((n, p, i) => n + pidCpuUs(p.child.pid!) - cpu0.workers[i]!, 0);
    const counts = after[0]!.latency.counts.map((_, b) => after.reduce((n, s, i) => n + s.latency.counts[b]! - before[i]!.latency.counts[b]!, 0));
    const per = (us: number) => us / events.length;
    return {
      events: events.length,
      seconds,
      rate: events.length / seconds,
      p50Ms: latencyQuantile(counts, 0.5)!,
      p99Ms: latencyQuantile(counts, 0.99)!,
      alerts: after.reduce((n, s) => n + s.alerts.stored + s.alerts.repeated, 0) - before.reduce((n, s) => n + s.alerts.stored + s.alerts.repeated, 0),
      cpuUsPerEvent: {
        'publisher (ingest side)': per(me.user + me.system),
        workers: per(workerUs),
        'nats-server': per(commCpuUs('nats-server') - cpu0.nats),
        postgres: per(commCpuUs('postgres') - cpu0.pg),
      },
    };
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.child.exitCode !== null ? r(undefined) : p.child.once('exit', r)))));
    await bus.close();
    await cleanUp(prefix, schema);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cleanUp(prefix: string, schema: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${prefix}_`) || s.config.name === `KV_${prefix}-cluster`) await jsm.streams.delete(s.config.name);
  await nc.close();
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}
