// Which hosts belong on the network: every address seen while learning, plus the inventory the
// runtime knows. A host in a learned network (same leading address bits) that was never seen is
// reported once as a new, uninventoried device.
import type { NetworkFinding } from '../network-finding.js';
import { NETWORK_BASELINE_DEFAULTS, type NetworkBaselineOptions } from './baseline-options.js';

/** Learns hosts and reports new ones in the learned networks. */
export class HostInventory {
  private readonly hosts = new Set<string>();
  private readonly networks = new Set<string>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly o: NetworkBaselineOptions = NETWORK_BASELINE_DEFAULTS,
    /** Asset id of an address when the city inventory knows it. */
    private readonly assetOf: (ip: string) => string | undefined = () => undefined,
  ) {}

  /** Records a host of normal traffic. */
  learn(ip: string): void {
    if (!ip || this.hosts.has(ip)) return;
    this.hosts.add(ip);
    this.networks.add(this.network(ip));
  }

  /** A finding the first time a host of a learned network appears after learning. */
  check(ip: string, mac: string, packet: number, tsMs: number): NetworkFinding | undefined {
    if (!ip || this.hosts.has(ip) || this.reported.has(ip) || !this.networks.has(this.network(ip))) return undefined;
    this.reported.add(ip);
    const asset = this.assetOf(ip);
    return {
      kind: 'new-device',
      packet,
      tsMs,
      severity: asset ? 'low' : 'medium',
      technique: 'T0864',
      title: `new device ${ip}${mac ? ` (${mac})` : ''} on the network${asset ? '' : ', not in the inventory'}`,
      what: `${ip}${mac ? ` with hardware address ${mac}` : ''} sent traffic for the first time${asset ? ` (inventory: ${asset})` : '; it is not in the city inventory'}.`,
      why: 'An unknown device on a control network may be a contractor laptop, a rogue gateway or an attacker.',
      whatToDo: [`Find the device with address ${ip} and who connected it.`, 'Add it to the inventory if it belongs; otherwise unplug it.'],
      hosts: [ip],
      dedupKey: `new-device|${ip}`,
      facts: { ip, mac: mac || null, uninventoried: !asset, assetId: asset ?? null },
    };
  }

  private network(ip: string): string {
    if (ip.includes(':')) return ip.split(':').slice(0, 4).join(':');
    const bits = this.o.localPrefixBits;
    const n = ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
    const mask = bits >= 32 ? n : Math.floor(n / 2 ** (32 - bits));
    return `${mask}/${bits}`;
  }
}
