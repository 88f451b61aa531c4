// Day partitions of the PostgreSQL events table: created as days arrive and ahead of time, dropped
// whole by retention. Only days within a window around now get a partition; anything else lands in
// the default partition, so a stray timestamp can never make thousands of tables. DDL runs under a
// transaction-scoped advisory lock per day, so several processes may create the same day safely.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/database.js';

const DAY_MS = 86_400_000;
/** First key of the advisory locks taken on partition DDL ("cgev" in ASCII). */
const LOCK_CLASS = 0x63676576;

/** Window of day partitions around now. */
export interface PartitionWindow {
  aheadDays: number;
  behindDays: number;
  now: () => number;
}

/** The UTC day number (days since the epoch) of a timestamp in ms. */
export function dayOf(ts: number): number {
  return Math.floor(ts / DAY_MS);
}

/** Table name of a day partition: `events_YYYYMMDD`. */
export function partitionName(day: number): string {
  return `events_${new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

function dayOfName(name: string): number | undefined {
  const m = /^events_(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? dayOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

/** Keeps the day partitions of the events table. */
export class EventPartitions {
  private readonly known = new Set<number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly window: PartitionWindow,
  ) {}

  /** Days that have a partition now, read from the catalogue (other processes create them too). */
  async days(): Promise<number[]> {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
      where p.relname = 'events' and p.relnamespace = current_schema()::regnamespace`.execute(this.db);
    const days = rows.map((r) => dayOfName(r.name)).filter((d): d is number => d !== undefined);
    this.known.clear();
    for (const d of days) this.known.add(d);
    return days.sort((a, b) => a - b);
  }

  /** Makes sure every in-window day among these timestamps has its partition. */
  async ensureFor(timestamps: readonly number[]): Promise<void> {
    let missing: Set<number> | undefined;
    for (const ts of timestamps) {
      const day = dayOf(ts);
      if (!this.known.has(day) && this.inWindow(day)) (missing ??= new Set()).add(day);
    }
    if (!missing) return;
    for (const day of missing) await this.create(day);
    // A new day seen means time moved on: prepare the days after it as well.
    await this.ensureAhead();
  }

  /** Creates today's partition and `aheadDays` after it. */
  async ensureAhead(): Promise<void> {
    const today = dayOf(this.window.now());
    for (let day = today; day <= today + this.window.aheadDays; day++) if (!this.known.has(day)) await this.create(day);
  }

  /** Drops every day partition that ends at or before `ts`; returns how many events they held. */
  async dropEndingBy(ts: number): Promise<number> {
    let rows = 0;
    for (const day of await this.days()) {
      if ((day + 1) * DAY_MS > ts) break;
      rows += await this.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${day})`.execute(tx);
        const table = sql.table(partitionName(day));
        const exists = await sql<{ t: string | null }>`select to_regclass(${partitionName(day)}) as t`.execute(tx);
        if (exists.rows[0]?.t == null) return 0;
        const { rows: counted } = await sql<{ n: number }>`select count(*) as n from ${table}`.execute(tx);
        await sql`drop table ${table}`.execute(tx);
        return Number(counted[0]?.n ?? 0);
      });
      this.known.delete(day);
    }
    return rows;
  }

  private inWindow(day: number): boolean {
    const today = dayOf(this.window.now());
    return day >= today - this.window.behindDays && day <= today + this.window.aheadDays;
  }

  private async create(day: number): Promise<void> {
    const name = partitionName(day);
    const [from, to] = [day * DAY_MS, (day + 1) * DAY_MS];
    await this.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${day})`.execute(tx);
      const exists = await sql<{ t: string | null }>`select to_regclass(${name}) as t`.execute(tx);
      if (exists.rows[0]?.t != null) return;
      // Rows of this day may sit in the default partition (stored while the day was outside the
      // window); PostgreSQL refuses the new partition until they move into it.
      const stray = await sql<{ n: number }>`select count(*) as n from events_default where ts >= ${from} and ts < ${to}`.execute(tx);
      const moving = Number(stray.rows[0]?.n ?? 0) > 0;
      if (moving) {
        await sql`create temporary table events_moving on commit drop as select * from events_default where ts >= ${from} and ts < ${to}`.execute(tx);
        await sql`delete from events_default where ts >= ${from} and ts < ${to}`.execute(tx);
      }
      await sql`create table ${sql.table(name)} partition of events for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(tx);
      if (moving) await sql`insert into events select * from events_moving`.execute(tx);
    });
    this.known.add(day);
  }
}
