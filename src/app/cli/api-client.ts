// Commands that act on a running cityguard go through its API: this is how they find it, which
// token they present, and how an API error becomes one readable line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';

/** Where the API is and how to authenticate. */
export interface ApiOptions {
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

/** Calls the API and returns the JSON body; a non-2xx answer throws with the API's error code and message. */
export async function callApi<T>(o: ApiOptions, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${o.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token(o)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      const e = JSON.parse(text) as { error?: string; message?: string };
      message = `${e.error ?? res.status}: ${e.message ?? text}`;
    } catch {
      // not JSON: keep the body as it is
    }
    throw new Error(`${method} ${path} failed — ${message}`);
  }
  return JSON.parse(text) as T;
}

/** Adds --url, --token and --data-dir; `tokenHelp` says which role the command needs. */
export function apiOptions(c: Command, tokenHelp = 'API token'): Command {
  return c
    .option('--url <url>', 'cityguard API', 'http://127.0.0.1:8080')
    .option('--token <token>', `${tokenHelp} (default: $CITYGUARD_TOKEN, then <data-dir>/admin.token)`)
    .option('--data-dir <dir>', 'data directory holding admin.token', './.cityguard');
}
