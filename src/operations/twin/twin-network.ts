// What containment has done to the simulated city's network, and what an attacker can still reach:
// addresses blocked at the firewalls, devices whose broker credential was revoked (off the network),
// VPN sessions and the pool addresses they hold, and the hosts an attack reached by remote session.
// Nothing here changes the city until response acts: with nothing blocked, every origin is allowed.
// A VPN pool address (a gateway's `poolCidr`) exists only inside a live tunnel: without one, nothing
// can send from it.
import { BlockList, isIP } from 'node:net';
import type { Asset, CityModel, CommandActor } from '../../domain/index.js';

/** A VPN tunnel: who holds it, from where, and which pool address it was given. */
interface VpnSession {
  gatewayId: string;
  user: string;
  srcIp: string | undefined;
  untilMs: number;
  ended: boolean;
}

/** How the network answers a question about a host: is it cut off the network? */
export type HostCut = (asset: Asset) => boolean;

/** Network-level containment state of the twin. */
export class TwinNetwork {
  private readonly blocked = new Map<string, number>();
  private readonly disconnected = new Set<string>();
  private readonly vpn = new Map<string, VpnSession>();
  /** Hosts an attack reached by remote session (via the address it came from), or failed to reach. */
  private readonly footholds = new Map<string, { via: string } | 'denied'>();
  /** Address pools of the city's VPN gateways, with the gateway handing them out. */
  private readonly pools: Array<{ gateway: Asset; list: BlockList }>;
  private nextRule = 1;

  constructor(
    private readonly city: CityModel,
    private readonly now: () => number,
    private readonly hostCut: HostCut,
  ) {
    this.pools = city.city.assets.flatMap((gateway) => {
      const list = gateway.kind === 'vpn-gateway' ? poolOf(gateway.params['poolCidr']) : undefined;
      return list ? [{ gateway, list }] : [];
    });
  }

  /** Drops traffic from and to `address` at the city's firewalls; returns the rule number (same number when already blocked). */
  block(address: string): number {
    const existing = this.blocked.get(address);
    if (existing !== undefined) return existing;
    const rule = this.nextRule++;
    this.blocked.set(address, rule);
    return rule;
  }

  /** Lifts a block by rule number; false when there is no such rule. */
  unblock(rule: number): boolean {
    for (const [address, n] of this.blocked) {
      if (n === rule) return this.blocked.delete(address);
    }
    return false;
  }

  /** Addresses blocked now, with their rule numbers. */
  blockedAddresses(): ReadonlyMap<string, number> {
    return this.blocked;
  }

  /** Takes a device off the broker (its credential was revoked): it neither sends nor receives. */
  disconnect(assetId: string): void {
    this.disconnected.add(assetId);
  }

  /** Lets a device back on with a new credential. */
  reconnect(assetId: string): void {
    this.disconnected.delete(assetId);
  }

  /** Whether a device holds a broker session. */
  isConnected(assetId: string): boolean {
    return !this.disconnected.has(assetId);
  }

  /** Records a VPN login that was given `poolIp`. */
  vpnSessionOpened(gatewayId: string, user: string, poolIp: string, srcIp: string | undefined, untilMs: number): void {
    this.vpn.set(poolIp, { gatewayId, user, srcIp, untilMs, ended: false });
  }

  /** Ends every VPN session of `user` on a gateway (account disabled); returns how many ended. */
  endVpnSessions(gatewayId: string, user: string): number {
    let ended = 0;
    for (const s of this.vpn.values()) {
      if (s.gatewayId === gatewayId && s.user === user && !s.ended) {
        s.ended = true;
        ended++;
      }
    }
    return ended;
  }

  /**
   * Whether traffic from `address` can still move: not blocked, not a VPN pool address without a
   * live tunnel (ended, expired, its source blocked, its gateway cut off, or never opened), not a
   * cut-off host.
   */
  addressCut(address: string): boolean {
    if (this.blocked.has(address)) return true;
    const s = this.vpn.get(address);
    if (s && (s.ended || this.now() >= s.untilMs || (s.srcIp !== undefined && this.blocked.has(s.srcIp)))) return true;
    const pool = this.poolHolding(address);
    if (pool && (!s || s.gatewayId !== pool.id || this.assetCut(pool))) return true;
    const asset = this.city.assetByAddress(address);
    return asset !== undefined && this.assetCut(asset);
  }

  /** The VPN gateway whose address pool holds `address`, or undefined. */
  private poolHolding(address: string): Asset | undefined {
    const family = isIP(address);
    if (family === 0) return undefined;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    return this.pools.find((p) => p.list.check(address, type))?.gateway;
  }

  /** Whether an asset is off the network: isolated host, revoked credential, dead device. */
  assetCut(asset: Asset): boolean {
    return this.disconnected.has(asset.id) || this.hostCut(asset);
  }

  /** An attack's remote session reached `hostId` from `via`. */
  footholdGained(hostId: string, via: string): void {
    this.footholds.set(hostId, { via });
  }

  /** An attack tried to reach `hostId` and could not. */
  footholdDenied(hostId: string): void {
    this.footholds.set(hostId, 'denied');
  }

  /**
   * Why an attack acting as `actor` (commands, firmware uploads) cannot reach its target, or undefined
   * when it can: its address is cut, its host is cut off, or the host was only ever reached by a
   * remote session that failed or whose source is now cut.
   */
  originDenied(actor: CommandActor): string | undefined {
    if (actor.ip !== undefined && this.addressCut(actor.ip)) return `origin ${actor.ip} is cut off`;
    if (actor.host === undefined) return undefined;
    const host = this.city.asset(actor.host) ?? this.city.assetByAddress(actor.host);
    if (!host) return undefined;
    return this.hostDenied(host);
  }

  /** Why an attack cannot act on or from `host`, or undefined. */
  hostDenied(host: Asset): string | undefined {
    if (this.assetCut(host)) return `host ${host.id} is cut off`;
    return this.sessionDenied(host);
  }

  /** Why an attack has no hands on `host` (its remote session failed or was cut), or undefined; malware already there is unaffected by isolation. */
  sessionDenied(host: Asset): string | undefined {
    const f = this.footholds.get(host.id);
    if (f === 'denied') return `no session on ${host.id}`;
    if (f && this.addressCut(f.via)) return `session on ${host.id} from ${f.via} is cut off`;
    return undefined;
  }
}

/** A gateway's `poolCidr` ("10.99.0.0/24") as a list to check addresses against; undefined when absent or malformed. */
function poolOf(cidr: unknown): BlockList | undefined {
  if (typeof cidr !== 'string') return undefined;
  const [net, bits] = cidr.split('/');
  const family = net ? isIP(net) : 0;
  const prefix = Number(bits);
  if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) return undefined;
  const list = new BlockList();
  list.addSubnet(net!, prefix, family === 6 ? 'ipv6' : 'ipv4');
  return list;
}
