// `cityguard events tail`: follow the events a running cityguard receives, through its API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Event } from '../../../domain/index.js';
import { intOption } from '../command-options.js';

interface TailOptions {
  url: string;
  token?: string;
  dataDir: string;
  asset?: string;
  type?: string;
  intervalMs: number;
  json?: boolean;
  count?: number;
}

/** Registers `cityguard events …`. */
export function registerEventsCommand(program: Command): void {
  const events = program.command('events').description('Look at the events cityguard receives');
  events
    .command('tail')
    .description('Print events as they arrive at a running cityguard (polls its API)')
    .option('--url <url>', 'cityguard API', 'http://127.0.0.1:8080')
    .option('--token <token>', 'API token (default: $CITYGUARD_TOKEN, then <data-dir>/admin.token)')
    .option('--data-dir <dir>', 'data directory holding admin.token', './.cityguard')
    .option('--asset <id>', 'only this asset')
    .option('--type <type>', 'only this event type: telemetry, network, command, auth, log')
    .option('--interval-ms <ms>', 'poll interval', intOption, 1000)
    .option('--count <n>', 'stop after this many events', intOption)
    .option('--json', 'one JSON event per line')
    .action((o: TailOptions) => tail(o));
}

function tokenFor(o: TailOptions): string {
  const token = o.token ?? process.env['CITYGUARD_TOKEN'];
  if (token) return token;
  try {
    return readFileSync(join(o.dataDir, 'admin.token'), 'utf8').trim();
  } catch {
    throw new Error(`no API token: pass --token, set CITYGUARD_TOKEN, or point --data-dir at a folder with admin.token`);
  }
}

async function tail(o: TailOptions): Promise<void> {
  const headers = { authorization: `Bearer ${tokenFor(o)}` };
  let since = Date.now() - 5_000;
  const seen = new Set<string>();
  let printed = 0;
  for (;;) {
    const params = new URLSearchParams({ from: String(since), limit: '1000' });
    if (o.asset) params.set('assetId', o.asset);
    if (o.type) params.set('type', o.type);
    const res = await fetch(`${o.url}/api/events?${params}`, { headers });
    if (!res.ok) throw new Error(`${o.url} answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { items: Event[] };
    for (const e of page.items.reverse()) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      since = Math.max(since, e.ts);
      console.log(o.json ? JSON.stringify(e) : describe(e));
      if (o.count !== undefined && ++printed >= o.count) return;
    }
    if (seen.size > 50_000) seen.clear();
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
}

function describe(e: Event): string {
  const time = new Date(e.ts).toISOString().slice(11, 23);
  const who = e.assetId ?? '-';
  switch (e.type) {
    case 'telemetry':
      return `${time} ${who} telemetry ${Object.entries(e.metrics).map(([k, v]) => `${k}=${v}`).join(' ')}`;
    case 'command':
      return `${time} ${who} command ${e.command} from ${e.actor.host ?? e.actor.ip ?? e.actor.user ?? '?'}`;
    case 'auth':
      return `${time} ${who} login ${e.outcome} user=${e.user} via ${e.method}${e.srcIp ? ` from ${e.srcIp}` : ''}`;
    case 'network':
      return `${time} ${e.srcIp} → ${e.dstIp} ${e.protocol ?? e.transport} ${e.action ?? ''}`;
    case 'log':
      return `${time} ${who} log[${e.severity}] ${e.message}`;
  }
}
