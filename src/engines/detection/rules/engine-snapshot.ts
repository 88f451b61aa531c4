// The RuleEngine's state as one JSON document: what each rule's detector holds (windows, pending
// events, counters), the engine's suppression windows and the ids it remembers. A worker stores it
// with the stream position it covers, so whoever takes the partition over resumes from there.
import { createHash } from 'node:crypto';
import type { CompiledRule } from './compiled-rule.js';
import { arrayAt, numberAt, objectAt, SnapshotShapeError, stringAt, tuplesAt } from './snapshot-data.js';

/** Version of the snapshot layout; a snapshot of another version is refused. */
export const RULE_ENGINE_SNAPSHOT_VERSION = 1;

/** One rule's counters as a snapshot carries them (the engine's RuleStats). */
export interface SnapshotRuleStats {
  ruleId: string;
  evaluated: number;
  matched: number;
  alerts: number;
  suppressed: number;
  duplicates: number;
}

/** A RuleEngine's state (plain JSON). */
export interface RuleEngineSnapshot {
  version: number;
  nowMs: number;
  counters: { events: number; duplicateEvents: number; alerts: number; callbackErrors: number };
  recentEvents: string[];
  recentAlerts: string[];
  suppressed: Array<[key: string, untilMs: number]>;
  /** Per rule: a fingerprint of its definition, its counters and its detector's state. */
  rules: Array<{ id: string; fingerprint: string; stats: SnapshotRuleStats; state: unknown }>;
}

/** What `restore` took from a snapshot. */
export interface RestoreReport {
  /** Rules whose state was restored. */
  restored: number;
  /** Rules in the snapshot left out: unknown here, or changed since (their windows start empty). */
  skipped: string[];
}

/** A short hash of a rule as written: state is restored only into the same definition. */
export function ruleFingerprint(rule: CompiledRule): string {
  return createHash('sha256').update(JSON.stringify(rule.source)).digest('hex').slice(0, 16);
}

/** Checks the top level of a snapshot; the detectors check their own parts when restored. */
export function readSnapshot(value: unknown): RuleEngineSnapshot {
  const o = objectAt(value, 'snapshot');
  const version = numberAt(o['version'], 'snapshot.version');
  if (version !== RULE_ENGINE_SNAPSHOT_VERSION) throw new SnapshotShapeError(`snapshot.version: expected ${RULE_ENGINE_SNAPSHOT_VERSION}, found ${version}`);
  const c = objectAt(o['counters'], 'snapshot.counters');
  const count = (k: string) => numberAt(c[k], `snapshot.counters.${k}`);
  const ids = (k: string) => arrayAt(o[k], `snapshot.${k}`).map((id, i) => stringAt(id, `snapshot.${k}[${i}]`));
  return {
    version,
    nowMs: numberAt(o['nowMs'], 'snapshot.nowMs'),
    counters: { events: count('events'), duplicateEvents: count('duplicateEvents'), alerts: count('alerts'), callbackErrors: count('callbackErrors') },
    recentEvents: ids('recentEvents'),
    recentAlerts: ids('recentAlerts'),
    suppressed: tuplesAt(o['suppressed'], 'snapshot.suppressed', 2, (t, at) => [stringAt(t[0], at), numberAt(t[1], at)]),
    rules: arrayAt(o['rules'], 'snapshot.rules').map((r, i) => {
      const at = `snapshot.rules[${i}]`;
      const ro = objectAt(r, at);
      const s = objectAt(ro['stats'], `${at}.stats`);
      const stat = (k: keyof SnapshotRuleStats) => numberAt(s[k], `${at}.stats.${k}`);
      const id = stringAt(ro['id'], `${at}.id`);
      return {
        id,
        fingerprint: stringAt(ro['fingerprint'], `${at}.fingerprint`),
        stats: { ruleId: id, evaluated: stat('evaluated'), matched: stat('matched'), alerts: stat('alerts'), suppressed: stat('suppressed'), duplicates: stat('duplicates') },
        state: ro['state'],
      };
    }),
  };
}
