// The inventory a posture run works on: the city's declared assets, assets imported from a CSV, and
// devices discovered in observations. An observed device that matches no asset by id, IP, MAC or
// hostname becomes a `source: 'discovered'` asset — and an "uninventoried device" finding later.
import type { Asset, AssetKind, CityModel, Criticality } from '../../../domain/index.js';
import type { ObservedDevice, Observations } from './observations.js';

/** Where an asset of the merged inventory came from, for evidence ("/assets/12", "inventory.csv line 4"). */
export interface AssetOrigin {
  readonly source: 'city-file' | 'inventory-csv' | 'observed';
  readonly where: string;
}

/** The merged inventory. */
export interface Inventory {
  readonly assets: readonly Asset[];
  readonly origins: ReadonlyMap<string, AssetOrigin>;
  /** The observation behind each discovered asset. */
  readonly observed: ReadonlyMap<string, ObservedDevice>;
  readonly counts: { readonly declared: number; readonly imported: number; readonly discovered: number };
}

/** Protocols that say what kind of device speaks them, most telling first. */
const KIND_BY_PROTOCOL: ReadonlyArray<[string, AssetKind]> = [
  ['rtsp', 'camera'],
  ['onvif', 'camera'],
  ['iec104', 'rtu'],
  ['dnp3', 'rtu'],
  ['iec61850', 'protection-relay'],
  ['modbus', 'plc'],
  ['s7comm', 'plc'],
  ['s7comm-plus', 'plc'],
  ['pcom', 'plc'],
  ['enip', 'plc'],
  ['profinet', 'plc'],
  ['ntcip', 'signal-controller'],
  ['tcp-serial', 'serial-gateway'],
  ['rdp', 'workstation'],
  ['smb', 'workstation'],
];

/** Merges declared, imported and observed devices; imported assets come from importInventoryCsv. */
export function mergeInventory(
  city: CityModel,
  imported: { assets: readonly Asset[]; file: string; lines: ReadonlyMap<string, number> } | undefined,
  observations: Observations | undefined,
): Inventory {
  const assets: Asset[] = [...city.city.assets];
  const origins = new Map<string, AssetOrigin>(
    city.city.assets.map((a, i) => [a.id, { source: 'city-file', where: `/assets/${i}` }]),
  );
  for (const a of imported?.assets ?? []) {
    assets.push(a);
    origins.set(a.id, {
      source: 'inventory-csv',
      where: `${imported!.file} line ${imported!.lines.get(a.id) ?? '?'}`,
    });
  }
  const observed = new Map<string, ObservedDevice>();
  for (const device of observedDevices(observations)) {
    const known = assets.find((a) => sameDevice(a, device));
    if (known) continue;
    const asset = discoveredAsset(city, assets, device);
    assets.push(asset);
    observed.set(asset.id, device);
    origins.set(asset.id, {
      source: 'observed',
      where: `observed ${device.ip ?? device.mac ?? device.hostname ?? device.id}`,
    });
  }
  return {
    assets,
    origins,
    observed,
    counts: {
      declared: city.city.assets.length,
      imported: imported?.assets.length ?? 0,
      discovered: observed.size,
    },
  };
}

/** Devices as observed, plus every flow endpoint, merged by address. */
function observedDevices(observations: Observations | undefined): ObservedDevice[] {
  const byKey = new Map<string, ObservedDevice>();
  const keyOf = (d: ObservedDevice) => (d.ip ?? d.mac?.toLowerCase() ?? d.hostname ?? d.id)!;
  for (const d of observations?.devices ?? []) byKey.set(keyOf(d), { ...byKey.get(keyOf(d)), ...d });
  for (const f of observations?.flows ?? []) {
    for (const [address, side] of [
      [f.src, 'src'],
      [f.dst, 'dst'],
    ] as const) {
      const isIp = /^[0-9.]+$|:/.test(address);
      // A public address in a flow is a peer outside the city (the internet), not a device of it.
      if (isIp && !isPrivateAddress(address)) continue;
      const prev = byKey.get(address);
      const protocols = side === 'dst' ? [f.protocol] : [];
      byKey.set(address, {
        ...(isIp ? { ip: address } : { id: address }),
        ...prev,
        protocols: [...new Set([...(prev?.protocols ?? []), ...protocols])],
      });
    }
  }
  return [...byKey.values()];
}

/** RFC 1918 / RFC 6598 IPv4 and RFC 4193 / link-local IPv6: addresses a city's own devices use. */
export function isPrivateAddress(ip: string): boolean {
  const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(ip);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254)
    );
  }
  return /^(fc|fd|fe80)/i.test(ip);
}

/** True when an observed device is this asset: same id, IP, MAC (any case) or hostname. */
export function sameDevice(asset: Asset, d: ObservedDevice): boolean {
  return (
    (d.id !== undefined && d.id === asset.id) ||
    (d.ip !== undefined && d.ip === asset.network.ip) ||
    (d.mac !== undefined && d.mac.toLowerCase() === asset.network.mac?.toLowerCase()) ||
    (d.hostname !== undefined && d.hostname.toLowerCase() === asset.network.hostname?.toLowerCase())
  );
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'device'
  );
}

/** Builds the discovered asset: zone, district and site from declared neighbours by address. */
function discoveredAsset(city: CityModel, assets: readonly Asset[], d: ObservedDevice): Asset {
  const address = d.ip ?? d.mac ?? d.hostname ?? d.id!;
  // Neighbours in the same /24, else the same /16 (cities number zones by subnet).
  const near = (pattern: RegExp) => {
    const prefix = d.ip && pattern.exec(d.ip)?.[0];
    return prefix ? assets.filter((a) => a.network.ip?.startsWith(prefix)) : [];
  };
  const same24 = near(/^\d+\.\d+\.\d+\./);
  const neighbours = same24.length > 0 ? same24 : near(/^\d+\.\d+\./);
  const zone = mostCommon(neighbours.map((a) => a.zone)) ?? 'unknown';
  const district = mostCommon(neighbours.map((a) => a.district)) ?? city.city.districts[0]!.id;
  const site = mostCommon(same24.flatMap((a) => (a.site ? [a.site] : [])));
  const protocols = [...(d.protocols ?? [])].map((p) => p.toLowerCase());
  const kind = KIND_BY_PROTOCOL.find(([p]) => protocols.includes(p))?.[1] ?? 'server';
  const securityLevel = city.zones.get(zone)?.securityLevel ?? 0;
  const criticality: Criticality = securityLevel >= 3 ? 'high' : 'medium';
  return {
    id: `discovered-${slug(address)}`,
    name: `Undeclared device ${address}`,
    kind,
    vendor: d.vendor ?? 'unknown',
    model: d.model ?? 'unknown',
    firmware: d.firmware ?? 'unknown',
    protocols,
    network: {
      ...(d.ip ? { ip: d.ip } : {}),
      ...(d.mac && /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(d.mac) ? { mac: d.mac } : {}),
      ...(d.hostname ? { hostname: d.hostname } : {}),
    },
    zone,
    district,
    ...(site ? { site } : {}),
    location: (site && city.sites.get(site)?.location) || city.city.city.center,
    criticality,
    services: [],
    tags: ['discovered'],
    params: {},
    source: 'discovered',
  };
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
