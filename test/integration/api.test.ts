import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../src/contracts/index.js';
import type { Alert, Event, Incident } from '../../src/domain/index.js';
import { ApiTokens, buildApi, type LiveFeed } from '../../src/app/api/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';
import { tinyCityModel } from '../support/tiny-city.js';

const city = tinyCityModel();
const clock = new ManualClock(Date.parse('2026-11-26T10:00:00Z'));
const store = new SqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'cg-api-')), 'store.sqlite') });
const listeners = new Set<(m: StreamMessage) => void>();
const live: LiveFeed = { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
let app: Awaited<ReturnType<typeof buildApi>>;
const tokens: Record<'viewer' | 'operator' | 'admin', string> = { viewer: '', operator: '', admin: '' };
const auth = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });

const alert: Alert = {
  id: 'al-1', ts: clock.now(), severity: 'high', detector: { kind: 'rule', id: 'r1', name: 'Rule 1' },
  technique: { id: 'T0855', name: 'Unauthorized Command Message' }, tactic: 'impair-process-control', title: 'Breaker opened by an unknown host',
  explanation: { what: 'w', why: 'y', whatToDo: ['d'] }, assetIds: ['br-north-1'], evidence: { eventIds: ['e1'], facts: {} }, dedupKey: 'k1',
};
const incident: Incident = {
  id: 'inc-1', title: 'Attack on substation North', status: 'new', severity: 'high', stage: 'impair-process-control', tactics: ['impair-process-control'],
  techniques: ['T0855'], openedTs: clock.now(), updatedTs: clock.now(), alertIds: ['al-1'], assetIds: ['br-north-1'], districts: ['north'],
  affectedServices: [], peopleAffected: 20_000, summary: { what: 'w', why: 'y', whatToDo: ['d'] }, timeline: [],
};

beforeAll(async () => {
  await store.migrate();
  await store.assets.upsertMany(city.city.assets);
  const events: Event[] = Array.from({ length: 5 }, (_, i) => ({
    id: `e${i}`, ts: clock.now() - i * 1000, receivedTs: clock.now(), source: 'mqtt', type: 'telemetry', assetId: 'br-north-1',
    metrics: { closed: true, current_a: 100 + i, voltage_kv: 10 },
  }));
  await store.events.insertMany(events);
  await store.alerts.insert(alert);
  await store.incidents.upsert(incident);
  const t = await ApiTokens.open(store.state);
  for (const role of ['viewer', 'operator', 'admin'] as const) tokens[role] = await t.create(role, role, clock.now());
  app = await buildApi({
    store, city, tokens: t, live, clock, metrics: new Registry(), devicesHeardSince: () => 1,
    health: async () => ({ store: { ok: true } }),
    ingest: async (body) => ({ accepted: Array.isArray(body) ? body.length : 0, rejected: 0, problems: [] }),
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('HTTP API', () => {
  it('answers health without a token', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', components: { store: { ok: true } } });
  });

  it('refuses every other route without a valid token, with a coded error', async () => {
    for (const url of ['/api/assets', '/api/incidents', '/metrics', '/api/status']) {
      const res = await app.inject({ url, headers: { authorization: 'Bearer cg_forged' } });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error).toBe('CG_API_UNAUTHENTICATED');
    }
  });

  it('enforces roles: a viewer may read but not ingest', async () => {
    expect((await app.inject({ url: '/api/assets', headers: auth('viewer') })).statusCode).toBe(200);
    const denied = await app.inject({ method: 'POST', url: '/api/ingest/events', headers: auth('viewer'), payload: [] });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toBe('CG_API_FORBIDDEN');
    const ok = await app.inject({ method: 'POST', url: '/api/ingest/events', headers: auth('operator'), payload: [{}, {}] });
    expect(ok.json()).toMatchObject({ accepted: 2 });
  });

  it('filters assets and 404s unknown ones', async () => {
    const res = await app.inject({ url: '/api/assets?kind=hmi', headers: auth('viewer') });
    expect(res.json().items.map((a: { id: string }) => a.id)).toEqual(['hmi-1']);
    const missing = await app.inject({ url: '/api/assets/nope', headers: auth('viewer') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('CG_API_NOT_FOUND');
  });

  it('pages events newest first with a cursor', async () => {
    const first = (await app.inject({ url: '/api/events?limit=2', headers: auth('viewer') })).json();
    expect(first.items.map((e: Event) => e.id)).toEqual(['e0', 'e1']);
    const second = (await app.inject({ url: `/api/events?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, headers: auth('viewer') })).json();
    expect(second.items.map((e: Event) => e.id)).toEqual(['e2', 'e3']);
  });

  it('rejects a malformed query with a 400 naming the field', async () => {
    const res = await app.inject({ url: '/api/events?limit=-3', headers: auth('viewer') });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/limit/);
  });

  it('returns an incident with its alerts inlined', async () => {
    const res = await app.inject({ url: '/api/incidents/inc-1', headers: auth('viewer') });
    expect(res.json().incident.peopleAffected).toBe(20_000);
    expect(res.json().alerts.map((a: Alert) => a.id)).toEqual(['al-1']);
  });

  it('reports status counts and an act-now headline while a high incident is open', async () => {
    const s = (await app.inject({ url: '/api/status', headers: auth('viewer') })).json();
    expect(s).toMatchObject({ devices: { declared: 4 }, events: { total: 5 }, incidents: { open: 1 }, headline: 'act-now' });
  });

  it('serves the OpenAPI document with the bearer scheme', async () => {
    const res = await app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths['/api/incidents/{id}']).toBeDefined();
    expect(res.json().components.securitySchemes.bearer.scheme).toBe('bearer');
  });

  it('streams alerts as server-sent events to a client holding a token in the query', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/stream?token=${tokens.viewer}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // the opening comment
    for (const l of listeners) l({ type: 'alert', alert });
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event: alert'))) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('event: alert');
    expect(JSON.parse(text.slice(text.indexOf('data: ') + 6).split('\n')[0]!).id).toBe('al-1');
  });
});
