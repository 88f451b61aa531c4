import { describe, expect, it } from 'vitest';
import type { Principal } from './device-registry.js';
import { smallCity } from './test-fixtures/small-city.js';
import { maySubscribe, publishRefusal } from './topic-acl.js';

const city = smallCity();
const br1: Principal = { kind: 'device', asset: city.asset('br-1')! };
const platform: Principal = { kind: 'platform', name: 'response' };
const gateway: Principal = { kind: 'gateway', name: 'substation-north', assets: new Map([['br-1', city.asset('br-1')!], ['br-2', city.asset('br-2')!]]) };

describe('topic ACL', () => {
  it('lets a device publish on its own channels only', () => {
    for (const channel of ['telemetry', 'events', 'status', 'cmd-ack']) expect(publishRefusal(br1, `city/north/breaker/br-1/${channel}`)).toBeNull();
    expect(publishRefusal(br1, 'city/north/breaker/br-2/telemetry')?.reason).toBe('unauthorised');
    expect(publishRefusal(br1, 'city/south/breaker/br-1/telemetry')?.reason).toBe('unauthorised');
    expect(publishRefusal(br1, 'city/north/pump/br-1/telemetry')?.reason).toBe('unauthorised');
    expect(publishRefusal(br1, 'city/north/breaker/br-1/cmd')?.reason).toBe('unauthorised');
    expect(publishRefusal(br1, 'city/north/breaker/br-1/debug')?.reason).toBe('bad-topic');
    expect(publishRefusal(br1, 'home/livingroom')?.reason).toBe('bad-topic');
  });

  it('lets a device subscribe to its own command topic only', () => {
    expect(maySubscribe(br1, 'city/north/breaker/br-1/cmd')).toBe(true);
    expect(maySubscribe(br1, 'city/north/breaker/br-2/cmd')).toBe(false);
    expect(maySubscribe(br1, 'city/#')).toBe(false);
    expect(maySubscribe(br1, 'city/north/breaker/+/cmd')).toBe(false);
  });

  it('lets a gateway publish and subscribe for the devices behind it only', () => {
    expect(publishRefusal(gateway, 'city/north/breaker/br-2/telemetry')).toBeNull();
    expect(publishRefusal(gateway, 'city/south/tank/tank-1/telemetry')?.reason).toBe('unauthorised');
    expect(publishRefusal(gateway, 'city/south/breaker/br-2/telemetry')?.reason).toBe('unauthorised');
    expect(publishRefusal(gateway, 'city/north/breaker/br-1/cmd')?.reason).toBe('unauthorised');
    expect(maySubscribe(gateway, 'city/north/breaker/br-2/cmd')).toBe(true);
    expect(maySubscribe(gateway, 'city/south/tank/tank-1/cmd')).toBe(false);
    expect(maySubscribe(gateway, 'city/north/breaker/+/cmd')).toBe(false);
  });

  it('lets the platform publish and subscribe anywhere', () => {
    expect(publishRefusal(platform, 'city/north/breaker/br-1/cmd')).toBeNull();
    expect(maySubscribe(platform, 'city/#')).toBe(true);
  });
});
