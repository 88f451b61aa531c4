// The city as a graph: indexes over the city file, and the service dependency traversals that
// correlation, response and plans all rely on. Pure: built from a validated City value.
import type { Asset, AssetSelector } from './asset.js';
import { matchesSelector } from './asset.js';
import type { City, District, Site, Zone } from './city.js';
import type { AffectedService } from './incident.js';
import type { Service } from './service.js';

/** Read-only indexed view of a city with its dependency graph. */
export class CityModel {
  readonly assets: ReadonlyMap<string, Asset>;
  readonly services: ReadonlyMap<string, Service>;
  readonly districts: ReadonlyMap<string, District>;
  readonly zones: ReadonlyMap<string, Zone>;
  readonly sites: ReadonlyMap<string, Site>;
  /** Services that need each asset directly (declared on either side). */
  private readonly servicesByAsset = new Map<string, Set<string>>();
  /** Services that need each service. */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(readonly city: City) {
    this.assets = new Map(city.assets.map((a) => [a.id, a]));
    this.services = new Map(city.services.map((s) => [s.id, s]));
    this.districts = new Map(city.districts.map((d) => [d.id, d]));
    this.zones = new Map(city.zones.map((z) => [z.id, z]));
    this.sites = new Map(city.sites.map((s) => [s.id, s]));
    const link = (m: Map<string, Set<string>>, key: string, value: string) => {
      const set = m.get(key) ?? new Set<string>();
      set.add(value);
      m.set(key, set);
    };
    for (const a of city.assets) for (const s of a.services) link(this.servicesByAsset, a.id, s);
    for (const s of city.services) {
      for (const a of s.dependsOn.assets) link(this.servicesByAsset, a, s.id);
      for (const d of s.dependsOn.services) link(this.dependents, d, s.id);
    }
  }

  asset(id: string): Asset | undefined {
    return this.assets.get(id);
  }

  /** Assets matching a selector, in city-file order. */
  select(selector: AssetSelector): Asset[] {
    return this.city.assets.filter((a) => matchesSelector(a, selector));
  }

  /** Asset whose declared IP or hostname is `address`. */
  assetByAddress(address: string): Asset | undefined {
    return this.city.assets.find((a) => a.network.ip === address || a.network.hostname === address);
  }

  /**
   * Every service that would suffer if these assets failed: those needing an asset directly, then
   * those needing an affected service, transitively. Each carries the shortest path that reaches it.
   */
  servicesAffectedBy(assetIds: Iterable<string>): AffectedService[] {
    const via = new Map<string, string[]>();
    const queue: string[] = [];
    for (const assetId of assetIds) {
      for (const s of this.servicesByAsset.get(assetId) ?? []) {
        if (!via.has(s)) {
          via.set(s, [assetId, s]);
          queue.push(s);
        }
      }
    }
    return this.spread(via, queue);
  }

  /** Services that depend, directly or transitively, on the given services (not including them). */
  servicesDependingOn(serviceIds: Iterable<string>): AffectedService[] {
    const via = new Map<string, string[]>();
    const queue = [...serviceIds];
    for (const s of queue) via.set(s, [s]);
    const start = new Set(queue);
    return this.spread(via, queue).filter((a) => !start.has(a.serviceId));
  }

  /** Order in which to restore services: each after everything it depends on. */
  recoveryOrder(): Service[] {
    const done = new Set<string>();
    const order: Service[] = [];
    const visit = (id: string, stack: Set<string>) => {
      if (done.has(id) || stack.has(id)) return;
      stack.add(id);
      for (const d of this.services.get(id)?.dependsOn.services ?? []) visit(d, stack);
      stack.delete(id);
      done.add(id);
      const s = this.services.get(id);
      if (s) order.push(s);
    };
    const byUrgency = [...this.city.services].sort((a, b) => a.rtoMinutes - b.rtoMinutes);
    for (const s of byUrgency) visit(s.id, new Set());
    return order;
  }

  /** Assets a service needs or that declare they support it, in city-file order. */
  assetsOfService(serviceId: string): Asset[] {
    const s = this.services.get(serviceId);
    if (!s) return [];
    const needed = new Set(s.dependsOn.assets);
    return this.city.assets.filter((a) => needed.has(a.id) || a.services.includes(serviceId));
  }

  /** Sum of people served by the given affected services. */
  peopleServed(affected: readonly AffectedService[]): number {
    return affected.reduce((n, a) => n + a.peopleServed, 0);
  }

  private spread(via: Map<string, string[]>, queue: string[]): AffectedService[] {
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i]!;
      for (const d of this.dependents.get(s) ?? []) {
        if (!via.has(d)) {
          via.set(d, [...via.get(s)!, d]);
          queue.push(d);
        }
      }
    }
    return [...via.entries()].flatMap(([id, path]) => {
      const s = this.services.get(id);
      return s ? [{ serviceId: s.id, name: s.name, kind: s.kind, peopleServed: s.peopleServed, via: path }] : [];
    });
  }
}
