import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../platform/store/index.js';
import { CREDENTIALS_NAMESPACE, DeviceRegistry } from './device-registry.js';
import { smallCity } from './test-fixtures/small-city.js';

describe('DeviceRegistry', () => {
  it('accepts only the issued password, and keeps no password in the store', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const registry = await DeviceRegistry.open(smallCity(), store.state);
    const { username, password } = await registry.issue('br-1');
    expect(password).toHaveLength(43);
    expect(registry.verify(username, Buffer.from(password))).toMatchObject({ kind: 'device', asset: { id: 'br-1' } });
    expect(registry.verify(username, `${password}x`)).toBeUndefined();
    expect(registry.verify('br-2', password)).toBeUndefined();
    expect(registry.verify(undefined, password)).toBeUndefined();
    const stored = JSON.stringify(await store.state.list(CREDENTIALS_NAMESPACE));
    expect(stored).not.toContain(password);
    await store.close();
  });

  it('keeps credentials across a restart through the state store', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const passwords = await (await DeviceRegistry.open(smallCity(), store.state)).issueAll();
    expect(passwords.size).toBe(6);
    const reopened = await DeviceRegistry.open(smallCity(), store.state);
    expect(reopened.verify('tank-1', passwords.get('tank-1'))).toMatchObject({ kind: 'device' });
    await store.close();
  });

  it('stops accepting a rotated or revoked credential and tells its listeners', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const registry = await DeviceRegistry.open(smallCity(), store.state);
    const kicked: string[] = [];
    registry.onRevoked((u) => kicked.push(u));
    const first = await registry.issue('br-1');
    const second = await registry.rotate('br-1');
    expect(registry.verify('br-1', first.password)).toBeUndefined();
    expect(registry.verify('br-1', second.password)).toBeDefined();
    await registry.revoke('br-1');
    expect(registry.verify('br-1', second.password)).toBeUndefined();
    expect(await store.state.get(CREDENTIALS_NAMESPACE, 'br-1')).toBeUndefined();
    expect(kicked).toEqual(['br-1', 'br-1']);
    await store.close();
  });

  it('issues platform credentials and refuses devices the city lacks', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    const registry = await DeviceRegistry.open(smallCity(), store.state);
    const p = await registry.issuePlatform('response');
    expect(registry.verify(p.username, p.password)).toEqual({ kind: 'platform', name: 'response' });
    await expect(registry.issue('ghost')).rejects.toMatchObject({ code: 'CG_INGEST_UNKNOWN_DEVICE' });
    expect(registry.assetByAddress('VPN-GW-1')?.id).toBe('vpn-1');
    expect(registry.assetByAddress('10.1.0.12')?.id).toBe('br-2');
    await store.close();
  });
});
