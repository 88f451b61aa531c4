// Options of the NATS JetStream bus with their defaults. Limits and retention apply to every
// topic's stream; delivery settings to every durable consumer the bus creates.
import { busBadName } from './errors.js';
import { isPlainName } from './partitioning.js';

/** Options of `NatsBus`. Durations are milliseconds. */
export interface NatsBusOptions {
  /** Server URL(s), e.g. `nats://127.0.0.1:4222`. */
  url: string | string[];
  /** Partitions per topic; fixed for the life of a stream (keys hash onto them). */
  partitions: number;
  /** Prefix of stream names and subjects, e.g. `CITYGUARD`. */
  streamPrefix: string;
  /** Connection name shown by the server (`nats server report connections`). */
  name?: string;
  /** `interest` (default): a message stays until every group acknowledged it. `limits`: kept until the limits below, so a new group can replay. */
  retention?: 'interest' | 'limits';
  /** Oldest message a stream keeps, even unacknowledged (default 7 days; 0 = no limit). */
  maxAgeMs?: number;
  /** Most bytes per stream (default no limit). When reached, publishes are refused, never silently discarded. */
  maxBytes?: number;
  /** Most messages per stream (default no limit); refused like `maxBytes`. */
  maxMsgs?: number;
  /** Window in which a repeated message id is recognised and not stored twice (default 2 minutes). */
  duplicateWindowMs?: number;
  /** Stream replicas in a NATS cluster (default 1). */
  replicas?: number;
  /** Where streams keep messages (default `file`). */
  storage?: 'file' | 'memory';
  /** Time a delivered message may stay unacknowledged before the server redelivers it (default 30 s). */
  ackWaitMs?: number;
  /** Handler attempts before a message is given up, terminated and counted as failed (default 5). */
  maxDeliver?: number;
  /** Wait before redelivering a failed batch; doubles per attempt up to 32 times this (default 100 ms). */
  retryBackoffMs?: number;
  /** A `drop`-overflow group's consumers are removed by the server after this long without a reader (default 1 hour). */
  dropGroupInactiveMs?: number;
  /**
   * Most values published to one partition in the same turn of the event loop that travel as one
   * message (a batch envelope; default 256, 1 = one message per value). Capped at a sixteenth of the
   * smallest block group's capacity, because on NATS capacity counts messages.
   */
  batchMaxMessages?: number;
  /** Most JSON bytes in one batch envelope (default 256 KiB; NATS refuses messages over max_payload, 1 MiB by default). */
  batchMaxBytes?: number;
  /** How long `close()` waits for queued messages before giving up (default 10 s). */
  closeTimeoutMs?: number;
  /** Called when a handler throws or rejects; the batch is redelivered or, after `maxDeliver` attempts, counted as failed. */
  onHandlerError?: (error: unknown, where: { topic: string; group: string; size: number }) => void;
  /** Called on a failure outside handlers (consumer set-up, backlog polling, undecodable messages). */
  onError?: (error: unknown, where: { topic: string; group?: string; what: string }) => void;
}

/** Options with every default filled in. */
export type ResolvedNatsBusOptions = Required<Omit<NatsBusOptions, 'onHandlerError' | 'onError' | 'name'>> &
  Pick<NatsBusOptions, 'onHandlerError' | 'onError' | 'name'>;

/** Fills in defaults and checks the names and numbers; throws CG_BUS_BAD_NAME or a RangeError. */
export function resolveNatsBusOptions(options: NatsBusOptions): ResolvedNatsBusOptions {
  if (!isPlainName(options.streamPrefix)) throw busBadName('streamPrefix', options.streamPrefix);
  if (!Number.isInteger(options.partitions) || options.partitions < 1 || options.partitions > 4096) {
    throw new RangeError(`partitions must be an integer from 1 to 4096, not ${options.partitions}`);
  }
  const resolved: ResolvedNatsBusOptions = {
    retention: 'interest',
    maxAgeMs: 7 * 24 * 3_600_000,
    maxBytes: -1,
    maxMsgs: -1,
    duplicateWindowMs: 120_000,
    replicas: 1,
    storage: 'file',
    ackWaitMs: 30_000,
    maxDeliver: 5,
    retryBackoffMs: 100,
    closeTimeoutMs: 10_000,
    batchMaxMessages: 256,
    batchMaxBytes: 256 * 1024,
    dropGroupInactiveMs: 3_600_000,
    ...withoutUndefined(options),
  };
  if (resolved.maxDeliver < 1) throw new RangeError('maxDeliver must be at least 1');
  if (resolved.ackWaitMs < 1000) throw new RangeError('ackWaitMs must be at least 1000');
  if (!(resolved.batchMaxMessages >= 1)) throw new RangeError('batchMaxMessages must be at least 1');
  return resolved;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
