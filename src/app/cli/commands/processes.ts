// `cityguard processes …`: the process anomaly detectors of a running cityguard, through its API —
// where each is in its lifecycle and where its baseline came from, and a re-learn after a planned
// change to the process (new setpoints, a replaced pump).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ProcessList, ProcessStatus } from '../../../contracts/index.js';

interface ApiOptions {
  url: string;
  token?: string;
  dataDir: string;
}

function token(o: ApiOptions): string {
  const t = o.token ?? process.env['CITYGUARD_TOKEN'];
  if (t) return t;
  try {
    return readFileSync(join(o.dataDir, 'admin.token'), 'utf8').trim();
  } catch {
    throw new Error('no API token: pass --token, set CITYGUARD_TOKEN, or point --data-dir at a folder with admin.token');
  }
}

async function call<T>(o: ApiOptions, method: 'GET' | 'POST', path: string): Promise<T> {
  const res = await fetch(`${o.url}${path}`, { method, headers: { authorization: `Bearer ${token(o)}` } });
  const text = await res.text();
  if (!res.ok) {
    const e = (() => {
      try {
        return JSON.parse(text) as { error?: string; message?: string };
      } catch {
        return { message: text };
      }
    })();
    throw new Error(`${method} ${path} failed — ${e.error ?? res.status}: ${e.message ?? text}`);
  }
  return JSON.parse(text) as T;
}

const api = (c: Command) =>
  c
    .option('--url <url>', 'cityguard API', 'http://127.0.0.1:8080')
    .option('--token <token>', 'API token, operator role for relearn (default: $CITYGUARD_TOKEN, then <data-dir>/admin.token)')
    .option('--data-dir <dir>', 'data directory holding admin.token', './.cityguard');

function line(p: ProcessStatus): string {
  const progress = p.phase === 'detecting' ? `score ${p.lastScore === null ? '—' : p.lastScore.toFixed(2)}${p.alarmOpen ? ' ALARM' : ''}` : `${Math.round(p.progress * 100)} %`;
  return `${p.id.padEnd(14)} ${p.phase.padEnd(10)} ${progress.padEnd(14)} ${p.name}\n${' '.repeat(15)}baseline: ${p.baseline.description}`;
}

/** Registers `cityguard processes list|relearn`. */
export function registerProcessesCommand(program: Command): void {
  const cmd = program.command('processes').description('Process anomaly detectors of a running cityguard: lifecycle, baseline, re-learn');
  api(cmd.command('list').description('Each process detector: phase, progress or last score, and where its baseline came from')).action(async (o: ApiOptions) => {
    const list = await call<ProcessList>(o, 'GET', '/api/processes');
    if (list.prelearning) console.log('(pre-learning on the city twin; live telemetry waits)');
    for (const p of list.items) console.log(line(p));
  });
  api(cmd.command('relearn <id>').description('Forget what a process detector learned and learn again from live telemetry')).action(async (id: string, o: ApiOptions) => {
    console.log(line(await call<ProcessStatus>(o, 'POST', `/api/processes/${encodeURIComponent(id)}/relearn`)));
  });
}
