// The Store contract: every implementation (SQLite, PostgreSQL) runs this suite through a factory
// that returns a fresh, migrated, empty store.
import { afterEach, describe, expect, it } from 'vitest';
import type { Event } from '../../src/domain/index.js';
import type { Page, Store } from '../../src/platform/store/index.js';
import { action, alert, asset, authFailure, incident, quarantined, telemetry } from './store-fixtures.js';

/** Creates a fresh, migrated, empty store for one test. */
export type StoreFactory = () => Promise<Store>;

/** Follows cursors until the last page; returns every item in page order. */
async function allPages<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined);
  return { items, pages };
}

/** Registers the Store contract tests for one implementation. */
export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    const open = async () => (store = await factory());
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('runs migrations again without harm', async () => {
      const s = await open();
      await s.migrate();
      expect(await s.events.count()).toBe(0);
    });

    it('upserts assets and lists them by kind, district and search text', async () => {
      const s = await open();
      await s.assets.upsertMany([asset('br-1', 'north'), asset('br-2', 'south'), asset('tl-1', 'north', 'street-light', 'Lamp on Main St')]);
      await s.assets.upsertMany([asset('br-2', 'east')]);
      expect(await s.assets.count()).toBe(3);
      expect((await s.assets.get('br-2'))?.district).toBe('east');
      expect(await s.assets.get('nope')).toBeUndefined();
      expect((await s.assets.list({ district: 'north' })).map((a) => a.id)).toEqual(['br-1', 'tl-1']);
      expect((await s.assets.list({ kind: 'street-light' })).map((a) => a.id)).toEqual(['tl-1']);
      expect((await s.assets.list({ search: 'main st' })).map((a) => a.id)).toEqual(['tl-1']);
      expect(await s.assets.list({ search: '%' })).toEqual([]);
    });

    it('stores events whole and pages them newest first without gaps or repeats', async () => {
      const s = await open();
      const events: Event[] = [];
      for (let i = 0; i < 25; i++) events.push(telemetry(`e${i}`, 1000 + Math.floor(i / 3), i % 2 ? 'br-1' : 'br-2'));
      await s.events.insertMany(events);
      const { items, pages } = await allPages((cursor) => s.events.query({ limit: 4, ...(cursor ? { cursor } : {}) }));
      expect(pages).toBe(7);
      expect(items.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
      for (let i = 1; i < items.length; i++) expect(items[i - 1]!.ts).toBeGreaterThanOrEqual(items[i]!.ts);
      expect(items.find((e) => e.id === 'e7')).toEqual(events[7]);
    });

    it('filters events by time range, asset, type and district', async () => {
      const s = await open();
      await s.events.insertMany([telemetry('a', 100, 'br-1'), telemetry('b', 200, 'br-2', 'south'), authFailure('c', 300), telemetry('d', 400, 'br-1')]);
      const ids = async (q: Parameters<Store['events']['query']>[0]) => (await s.events.query(q)).items.map((e) => e.id);
      expect(await ids({ fromTs: 200, toTs: 400 })).toEqual(['c', 'b']);
      expect(await ids({ assetId: 'br-1' })).toEqual(['d', 'a']);
      expect(await ids({ type: 'auth' })).toEqual(['c']);
      expect(await ids({ district: 'south' })).toEqual(['b']);
      expect(await s.events.count({ type: 'telemetry' })).toBe(3);
      expect(await s.events.count({ fromTs: 150, assetId: 'br-1' })).toBe(1);
    });

    it('ignores an event inserted twice with the same id', async () => {
      const s = await open();
      await s.events.insertMany([telemetry('dup', 1)]);
      await s.events.insertMany([telemetry('dup', 1), telemetry('new', 2)]);
      expect(await s.events.count()).toBe(2);
    });

    it('deletes events older than a timestamp and reports how many went', async () => {
      const s = await open();
      await s.events.insertMany(Array.from({ length: 12 }, (_, i) => telemetry(`e${i}`, i * 10)));
      expect(await s.events.deleteOlderThan(50)).toBe(5);
      expect(await s.events.count()).toBe(7);
      expect(await s.events.deleteOlderThan(50)).toBe(0);
    });

    it('rejects a cursor it did not issue with CG_STORE_BAD_CURSOR', async () => {
      const s = await open();
      await expect(s.events.query({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'CG_STORE_BAD_CURSOR' });
    });

    it('keeps alerts unique by dedupKey and reports whether an insert was new', async () => {
      const s = await open();
      expect(await s.alerts.insert(alert('a1', 10, 'rule-x|br-1|window-1'))).toBe(true);
      expect(await s.alerts.insert(alert('a2', 11, 'rule-x|br-1|window-1'))).toBe(false);
      expect(await s.alerts.insert(alert('a3', 12, 'rule-x|br-1|window-2', ['br-1', 'br-2'], 'critical'))).toBe(true);
      expect(await s.alerts.count()).toBe(2);
      expect((await s.alerts.get('a1'))?.dedupKey).toBe('rule-x|br-1|window-1');
      expect(await s.alerts.get('a2')).toBeUndefined();
    });

    it('links alerts to incidents and filters alerts by asset, severity, incident and time', async () => {
      const s = await open();
      await s.alerts.insert(alert('a1', 10, 'k1', ['br-1']));
      await s.alerts.insert(alert('a2', 20, 'k2', ['br-2'], 'critical'));
      await s.alerts.insert(alert('a3', 30, 'k3', ['br-1', 'br-2'], 'low'));
      await s.alerts.setIncident('a3', 'inc-1');
      const ids = async (q: Parameters<Store['alerts']['list']>[0]) => (await s.alerts.list(q)).items.map((a) => a.id);
      expect(await ids({})).toEqual(['a3', 'a2', 'a1']);
      expect(await ids({ assetId: 'br-2' })).toEqual(['a3', 'a2']);
      expect(await ids({ severity: 'critical' })).toEqual(['a2']);
      expect(await ids({ incidentId: 'inc-1' })).toEqual(['a3']);
      expect(await ids({ fromTs: 15, toTs: 30 })).toEqual(['a2']);
      expect((await s.alerts.get('a3'))?.incidentId).toBe('inc-1');
      const { items, pages } = await allPages((cursor) => s.alerts.list({ limit: 2, ...(cursor ? { cursor } : {}) }));
      expect([items.map((a) => a.id), pages]).toEqual([['a3', 'a2', 'a1'], 2]);
      expect(await s.alerts.count({ fromTs: 20 })).toBe(2);
    });

    it('upserts incidents and lists them newest opened first, by status', async () => {
      const s = await open();
      await s.incidents.upsert(incident('i1', 100));
      await s.incidents.upsert(incident('i2', 200));
      await s.incidents.upsert({ ...incident('i1', 100, 'contained'), updatedTs: 300 });
      expect((await s.incidents.get('i1'))?.status).toBe('contained');
      expect((await s.incidents.list({})).items.map((i) => i.id)).toEqual(['i2', 'i1']);
      expect((await s.incidents.list({ status: 'new' })).items.map((i) => i.id)).toEqual(['i2']);
      expect(await s.incidents.count({ status: 'contained' })).toBe(1);
      const { items } = await allPages((cursor) => s.incidents.list({ limit: 1, ...(cursor ? { cursor } : {}) }));
      expect(items.map((i) => i.id)).toEqual(['i2', 'i1']);
    });

    it('keeps quarantined messages, pages them newest first and counts them by reason', async () => {
      const s = await open();
      await s.quarantine.insert(quarantined('q1', 1, 'malformed'));
      await s.quarantine.insertMany([quarantined('q2', 2, 'schema'), quarantined('q3', 3, 'malformed'), quarantined('q4', 4, 'unauthorised')]);
      expect(await s.quarantine.countByReason()).toEqual({ malformed: 2, schema: 1, unauthorised: 1 });
      expect((await s.quarantine.list({ reason: 'malformed' })).items.map((q) => q.id)).toEqual(['q3', 'q1']);
      const { items } = await allPages((cursor) => s.quarantine.list({ limit: 3, ...(cursor ? { cursor } : {}) }));
      expect(items.map((q) => q.id)).toEqual(['q4', 'q3', 'q2', 'q1']);
      expect(items[3]).toEqual(quarantined('q1', 1, 'malformed'));
    });

    it('upserts actions and lists them by incident and status', async () => {
      const s = await open();
      await s.actions.upsert(action('x1', 10, 'proposed', 'inc-1'));
      await s.actions.upsert(action('x2', 20, 'awaiting-approval', 'inc-1'));
      await s.actions.upsert(action('x3', 30, 'done'));
      await s.actions.upsert(action('x1', 10, 'approved', 'inc-1'));
      expect((await s.actions.get('x1'))?.status).toBe('approved');
      expect((await s.actions.list({ incidentId: 'inc-1' })).items.map((a) => a.id)).toEqual(['x2', 'x1']);
      expect((await s.actions.list({ status: 'done' })).items.map((a) => a.id)).toEqual(['x3']);
    });

    it('keeps state documents by namespace and key', async () => {
      const s = await open();
      await s.state.put('creds', 'br-1', { hash: 'aa', v: 1 });
      await s.state.put('creds', 'br-2', { hash: 'bb', v: 1 });
      await s.state.put('other', 'br-1', 'x');
      await s.state.put('creds', 'br-1', { hash: 'cc', v: 2 });
      expect(await s.state.get('creds', 'br-1')).toEqual({ hash: 'cc', v: 2 });
      expect(await s.state.list('creds')).toEqual([
        { key: 'br-1', value: { hash: 'cc', v: 2 } },
        { key: 'br-2', value: { hash: 'bb', v: 1 } },
      ]);
      await s.state.delete('creds', 'br-1');
      expect(await s.state.get('creds', 'br-1')).toBeUndefined();
      expect(await s.state.get('other', 'br-1')).toBe('x');
    });
  });
}
