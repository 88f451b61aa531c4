// `cityguard events tail`: follow the events a running cityguard receives, through its API.
import type { Command } from 'commander';
import type { Event } from '../../../domain/index.js';
import { apiOptions, callApi, type ApiOptions } from '../api-client.js';
import { intOption } from '../command-options.js';

interface TailOptions extends ApiOptions {
  asset?: string;
  type?: string;
  intervalMs: number;
  json?: boolean;
  count?: number;
}

/** Registers `cityguard events …`. */
export function registerEventsCommand(program: Command): void {
  const events = program.command('events').description('Look at the events cityguard receives');
  apiOptions(events.command('tail').description('Print events as they arrive at a running cityguard (polls its API)'))
    .option('--asset <id>', 'only this asset')
    .option('--type <type>', 'only this event type: telemetry, network, command, auth, log')
    .option('--interval-ms <ms>', 'poll interval', intOption, 1000)
    .option('--count <n>', 'stop after this many events', intOption)
    .option('--json', 'one JSON event per line')
    .action((o: TailOptions) => tail(o));
}

async function tail(o: TailOptions): Promise<void> {
  let since = Date.now() - 5_000;
  const seen = new Set<string>();
  let printed = 0;
  for (;;) {
    const params = new URLSearchParams({ from: String(since), limit: '1000' });
    if (o.asset) params.set('assetId', o.asset);
    if (o.type) params.set('type', o.type);
    const page = await callApi<{ items: Event[] }>(o, 'GET', `/api/events?${params}`);
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
