// Partition ownership among worker processes, kept in a NATS KV bucket. Each member writes a
// heartbeat (`member.<id>`) every round; a member is live while its heartbeat is younger than the
// lease time. Each partition has a lease (`lease.<p>`) its owner renews every round with a
// compare-and-set on the entry's revision, so two members can never both renew one lease. Every
// member computes the same desired owner per partition from the live members (partition-assignment);
// an owner that is no longer the desired one finishes its work (checkpoint) and gives the lease up,
// and the desired owner claims a lease that is free or expired. A member that dies stops renewing:
// after the lease time its partitions are claimed by the others.
import { Kvm, type KV, type KvEntry } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { desiredOwner } from './partition-assignment.js';

/** What a member publishes with its heartbeat. */
export interface MemberRecord {
  id: string;
  host: string;
  pid: number;
  startedMs: number;
  /** Partitions it held at its last heartbeat. */
  partitions: number[];
  /** Where its health and metrics endpoints listen. */
  url?: string;
  /** Messages not yet handled per partition (topic → partition → count), as it last saw them. */
  lag?: Record<string, Record<string, number>>;
}

/** What the lease holder does when ownership changes. */
export interface LeaseHooks {
  /** Starts work on a partition just leased; a rejection gives the lease back. */
  acquire(partition: number): Promise<void>;
  /** Finishes work on a partition (checkpoint, stop) before its lease is given up. */
  release(partition: number): Promise<void>;
  /** The lease was lost (expired or taken over): stop at once, without a checkpoint. */
  lost(partition: number): Promise<void>;
  /** The member record to publish, read at each heartbeat. */
  describe(): Omit<MemberRecord, 'partitions'>;
  /** A round completed (heartbeat written, leases renewed). */
  onRound?(): void;
  /** A round failed (NATS unreachable); the next one retries. */
  onError?(error: unknown): void;
}

/** Timing of the lease protocol, in milliseconds. */
export interface LeaseTiming {
  partitions: number;
  /** A heartbeat or lease older than this is dead / expired (default 10 s). */
  leaseMs: number;
  /** Time between rounds (default a fifth of the lease). */
  heartbeatMs: number;
}

interface Held {
  revision: number;
  /** When the last renewal was sent (before the server wrote it, so on the safe side). */
  renewedAtMs: number;
}

const encoder = new TextEncoder();
const json = (v: unknown) => encoder.encode(JSON.stringify(v));
const isLive = (e: KvEntry | null | undefined, leaseMs: number, nowMs: number) => !!e && e.operation === 'PUT' && e.created.getTime() + leaseMs > nowMs;

/** Opens (creating when missing) the cluster's KV bucket. */
export async function openClusterBucket(nc: NatsConnection, bucket: string): Promise<KV> {
  return new Kvm(nc).create(bucket, { history: 1 });
}

/** One member's leases; call `start()` to take part and `leave()` to hand everything over. */
export class PartitionLeases {
  private readonly held = new Map<number, Held>();
  private running: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly kv: KV,
    readonly memberId: string,
    private readonly timing: LeaseTiming,
    private readonly hooks: LeaseHooks,
  ) {}

  /** Partitions whose lease this member holds and has renewed within the lease time. */
  holding(): number[] {
    return [...this.held.keys()].filter((p) => this.holds(p)).sort((a, b) => a - b);
  }

  /** True while the lease is held and fresh: work on the partition may be checkpointed. */
  holds(partition: number): boolean {
    const h = this.held.get(partition);
    return h !== undefined && Date.now() < h.renewedAtMs + this.timing.leaseMs;
  }

  /** Runs a round now and then every heartbeat until `leave()`. */
  start(): void {
    this.running ??= this.loop();
  }

  /** Runs one round: heartbeat, renew, release what should move, claim what is ours. */
  async round(): Promise<void> {
    const now = Date.now();
    await this.kv.put(`member.${this.memberId}`, json({ ...this.hooks.describe(), id: this.memberId, partitions: [...this.held.keys()] }));
    const members = await this.liveMembers(now);
    for (let p = 0; p < this.timing.partitions && !this.stopped; p++) {
      const entry = await this.kv.get(`lease.${p}`);
      const current = entry && entry.operation === 'PUT' ? entry : undefined;
      const want = desiredOwner(members, p) === this.memberId;
      if (this.held.has(p)) await this.keep(p, current, want);
      else if (want) await this.claim(p, current, now);
    }
  }

  /** Gives every partition up (after `release` for each) and removes the heartbeat. */
  async leave(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    for (const p of [...this.held.keys()]) await this.giveUp(p);
    await this.kv.delete(`member.${this.memberId}`).catch(() => undefined);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.round();
        this.hooks.onRound?.();
      } catch (error) {
        this.hooks.onError?.(error);
      }
      if (this.stopped) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.timing.heartbeatMs);
        this.wake = () => (clearTimeout(timer), resolve());
      });
    }
  }

  private async liveMembers(nowMs: number): Promise<string[]> {
    const ids: string[] = [this.memberId];
    for await (const key of await this.kv.keys('member.*')) {
      const id = key.slice('member.'.length);
      if (id !== this.memberId && isLive(await this.kv.get(key), this.timing.leaseMs, nowMs)) ids.push(id);
    }
    return ids;
  }

  private async keep(p: number, current: KvEntry | undefined, want: boolean): Promise<void> {
    const mine = this.held.get(p)!;
    if (!current || current.revision !== mine.revision) {
      this.held.delete(p);
      await this.hooks.lost(p);
      return;
    }
    if (!want) return this.giveUp(p);
    const sentAtMs = Date.now();
    try {
      mine.revision = await this.kv.update(`lease.${p}`, json({ owner: this.memberId }), mine.revision);
      mine.renewedAtMs = sentAtMs;
    } catch {
      this.held.delete(p);
      await this.hooks.lost(p);
    }
  }

  private async claim(p: number, current: KvEntry | undefined, nowMs: number): Promise<void> {
    if (current && isLive(current, this.timing.leaseMs, nowMs)) return; // its owner will give it up
    const sentAtMs = Date.now();
    let revision: number;
    try {
      revision = current ? await this.kv.update(`lease.${p}`, json({ owner: this.memberId }), current.revision) : await this.kv.create(`lease.${p}`, json({ owner: this.memberId }));
    } catch {
      return; // another member was quicker
    }
    this.held.set(p, { revision, renewedAtMs: sentAtMs });
    try {
      await this.hooks.acquire(p);
    } catch (error) {
      this.hooks.onError?.(error);
      await this.giveUp(p, false);
    }
  }

  private async giveUp(p: number, release = true): Promise<void> {
    const mine = this.held.get(p);
    if (!mine) return;
    if (release) await this.hooks.release(p);
    this.held.delete(p);
    await this.kv.delete(`lease.${p}`, { previousSeq: mine.revision }).catch(() => undefined);
  }
}
