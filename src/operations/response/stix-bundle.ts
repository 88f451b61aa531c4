// An incident's indicators as a STIX 2.1 bundle (OASIS STIX 2.1, §3 common properties, §4.7
// identity, §4.8 indicator, §4.1 attack-pattern, §5.1 relationship, §8 bundle; patterns per §9).
// External addresses, domains and firmware hashes the alerts recorded become indicators tied to the
// ATT&CK for ICS techniques they indicate; internal accounts only when asked (sharing them outside
// the city is a decision for a person). Ids are UUIDv5 so a re-export names the same objects.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Alert, CityModel, Incident } from '../../domain/index.js';
import { isPrivateAddress } from './step-targets.js';

interface StixBase {
  type: string;
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref?: string;
}

/** The city as the producer of the bundle. */
export interface StixIdentity extends StixBase {
  type: 'identity';
  name: string;
  identity_class: 'organization';
  sectors: string[];
}

/** A pattern worth looking for elsewhere. */
export interface StixIndicator extends StixBase {
  type: 'indicator';
  name: string;
  description: string;
  indicator_types: string[];
  pattern: string;
  pattern_type: 'stix';
  valid_from: string;
  kill_chain_phases: Array<{ kill_chain_name: 'mitre-ics-attack'; phase_name: string }>;
}

/** An ATT&CK for ICS technique. */
export interface StixAttackPattern extends StixBase {
  type: 'attack-pattern';
  name: string;
  external_references: Array<{ source_name: 'mitre-ics-attack'; external_id: string; url: string }>;
}

/** indicator → indicates → attack-pattern. */
export interface StixRelationship extends StixBase {
  type: 'relationship';
  relationship_type: 'indicates';
  source_ref: string;
  target_ref: string;
}

export type StixObject = StixIdentity | StixIndicator | StixAttackPattern | StixRelationship;

/** A STIX 2.1 bundle (bundles carry no spec_version). */
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** Namespace of cityguard's UUIDv5 ids (fixed, random). */
const NAMESPACE = '6f1c3c9e-3a53-4b8e-9a47-2d4c0f1e8b21';

/** RFC 9562 §5.5 name-based UUID (SHA-1). */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A STIX string literal: backslash and single quote escaped (§9.2). */
export const stixString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const HASH_BY_LENGTH: Readonly<Record<number, string>> = { 32: 'MD5', 40: "'SHA-1'", 64: "'SHA-256'" };

/** One observable found in the alerts. */
interface Observable {
  pattern: string;
  name: string;
  types: string[];
  alerts: Alert[];
}

function observables(city: CityModel, alerts: readonly Alert[], internal: boolean): Map<string, Observable> {
  const found = new Map<string, Observable>();
  const add = (pattern: string, name: string, types: string[], alert: Alert) => {
    const o = found.get(pattern) ?? { pattern, name, types, alerts: [] };
    o.alerts.push(alert);
    found.set(pattern, o);
  };
  for (const a of alerts) {
    const f = a.evidence.facts;
    for (const key of ['srcIp', 'dstIp']) {
      const ip = f[key];
      if (typeof ip !== 'string' || isIP(ip) === 0 || isPrivateAddress(ip) || city.assetByAddress(ip)) continue;
      add(`[${isIP(ip) === 6 ? 'ipv6-addr' : 'ipv4-addr'}:value = ${stixString(ip)}]`, `Address ${ip}`, ['malicious-activity'], a);
    }
    for (const key of ['attrs.http_host', 'attrs.domain']) {
      const d = f[key];
      if (typeof d === 'string' && /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(d)) add(`[domain-name:value = ${stixString(d.toLowerCase())}]`, `Domain ${d}`, ['malicious-activity'], a);
    }
    const hash = f['args.hash'];
    const algo = typeof hash === 'string' && /^[0-9a-f]+$/i.test(hash) ? HASH_BY_LENGTH[hash.length] : undefined;
    if (algo) add(`[file:hashes.${algo} = ${stixString(String(hash).toLowerCase())}]`, `Firmware image ${String(hash).slice(0, 12)}…`, ['malicious-activity'], a);
    if (!internal) continue;
    for (const key of ['user', 'attrs.target_user']) {
      const u = f[key];
      if (typeof u === 'string' && u !== '') add(`[user-account:user_id = ${stixString(u)}]`, `Account ${u}`, ['compromised'], a);
    }
  }
  return found;
}

/** Builds the bundle of an incident's indicators. */
export function stixBundle(city: CityModel, incident: Incident, alerts: readonly Alert[], options: { internal?: boolean } = {}): StixBundle {
  const iso = (ms: number) => new Date(ms).toISOString();
  const stamp = { created: iso(incident.openedTs), modified: iso(incident.updatedTs) };
  const identity: StixIdentity = {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuidV5(`city:${city.city.city.id}`)}`,
    ...stamp,
    name: city.city.city.name,
    identity_class: 'organization',
    sectors: ['government-local'],
  };
  const base = (type: string, key: string) => ({ spec_version: '2.1' as const, id: `${type}--${uuidV5(`${incident.id}|${key}`)}`, ...stamp, created_by_ref: identity.id });
  const patterns = new Map<string, StixAttackPattern>();
  const objects: StixObject[] = [identity];
  const relationships: StixRelationship[] = [];
  for (const o of observables(city, alerts, options.internal ?? false).values()) {
    const first = Math.min(...o.alerts.map((a) => a.ts));
    const indicator: StixIndicator = {
      type: 'indicator',
      ...base('indicator', o.pattern),
      name: o.name,
      description: `Seen in ${city.city.city.name} incident "${incident.title}": ${[...new Set(o.alerts.map((a) => a.title))].join('; ')}.`,
      indicator_types: o.types,
      pattern: o.pattern,
      pattern_type: 'stix',
      valid_from: iso(first),
      kill_chain_phases: [...new Set(o.alerts.map((a) => a.tactic))].map((phase_name) => ({ kill_chain_name: 'mitre-ics-attack', phase_name })),
    };
    objects.push(indicator);
    for (const a of o.alerts) {
      const t = a.technique;
      if (!patterns.has(t.id))
        patterns.set(t.id, {
          type: 'attack-pattern',
          ...base('attack-pattern', t.id),
          name: t.name,
          external_references: [{ source_name: 'mitre-ics-attack', external_id: t.id, url: `https://attack.mitre.org/techniques/${t.id}/` }],
        });
      const rel = { type: 'relationship' as const, ...base('relationship', `${o.pattern}|${t.id}`), relationship_type: 'indicates' as const, source_ref: indicator.id, target_ref: patterns.get(t.id)!.id };
      if (!relationships.some((r) => r.id === rel.id)) relationships.push(rel);
    }
  }
  objects.push(...patterns.values(), ...relationships);
  return { type: 'bundle', id: `bundle--${uuidV5(`${incident.id}|bundle|${incident.updatedTs}`)}`, objects };
}
