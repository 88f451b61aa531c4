// A read-only look at the cluster's KV bucket: every member that ever sent a heartbeat (live or not,
// with its age) and every partition's lease. `cityguard cluster status` prints it.
import type { KV } from '@nats-io/kv';
import type { MemberRecord } from './partition-leases.js';

/** A member as the bucket shows it. */
export interface MemberView extends MemberRecord {
  /** When its last heartbeat was written (server time, ms since epoch). */
  lastHeartbeatMs: number;
  alive: boolean;
}

/** A partition's lease as the bucket shows it. */
export interface LeaseView {
  partition: number;
  owner: string | undefined;
  /** When the owner last renewed it (server time, ms since epoch). */
  renewedMs: number | undefined;
  valid: boolean;
}

/** Members and leases in the bucket; `leaseMs` decides what counts as alive and valid. */
export async function readClusterView(kv: KV, partitions: number, leaseMs: number, nowMs = Date.now()): Promise<{ members: MemberView[]; leases: LeaseView[] }> {
  const members: MemberView[] = [];
  for await (const key of await kv.keys('member.*')) {
    const e = await kv.get(key);
    if (!e || e.operation !== 'PUT') continue;
    try {
      const record = e.json<MemberRecord>();
      const at = e.created.getTime();
      members.push({ ...record, lastHeartbeatMs: at, alive: at + leaseMs > nowMs });
    } catch {
      // a foreign key in the bucket: not a member
    }
  }
  const leases: LeaseView[] = [];
  for (let p = 0; p < partitions; p++) {
    const e = await kv.get(`lease.${p}`);
    const live = e && e.operation === 'PUT' ? e : undefined;
    let owner: string | undefined;
    try {
      owner = live?.json<{ owner?: string }>().owner;
    } catch {
      owner = undefined;
    }
    const renewedMs = live?.created.getTime();
    leases.push({ partition: p, owner, renewedMs, valid: renewedMs !== undefined && renewedMs + leaseMs > nowMs });
  }
  members.sort((a, b) => a.id.localeCompare(b.id));
  return { members, leases };
}
