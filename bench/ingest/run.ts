// Ingest bench: MQTT → validate → bus → rules → SQLite for 1k, 10k and 100k simulated devices,
// against the broker alone (aedes publish → in-process subscriber) as the baseline in the same run.
// Each measurement runs the platform and the load generator as separate processes. The generator
// offers rising rates (10k, 20k, … msgs/s, `--seconds` each); a step is sustained when the platform
// keeps up (≥ 97 % of the offered rate stored) with p99 under one second. Reported: the highest
// sustained rate, p50/p99 at 50,000 msgs/s (or at the highest sustained step below it), and memory
// per device (heap and buffers after connecting, minus before).
//   npx tsx bench/ingest/run.ts [--devices 1000,10000,100000] [--repeat 2] [--seconds 6] [--modes aedes,full] [--steps 10000,20000,…]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const scales = opt('devices', '1000,10000,100000').split(',').map(Number);
const repeat = Number(opt('repeat', '2'));
const seconds = Number(opt('seconds', '6'));
const modes = opt('modes', 'aedes,full').split(',') as Array<'aedes' | 'full'>;
const warmupMs = 1500;
const STEPS = opt('steps', '10000,20000,30000,40000,50000,60000,80000,100000,130000,160000,200000').split(',').map(Number);
const TARGET_RATE = 50_000;
/** Devices per MQTT connection: one each up to 10k; beyond, 100 behind each gateway (the 20k fd limit). */
const perConnection = (n: number) => (n <= 10_000 ? 1 : 100);

type Msg = Record<string, unknown> & { type: string };

const children = new Set<ChildProcess>();
// Children die with the bench, whether it ends, fails or is interrupted.
process.on('exit', () => children.forEach((c) => c.kill()));
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

