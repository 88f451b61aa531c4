// Turns a network finding into a domain Alert: technique and tactic from ATT&CK for ICS, the
// three plain-language answers, assets resolved from addresses, and a stable id from the dedup key.
import { createHash } from 'node:crypto';
import type { Alert } from '../../../domain/index.js';
import type { NetworkFinding } from './network-finding.js';
import { NETWORK_TECHNIQUES } from './techniques.js';

/** Detector names per finding source. */
const DETECTORS = {
  baseline: { kind: 'protocol-baseline', id: 'network.protocol-baseline', name: 'Industrial protocol baseline' },
  anomaly: { kind: 'network-anomaly', id: 'network.kitsune', name: 'Network traffic anomaly (Kitsune)' },
} as const;

/** An Alert for a finding; `eventIds` are the NetworkEvents that show it, when the caller made them. */
export function findingToAlert(f: NetworkFinding, assetOf: (ip: string) => string | undefined = () => undefined, eventIds: string[] = []): Alert {
  const technique = NETWORK_TECHNIQUES[f.technique];
  const assetIds = [...new Set(f.hosts.map(assetOf).filter((a): a is string => a !== undefined))];
  const id = createHash('sha256').update(f.dedupKey).digest('hex').slice(0, 24);
  return {
    id: `net-${id}`,
    ts: f.tsMs,
    severity: f.severity,
    detector: { ...(f.kind === 'network-anomaly' ? DETECTORS.anomaly : DETECTORS.baseline) },
    technique: { id: f.technique, name: technique.name },
    tactic: technique.tactic,
    title: f.title,
    explanation: { what: f.what, why: f.why, whatToDo: f.whatToDo },
    assetIds,
    evidence: { eventIds, facts: { ...f.facts, packet: f.packet, hosts: f.hosts.join(',') } },
    dedupKey: f.dedupKey,
  };
}
