import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCityguardError } from '../../domain/index.js';
import { SqliteStore } from '../../platform/store/index.js';
import { LoginSessions, UserAccounts } from './user-accounts.js';

const store = new SqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'cg-users-')), 'store.sqlite') });
beforeAll(() => store.migrate());
afterAll(() => store.close());

describe('UserAccounts', () => {
  it('accepts the right password and refuses a wrong one or an unknown user', async () => {
    const accounts = new UserAccounts(store.state);
    await accounts.create('m.huber', 'operator', 'correct horse battery', 1);
    expect(await accounts.authenticate('m.huber', 'correct horse battery')).toEqual({ user: 'm.huber', role: 'operator' });
    expect(await accounts.authenticate('m.huber', 'correct horse batterY')).toBeUndefined();
    expect(await accounts.authenticate('nobody', 'correct horse battery')).toBeUndefined();
  });

  it('keeps only a salted scrypt hash, never the password', async () => {
    const accounts = new UserAccounts(store.state);
    await accounts.create('a.bauer', 'viewer', 'another long secret', 1);
    await accounts.create('b.bauer', 'viewer', 'another long secret', 1);
    const stored = await store.state.list<Record<string, unknown>>('user-accounts');
    const text = JSON.stringify(stored);
    expect(text).not.toContain('another long secret');
    const [a, b] = ['a.bauer', 'b.bauer'].map((u) => stored.find((s) => s.key === u)!.value);
    expect(a!['hashB64']).not.toEqual(b!['hashB64']);
    expect(a!['scrypt']).toMatchObject({ N: 32768, r: 8, p: 1 });
  });

  it('refuses short passwords, bad names and duplicates with coded errors', async () => {
    const accounts = new UserAccounts(store.state);
    const code = (p: Promise<unknown>) => p.then(() => 'none', (e: unknown) => (isCityguardError(e) ? e.code : String(e)));
    expect(await code(accounts.create('short', 'viewer', 'elevenchars', 1))).toBe('CG_USERS_WEAK_PASSWORD');
    expect(await code(accounts.create('Bad Name', 'viewer', 'long enough password', 1))).toBe('CG_USERS_INVALID_NAME');
    await accounts.create('dup', 'viewer', 'long enough password', 1);
    expect(await code(accounts.create('dup', 'admin', 'long enough password', 1))).toBe('CG_USERS_EXISTS');
    expect(await accounts.authenticate('dup', 'long enough password')).toEqual({ user: 'dup', role: 'viewer' });
  });

  it('lists accounts without secrets and removes them', async () => {
    const accounts = new UserAccounts(store.state);
    await accounts.create('gone', 'admin', 'long enough password', 5);
    expect((await accounts.list()).find((u) => u.user === 'gone')).toEqual({ user: 'gone', role: 'admin', createdTs: 5 });
    expect(await accounts.remove('gone')).toBe(true);
    expect(await accounts.remove('gone')).toBe(false);
    expect(await accounts.authenticate('gone', 'long enough password')).toBeUndefined();
  });
});

describe('LoginSessions', () => {
  it('verifies an issued token until it expires or is revoked', () => {
    let now = 1_000;
    const sessions = new LoginSessions(60_000, () => now);
    const { token, expiresTs } = sessions.issue({ user: 'u', role: 'viewer' });
    expect(expiresTs).toBe(61_000);
    expect(sessions.verify(token)).toEqual({ user: 'u', role: 'viewer' });
    expect(sessions.verify(`${token}x`)).toBeUndefined();
    now = 61_000;
    expect(sessions.verify(token)).toBeUndefined();
    const second = sessions.issue({ user: 'u', role: 'viewer' });
    expect(sessions.revoke(second.token)).toBe(true);
    expect(sessions.verify(second.token)).toBeUndefined();
  });

  it('drops the oldest session when full', () => {
    const sessions = new LoginSessions(60_000, () => 0, 2);
    const first = sessions.issue({ user: 'a', role: 'viewer' });
    sessions.issue({ user: 'b', role: 'viewer' });
    const third = sessions.issue({ user: 'c', role: 'viewer' });
    expect(sessions.verify(first.token)).toBeUndefined();
    expect(sessions.verify(third.token)).toEqual({ user: 'c', role: 'viewer' });
  });
});