function child(script: string, argv: string[]): ChildProcess {
  // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the platform process there.
  const profile = process.env['BENCH_CPU_PROFILE'] && script.startsWith('platform') ? [`--cpu-prof`, `--cpu-prof-dir=${process.env['BENCH_CPU_PROFILE']}`] : [];
  const c = fork(join(import.meta.dirname, script), argv, { execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=12000', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(c);
  c.once('exit', () => children.delete(c));
  return c;
}

function next(p: ChildProcess, type: string): Promise<Msg> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) while waiting for ${type}`));
    const onMessage = (m: Msg) => {
      if (m.type !== type) return;
      p.off('message', onMessage);
      p.off('exit', onExit);
      resolve(m);
    };
    p.on('message', onMessage);
    p.once('exit', onExit);
  });
}

async function ask(p: ChildProcess, cmd: string, reply: string, extra: object = {}): Promise<Msg> {
  const answer = next(p, reply);
  p.send({ cmd, ...extra });
  return answer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the platform stores nothing more for a quarter second (the last step's backlog is gone). */
async function idle(platform: ChildProcess): Promise<void> {
  for (;;) {
    await ask(platform, 'window', 'window');
    await sleep(250);
    if (((await ask(platform, 'report', 'report'))['measured'] as number) === 0) return;
  }
}

/** Offers `rate` msgs/s and measures the platform after the warm-up. */
async function step(platform: ChildProcess, generator: ChildProcess, rate: number) {
  await idle(platform);
  const ran = ask(generator, 'run', 'ran', { rate, durationMs: seconds * 1000 });
  await sleep(warmupMs);
  await ask(platform, 'window', 'window');
  await ran;
  const report = await ask(platform, 'report', 'report');
  const achieved = (report['measured'] as number) / (report['seconds'] as number);
  const p50 = report['p50'] as number;
  const p99 = report['p99'] as number;
  const cpuUs = report['cpuUsPerMessage'] as number;
  const cores = report['cpuCores'] as number;
  const kept = achieved >= 0.97 * rate && p99 <= 1000;
  console.log(`  offered ${rate}: stored ${Math.round(achieved)}/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${cpuUs.toFixed(1)} µs CPU/msg, ${(report['cpuCores'] as number).toFixed(2)} cores, main thread busy ${((report['mainThreadBusy'] as number) * 100).toFixed(0)} %, queued ${JSON.stringify(report['queued'])}${kept ? '' : ' — not sustained'}`);
  return { rate, achieved, p50, p99, cpuUs, cores, kept };
}

interface Row {
  mode: 'aedes' | 'full';
  devices: number;
  connections: number;
  connectMs: number;
  sustained: number;
  latencyRate: number;
  achieved: number;
  p50: number;
  p99: number;
  /** Platform CPU (all threads) per message at the lowest step: a figure less sensitive to a busy machine. */
  cpuUs: number;
  /** CPU the platform process got at its last step, in cores (the machine has 2, shared). */
  cores: number;
  /** Heap and buffers added by connecting the devices. */
  bytesPerDevice: number;
  /** Heap and buffers of everything the platform holds for the devices (city, registry, broker sessions). */
  totalBytesPerDevice: number;
  rssMiB: number;
  /** The machine's 1-minute load average when the measurement ended (2 cores: above 2 means queued work). */
  load: number;
  extras: Record<string, number>;
}

async function measure(mode: 'aedes' | 'full', devices: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'cityguard-bench-run-'));
  const connectionsFile = join(dir, 'connections.json');
  const platform = child('platform-process.ts', [mode, String(devices), String(perConnection(devices)), connectionsFile]);
  const ready = await next(platform, 'ready');
  const before = await ask(platform, 'memory', 'memory');
  const generator = child('load-generator.ts', [String(ready['port']), connectionsFile]);
  const connected = await next(generator, 'connected');
  await sleep(500);
  const after = await ask(platform, 'memory', 'memory');
  const heap = (m: Msg) => (m['heapUsed'] as number) + (m['external'] as number);
  const kept: Awaited<ReturnType<typeof step>>[] = [];
  let first: Awaited<ReturnType<typeof step>> | undefined;
  for (const rate of STEPS) {
    const result = await step(platform, generator, rate);
    first ??= result;
    if (!result.kept) break;
    kept.push(result);
  }
  const best = kept[kept.length - 1];
  const at = kept.find((k) => k.rate === TARGET_RATE) ?? kept.filter((k) => k.rate < TARGET_RATE).pop();
  const rss = await ask(platform, 'memory', 'memory');
  generator.send({ cmd: 'stop' });
  const stopped = await ask(platform, 'stop', 'stopped');
  rmSync(dir, { recursive: true, force: true });
  const row: Row = {
    mode, devices, connections: connected['connections'] as number, connectMs: connected['connectMs'] as number,
    cpuUs: first?.cpuUs ?? NaN,
    cores: (best ?? first)?.cores ?? NaN,
    sustained: best?.achieved ?? NaN, latencyRate: at?.rate ?? NaN, achieved: at?.achieved ?? NaN, p50: at?.p50 ?? NaN, p99: at?.p99 ?? NaN,
    bytesPerDevice: (heap(after) - heap(before)) / devices, totalBytesPerDevice: (heap(after) - heap(ready['atStart'] as Msg)) / devices, rssMiB: (rss['rss'] as number) / 2 ** 20, load: loadavg()[0]!,
    extras: { ...(ready['extras'] as Record<string, number>), ...(stopped['extras'] as Record<string, number>) },
  };
  console.log(`${mode} ${devices}: ${JSON.stringify(row)}`);
  return row;
}

const rows: Row[][] = [];
for (let r = 0; r < repeat; r++) {
  const run: Row[] = [];
  for (const n of scales) for (const mode of modes) run.push(await measure(mode, n));
  rows.push(run);
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const lines: string[] = [];
for (const [r, run] of rows.entries()) {
  lines.push(`\n### Run ${r + 1}\n`);
  lines.push('| devices | connections | path | msgs/s sustained | full ÷ aedes | latency measured at msgs/s | p50 ms | p99 ms | CPU µs/msg at 10k/s | cores used | memory per device: connection / all | process RSS | machine load |');
  lines.push('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of run) {
    const base = run.find((b) => b.mode === 'aedes' && b.devices === row.devices);
    const path = row.mode === 'aedes' ? 'aedes alone (baseline)' : 'MQTT → validate → bus → rules → SQLite';
    lines.push(
      `| ${f0(row.devices)} | ${f0(row.connections)} | ${path} | ${f0(row.sustained)} | ${row.mode === 'full' ? (base && Number.isFinite(row.sustained / base.sustained) ? (row.sustained / base.sustained).toFixed(2) : '–') : '1.00'} | ${f0(row.latencyRate)} | ${f1(row.p50)} | ${f1(row.p99)} | ${f1(row.cpuUs)} | ${row.cores.toFixed(2)} | ${f0(row.bytesPerDevice)} B / ${f0(row.totalBytesPerDevice)} B | ${f0(row.rssMiB)} MiB | ${f1(row.load)} |`,
    );
  }
  const full = run.filter((x) => x.mode === 'full');
  lines.push(`\nfull path extras: ${full.map((x) => `${f0(x.devices)} devices: rules ${x.extras['rules']}, alerts ${x.extras['alerts']}, quarantined ${x.extras['quarantined']}, credentials issued in ${f0(x.extras['credentialsMs'] ?? NaN)} ms, connect ${f0(x.connectMs)} ms`).join('; ')}`);
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${f0(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const table = lines.join('\n');
// The tables go to stdout; RESULTS.md is written by hand from them, with the conditions of the run.
console.log(`\nMachine: ${machine}\nCommand: npx tsx bench/ingest/run.ts ${args.join(' ')}\n${table}`);
