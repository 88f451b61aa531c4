// Changes to what the platform runs on — detection rules, playbooks, the city model and the
// deployment configuration — found at start by hashing each file (SHA-256) and comparing with the
// digests recorded last time. Each area that differs becomes one ledger entry naming the files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RuntimeConfig } from '../../domain/index.js';
import { LEDGER_KINDS, type LedgerAppend } from '../../engines/ledger/index.js';
import type { StateStore } from '../../platform/store/index.js';

const NAMESPACE = 'ledger.content-digests';

/** Where the content the runtime loaded came from. */
export interface ContentSources {
  rules: string;
  playbooks: string;
  city: string;
  config: RuntimeConfig;
}

type Digests = Record<string, string>;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** SHA-256 of every YAML file under `path` (a file or a folder), keyed by path relative to it. */
function digestFiles(path: string): Digests {
  const out: Digests = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(name)) out[relative(path, full)] = sha256(readFileSync(full));
    }
  };
  if (statSync(path).isDirectory()) walk(path);
  else out[path.split('/').at(-1)!] = sha256(readFileSync(path));
  return out;
}

/** Serialises with sorted keys, so the same configuration always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function diff(before: Digests | undefined, now: Digests): { added: string[]; removed: string[]; changed: string[] } {
  const old = before ?? {};
  return {
    added: Object.keys(now).filter((k) => !(k in old)),
    removed: Object.keys(old).filter((k) => !(k in now)),
    changed: Object.keys(now).filter((k) => k in old && old[k] !== now[k]),
  };
}

/** The change entries to append, and a function that records the new digests once they are appended. */
export async function contentChanges(sources: ContentSources, state: StateStore): Promise<{ entries: LedgerAppend[]; commit: () => Promise<void> }> {
  const areas: Array<{ key: string; kind: string; what: string; path: string; digests: Digests; extra?: Record<string, unknown> }> = [
    { key: 'rules', kind: LEDGER_KINDS.ruleChanged, what: 'detection rules', path: sources.rules, digests: digestFiles(sources.rules) },
    { key: 'playbooks', kind: LEDGER_KINDS.playbookChanged, what: 'playbooks', path: sources.playbooks, digests: digestFiles(sources.playbooks) },
    { key: 'city', kind: LEDGER_KINDS.configChanged, what: 'city model', path: sources.city, digests: digestFiles(sources.city) },
    { key: 'config', kind: LEDGER_KINDS.configChanged, what: 'deployment configuration', path: '(runtime configuration)', digests: { config: sha256(canonicalJson(sources.config)) }, extra: { config: sources.config } },
  ];
  const entries: LedgerAppend[] = [];
  const updates: Array<[string, Digests]> = [];
  for (const area of areas) {
    const before = await state.get<Digests>(NAMESPACE, area.key);
    const d = diff(before, area.digests);
    if (before && d.added.length + d.removed.length + d.changed.length === 0) continue;
    const count = d.added.length + d.removed.length + d.changed.length;
    entries.push({
      kind: area.kind,
      payload: {
        what: area.what,
        by: 'cityguard (at start)',
        text: before ? `${area.what}: ${count} file(s) changed since the last start` : `${area.what} recorded for the first time (${Object.keys(area.digests).length} file(s))`,
        path: area.path,
        ...d,
        digests: area.digests,
        ...(area.extra ?? {}),
      },
    });
    updates.push([area.key, area.digests]);
  }
  return {
    entries,
    commit: async () => {
      for (const [key, digests] of updates) await state.put(NAMESPACE, key, digests);
    },
  };
}
