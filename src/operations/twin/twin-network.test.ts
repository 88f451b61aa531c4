import { describe, expect, it } from 'vitest';
import { loadCityFile } from '../../platform/content/index.js';
import { TwinNetwork } from './twin-network.js';

const city = loadCityFile('content/cities/sample-city.yaml'); // vpn-gw hands out 10.99.0.0/24

function network(cut: ReadonlySet<string> = new Set()) {
  let now = 1_000_000;
  const net = new TwinNetwork(city, () => now, (a) => cut.has(a.id));
  return { net, later: (ms: number) => (now += ms) };
}

describe('TwinNetwork VPN pool addresses', () => {
  it('cuts a pool address that no tunnel holds, so nothing can act from it', () => {
    const { net } = network();
    expect(net.addressCut('10.99.0.61')).toBe(true);
    expect(net.originDenied({ ip: '10.99.0.61' })).toMatch(/cut off/);
  });

  it('lets a pool address through while its tunnel lives, and cuts it once the session ends, expires or its source is blocked', () => {
    const { net, later } = network();
    net.vpnSessionOpened('vpn-gw', 'p.lindner', '10.99.0.61', '91.92.109.44', 1_000_000 + 60_000);
    expect(net.addressCut('10.99.0.61')).toBe(false);
    net.block('91.92.109.44');
    expect(net.addressCut('10.99.0.61')).toBe(true);
    net.unblock(1);
    expect(net.addressCut('10.99.0.61')).toBe(false);
    later(60_000);
    expect(net.addressCut('10.99.0.61')).toBe(true);

    net.vpnSessionOpened('vpn-gw', 'a.bauer', '10.99.0.23', undefined, 1_000_000 + 3_600_000);
    expect(net.endVpnSessions('vpn-gw', 'a.bauer')).toBe(1);
    expect(net.addressCut('10.99.0.23')).toBe(true);
  });

  it('cuts every tunnel of a gateway that is itself cut off', () => {
    const { net } = network(new Set(['vpn-gw']));
    net.vpnSessionOpened('vpn-gw', 'p.lindner', '10.99.0.61', '91.92.109.44', Number.MAX_SAFE_INTEGER);
    expect(net.addressCut('10.99.0.61')).toBe(true);
  });

  it('judges addresses outside every pool as before: reachable unless blocked or their host is cut', () => {
    const { net } = network(new Set(['historian']));
    expect(net.addressCut('10.20.0.10')).toBe(false); // scada-srv-1
    expect(net.addressCut('10.20.0.30')).toBe(true); // the historian, isolated
    expect(net.addressCut('203.0.113.7')).toBe(false);
    expect(net.addressCut('not an address')).toBe(false);
  });
});
