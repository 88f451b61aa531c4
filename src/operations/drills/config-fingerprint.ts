// The configuration a drill ran with, as short hashes: the rules, the playbooks, the city file and
// the scenario. Two scorecards with the same fingerprint ran the same configuration; when a
// scenario that was detected is missed after the fingerprint changed, the change broke it.
import { createHash } from 'node:crypto';
import type { CityModel, Playbook, Scenario } from '../../domain/index.js';
import type { CompiledRule } from '../../engines/detection/index.js';

/** Hashes (SHA-256, first 16 hex digits) of each part of a drill's configuration. */
export interface DrillFingerprint {
  rules: string;
  playbooks: string;
  city: string;
  scenario: string;
  /** The four together: equal fingerprints ran the same configuration. */
  combined: string;
}

/** What a fingerprint is taken of. */
export interface FingerprintInput {
  city: CityModel;
  rules: readonly CompiledRule[];
  playbooks: readonly Playbook[];
  scenario: Scenario;
}

/** The fingerprint of one drill's configuration; order of rules and playbooks does not matter. */
export function configFingerprint(o: FingerprintInput): DrillFingerprint {
  const rules = hash([...o.rules].sort(byId).map((r) => ({ id: r.id, enabled: r.enabled, source: r.source })));
  const playbooks = hash([...o.playbooks].sort(byId));
  const city = hash(o.city.city);
  const scenario = hash(o.scenario);
  return { rules, playbooks, city, scenario, combined: hash([rules, playbooks, city, scenario]) };
}

/** Which parts differ between two fingerprints. */
export function fingerprintChanges(before: DrillFingerprint, after: DrillFingerprint): Array<'rules' | 'playbooks' | 'city' | 'scenario'> {
  return (['rules', 'playbooks', 'city', 'scenario'] as const).filter((k) => before[k] !== after[k]);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function hash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every level, so equal content always hashes alike. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Map) return canonicalJson(Object.fromEntries(value));
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
