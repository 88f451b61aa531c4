// A partition's snapshot as the state store keeps it: the stream position it covers, the rule
// engine's state at that position, and the partition's counters (so "every event processed" can be
// counted across owners: a moved partition continues the counts of the snapshot, not of the replay).
import type { RuleEngineSnapshot } from '../../engines/detection/index.js';

/** Counters of one partition over its whole life, across owners. */
export interface PartitionCounts {
  /** Events handled (each stream message once, whoever handled it). */
  events: number;
  /** Messages that were not events (not JSON, or not event-shaped): skipped and counted. */
  malformed: number;
  /** Alerts raised (before the store's de-duplication). */
  alerts: number;
  /** Events forwarded to the stage of rules spanning assets. */
  forwarded: number;
}

/** What a worker stores per partition and topic. */
export interface PartitionSnapshot {
  version: 1;
  /** The last stream sequence whose effects the engine state holds. */
  seq: number;
  counts: PartitionCounts;
  engine: RuleEngineSnapshot;
  savedMs: number;
  owner: string;
}

/** Checks the envelope of a stored snapshot (the engine checks its own part on restore). */
export function readPartitionSnapshot(value: unknown): PartitionSnapshot {
  const s = value as Partial<PartitionSnapshot> | null;
  const fail = (why: string) => {
    throw new TypeError(`partition snapshot: ${why}`);
  };
  if (typeof s !== 'object' || s === null) return fail('not an object');
  if (s.version !== 1) fail(`version ${String(s.version)} is not 1`);
  if (typeof s.seq !== 'number' || !Number.isInteger(s.seq) || s.seq < 0) fail('seq is not a stream sequence');
  const c = s.counts;
  if (typeof c !== 'object' || c === null || !(['events', 'malformed', 'alerts', 'forwarded'] as const).every((k) => typeof c[k] === 'number')) fail('counts are missing');
  if (typeof s.engine !== 'object' || s.engine === null) fail('engine state is missing');
  return s as PartitionSnapshot;
}
