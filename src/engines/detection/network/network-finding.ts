// A network finding: one departure from the learned baseline or one anomalous packet, with the
// plain words an Alert needs. Findings are per packet; alerts are findings deduplicated by key.
import type { Severity } from '../../../domain/index.js';
import type { NetworkTechniqueId } from './techniques.js';

/** What kind of departure a finding is. */
export type FindingKind =
  | 'new-master'
  | 'new-device'
  | 'new-command'
  | 'new-address'
  | 'value-out-of-range'
  | 'scan'
  | 'polling-gap'
  | 'polling-burst'
  | 'sequence'
  | 'protocol-anomaly'
  | 'network-anomaly';

/** One finding about one packet. */
export interface NetworkFinding {
  kind: FindingKind;
  /** Packet number (1-based) and capture time of the evidence. */
  packet: number;
  tsMs: number;
  severity: Severity;
  technique: NetworkTechniqueId;
  /** One line for lists and the CSV reason column. */
  title: string;
  /** What happened, why it matters, what to do — for a person who is not a security analyst. */
  what: string;
  why: string;
  whatToDo: string[];
  /** IP addresses involved, source first. */
  hosts: string[];
  /** Same key, same alert: later findings with it add evidence rather than new alerts. */
  dedupKey: string;
  facts: Record<string, string | number | boolean | null>;
}
