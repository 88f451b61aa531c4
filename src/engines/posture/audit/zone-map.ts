// The city's IEC 62443 zones as a graph of conduits: how many conduits separate each zone from the
// internet, which zone is the DMZ, and which conduits allow what between two zones.
import type { City, Conduit, Zone } from '../../../domain/index.js';

/** Zones and conduits of a city, indexed. */
export class ZoneMap {
  private readonly zones: ReadonlyMap<string, Zone>;
  private readonly hops = new Map<string, number>();

  constructor(readonly city: City) {
    this.zones = new Map(city.zones.map((z) => [z.id, z]));
    // Breadth-first along conduits in their declared direction (`from` opens connections). Internet
    // zones start at 0; zones at security level 1 (office IT, street IoT) start at 1 whatever their
    // conduits say: their users read mail and browse, one phishing message away from the internet.
    const start = (level: number) =>
      city.zones
        .filter((z) =>
          level === 0 ? this.isInternet(z.id) : !this.isInternet(z.id) && z.securityLevel === level,
        )
        .map((z) => z.id);
    const queue: string[] = [];
    for (const [level, zones] of [
      [0, start(0)],
      [1, start(1)],
    ] as const) {
      for (const z of zones) {
        if (!this.hops.has(z)) {
          this.hops.set(z, level);
          queue.push(z);
        }
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const from = queue[i]!;
      for (const c of city.conduits) {
        const next = this.hops.get(from)! + 1;
        if (c.from === from && (this.hops.get(c.to) ?? Infinity) > next) {
          this.hops.set(c.to, next);
          queue.push(c.to);
        }
      }
    }
  }

  zone(id: string): Zone | undefined {
    return this.zones.get(id);
  }

  /** Target security level of a zone; undefined for a zone the city does not declare. */
  level(id: string): number | undefined {
    return this.zones.get(id)?.securityLevel;
  }

  /** The internet (or any untrusted outside): security level 0, or named so. */
  isInternet(id: string): boolean {
    const z = this.zones.get(id);
    return !!z && (z.securityLevel === 0 || /\binternet\b/i.test(`${z.id} ${z.name}`));
  }

  /** The IT/OT demilitarised zone, recognised by its id or name. */
  isDmz(id: string): boolean {
    const z = this.zones.get(id);
    return !!z && /\bdmz\b/i.test(`${z.id} ${z.name}`);
  }

  /** Conduits an attacker crosses from the internet to reach the zone (0 = the internet itself); undefined when unreachable. */
  internetHops(id: string): number | undefined {
    return this.hops.get(id);
  }

  /** Conduits that let `from` open connections into `to`. */
  conduits(from: string, to: string): Conduit[] {
    return this.city.conduits.filter((c) => c.from === from && c.to === to);
  }

  /** Display name of a zone, or its id. */
  name(id: string): string {
    return this.zones.get(id)?.name ?? id;
  }
}
