import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock/index.js';
import { SqliteStore } from '../../../platform/store/index.js';
import { tinyCityModel } from '../../../../test/support/tiny-city.js';
import { ApiTokens } from '../api-tokens.js';
import { buildApi } from '../server.js';
import { UserAccounts } from '../user-accounts.js';
import type { LoginAttemptRecord } from './session-routes.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-session-'));
const store = new SqliteStore({ path: join(dir, 'store.sqlite') });
const dashboardDir = join(dir, 'dist');
const attempts: LoginAttemptRecord[] = [];
let app: Awaited<ReturnType<typeof buildApi>>;
let plain: Awaited<ReturnType<typeof buildApi>>;
let apiToken = '';

const login = (user: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/login', payload: { user, password }, remoteAddress: ip });

beforeAll(async () => {
  await store.migrate();
  mkdirSync(join(dashboardDir, 'assets'), { recursive: true });
  writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>dashboard</title><div id="root"></div>');
  writeFileSync(join(dashboardDir, 'assets', 'app-abc123.js'), 'console.log(1)');
  const tokens = await ApiTokens.open(store.state);
  apiToken = await tokens.create('integration', 'viewer', 0);
  await new UserAccounts(store.state).create('duty', 'operator', 'a long duty password', 0);
  const deps = {
    store, city: tinyCityModel(), tokens, live: { subscribe: () => () => undefined }, clock: new ManualClock(0),
    metrics: new Registry(), devicesHeardSince: () => 0, health: async () => ({}),
  };
  app = await buildApi(deps, { dashboardDir, onLogin: (a) => attempts.push(a) });
  plain = await buildApi(deps, { dashboardDir: join(dir, 'not-built') });
});
afterAll(async () => {
  await app.close();
  await plain.close();
  await store.close();
});

describe('login by user account', () => {
  it('opens a session whose token carries the account role', async () => {
    const res = await login('duty', 'a long duty password');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ user: 'duty', role: 'operator' });
    expect(body.token).toMatch(/^cgs_/);
    const who = await app.inject({ url: '/api/session', headers: { authorization: `Bearer ${body.token}` } });
    expect(who.json()).toMatchObject({ user: 'duty', role: 'operator', kind: 'session' });
    expect((await app.inject({ url: '/api/assets', headers: { authorization: `Bearer ${body.token}` } })).statusCode).toBe(200);
    expect(attempts.at(-1)).toMatchObject({ user: 'duty', ok: true });
  });

  it('refuses a wrong password with a coded 401 and records the attempt', async () => {
    const res = await login('duty', 'not the password', '10.0.0.2');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('CG_API_LOGIN_FAILED');
    expect(attempts.at(-1)).toMatchObject({ user: 'duty', ok: false, ip: '10.0.0.2' });
  });

  it('ends a session at logout', async () => {
    const { token } = (await login('duty', 'a long duty password')).json();
    const auth = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'POST', url: '/api/logout', headers: auth })).json()).toEqual({ ended: true });
    const after = await app.inject({ url: '/api/session', headers: auth });
    expect(after.statusCode).toBe(401);
  });

  it('still accepts API tokens and says so', async () => {
    const res = await app.inject({ url: '/api/session', headers: { authorization: `Bearer ${apiToken}` } });
    expect(res.json()).toEqual({ user: 'integration', role: 'viewer', kind: 'api-token' });
  });

  it('throttles an address after five failed logins, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('nobody', `guess-${i}`, '10.9.9.9')).statusCode).toBe(401);
    const blocked = await login('duty', 'a long duty password', '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('CG_API_LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('duty', 'a long duty password', '10.0.0.3')).statusCode).toBe(200);
  }, 60_000);

  it('rejects a body without a password as a bad request', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/login', payload: { user: 'duty' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('the dashboard at /', () => {
  it('serves the built page with a script-restricting policy', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>dashboard</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers the dashboard’s own paths with the page so links and reloads work', async () => {
    const res = await app.inject({ url: '/devices/ss-north-f1', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="root">');
  });

  it('serves hashed assets as immutable', async () => {
    const res = await app.inject({ url: '/assets/app-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('serves a file added after start, as after a rebuild while the server runs', async () => {
    writeFileSync(join(dashboardDir, 'assets', 'later-def456.js'), 'console.log(2)');
    const res = await app.inject({ url: '/assets/later-def456.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(2)');
  });

  it('never serves files outside the dashboard folder', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    for (const url of ['/../secret.txt', '/assets/..%2F..%2Fsecret.txt', '/%2e%2e/secret.txt']) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('secret');
    }
  });

  it('answers a missing built file with a 404, not the page', async () => {
    expect((await app.inject({ url: '/assets/gone-000.js', headers: { accept: '*/*' } })).statusCode).toBe(404);
  });

  it('keeps unknown API paths a JSON 404', async () => {
    const res = await app.inject({ url: '/api/no-such-thing', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('CG_API_NOT_FOUND');
  });

  it('falls back to the plain status page when the dashboard is not built', async () => {
    const res = await plain.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('cityguard — status');
  });
});
