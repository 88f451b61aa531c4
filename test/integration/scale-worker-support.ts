// Helpers for the scale-out tests: a configuration file for a run (its own PostgreSQL schema and
// NATS stream prefix), worker processes started through the real command line, and clean-up.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SERVICES } from '../support/services.js';

/** Names unique to one test run. */
export interface ScaleRun {
  tag: string;
  schema: string;
  streamPrefix: string;
  dir: string;
  configPath: string;
}

/** Writes a scale-out configuration (NATS bus, PostgreSQL store, detection in workers). */
export function scaleRun(name: string, extra: { partitions?: number; cluster?: string; mqtt?: string } = {}): ScaleRun {
  const tag = `${name}_${process.pid}_${Date.now().toString(36)}`;
  const schema = `cg_${tag}`;
  const streamPrefix = `CG-${tag.replace(/_/g, '-')}`;
  const dir = mkdtempSync(join(tmpdir(), `cityguard-${name}-`));
  const configPath = join(dir, 'cityguard.yaml');
  writeFileSync(
    configPath,
    `city: ${JSON.stringify(join(process.cwd(), 'content/cities/sample-city.yaml'))}
dataDir: ${JSON.stringify(dir)}
api: { host: 127.0.0.1, port: 0 }
mqtt: ${extra.mqtt ?? '{ embedded: { enabled: false } }'}
syslog: { enabled: false }
store: { kind: postgres, url: ${JSON.stringify(SERVICES.postgres.url)}, schema: ${schema} }
bus: { kind: nats, url: ${JSON.stringify(SERVICES.nats.url)}, partitions: ${extra.partitions ?? 4}, streamPrefix: ${streamPrefix}, maxAgeS: 3600, duplicateWindowS: 1200 }
cluster: ${extra.cluster ?? '{ detection: workers, leaseS: 3, heartbeatS: 0.5, checkpointS: 0.2, time: events, worker: { port: 0 } }'}
`,
  );
  return { tag, schema, streamPrefix, dir, configPath };
}

/** Drops the run's schema, streams and KV bucket, and its folder. */
export async function removeScaleRun(run: ScaleRun): Promise<void> {
  rmSync(run.dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: SERVICES.postgres.url });
  await client.connect();
  await client.query(`drop schema if exists "${run.schema}" cascade`);
  await client.end();
  const nc = await connect({ servers: SERVICES.nats.url });
  const jsm = await jetstreamManager(nc);
  for await (const s of jsm.streams.list()) {
    if (s.config.name.startsWith(`${run.streamPrefix}_`) || s.config.name === `KV_${run.streamPrefix}-cluster`) await jsm.streams.delete(s.config.name);
  }
  await nc.close();
}

/** A `cityguard worker` or `serve` child process. */
export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  url: string;
  output: string[];
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string>;
}

/** Starts `cityguard worker` and resolves once it prints its endpoint. */
export function spawnWorker(run: ScaleRun, id: string, roles = 'detect'): Promise<WorkerProcess> {
  return spawnCli(id, ['worker', '--config', run.configPath, '--id', id, '--port', '0', '--roles', roles], /metrics on (http:\/\/\S+)/);
}

/** Starts `cityguard serve` and resolves once it prints its URL. */
export function spawnServe(run: ScaleRun): Promise<WorkerProcess> {
  return spawnCli('serve', ['serve', '--config', run.configPath], / on (http:\/\/\S+)/);
}

/** Starts a cityguard command and resolves once its output matches `started` (group 1: its URL). */
function spawnCli(id: string, args: string[], started: RegExp): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['bin/cityguard.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CITYGUARD_LOG_LEVEL: 'warn' },
  });
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id} did not start:\n${output.join('')}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = started.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve({ id, child, url: m[1]!, output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((how) => reject(new Error(`${id} exited (${how}) before starting:\n${output.join('')}`)));
  });
}

/** Polls until `condition` holds; fails after `timeoutMs` naming what it waited for. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
