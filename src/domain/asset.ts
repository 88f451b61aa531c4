// Asset: one device or host of the city, as declared in the city file or discovered in traffic.
import Type, { type Static } from 'typebox';
import { Criticality, Id, LonLat } from './common.js';

/** Every kind of device cityguard knows how to model, validate and simulate. */
export const ASSET_KINDS = [
  // power distribution
  'breaker',
  'rtu',
  'serial-gateway',
  'protection-relay',
  'ups',
  // traffic
  'signal-controller',
  // water
  'plc',
  'tank',
  'pump',
  'valve',
  'pressure-sensor',
  'dosing-pump',
  // emergency
  'siren',
  'dispatch-server',
  // street furniture
  'street-light',
  'camera',
  'nvr',
  // office and control-centre IT
  'workstation',
  'hmi',
  'scada-server',
  'vpn-gateway',
  'domain-controller',
  'firewall',
  'server',
  'historian',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const AssetKind = Type.Enum(ASSET_KINDS);

/** A network service an asset listens on, as a posture check sees it. */
export const ExposedPort = Type.Object(
  {
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    protocol: Type.String({ minLength: 1, description: 'application protocol, e.g. telnet, http, modbus' }),
    internetFacing: Type.Boolean({ default: false }),
    management: Type.Boolean({ default: false, description: 'a configuration or admin interface' }),
  },
  { additionalProperties: false },
);
export type ExposedPort = Static<typeof ExposedPort>;

/** Security-relevant configuration facts, declared or learned; each is optional because cities rarely know all. */
export const AssetSecurity = Type.Object(
  {
    defaultCredentials: Type.Optional(Type.Boolean()),
    sharedCredentials: Type.Optional(Type.Boolean()),
    firmwareSigned: Type.Optional(Type.Boolean()),
    mfa: Type.Optional(Type.Boolean({ description: 'remote access requires a second factor' })),
    tls: Type.Optional(Type.Boolean({ description: 'its management and telemetry traffic is encrypted' })),
    exposed: Type.Optional(Type.Array(ExposedPort)),
    endOfLife: Type.Optional(Type.String({ format: 'date', description: 'vendor end of support, YYYY-MM-DD' })),
  },
  { additionalProperties: false },
);
export type AssetSecurity = Static<typeof AssetSecurity>;

/** Where an asset is on the network. */
export const AssetNetwork = Type.Object(
  {
    ip: Type.Optional(Type.String({ minLength: 2 })),
    mac: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$' })),
    hostname: Type.Optional(Type.String()),
    serial: Type.Optional(Type.String({ description: 'serial line or bus address, e.g. RS-485 unit 3' })),
  },
  { additionalProperties: false, default: {} },
);
export type AssetNetwork = Static<typeof AssetNetwork>;

/** A device or host of the city. */
export const Asset = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    kind: AssetKind,
    vendor: Type.String({ minLength: 1 }),
    model: Type.String({ minLength: 1 }),
    firmware: Type.String({ minLength: 1, description: 'firmware or software version as the vendor writes it' }),
    protocols: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    network: AssetNetwork,
    zone: Id,
    district: Id,
    site: Type.Optional(Id),
    location: LonLat,
    criticality: Criticality,
    services: Type.Array(Id, { default: [], description: 'public services this asset supports' }),
    tags: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]), {
      default: {},
      description: 'physical and engineering parameters, e.g. heightM of a tank, ratedCurrentA of a breaker',
    }),
    security: Type.Optional(AssetSecurity),
    source: Type.Union([Type.Literal('declared'), Type.Literal('discovered')], { default: 'declared' }),
  },
  { additionalProperties: false },
);
export type Asset = Static<typeof Asset>;

/** Picks assets of the city: every listed field must match; within a field any value may. */
export const AssetSelector = Type.Object(
  {
    ids: Type.Optional(Type.Array(Id)),
    kinds: Type.Optional(Type.Array(AssetKind)),
    districts: Type.Optional(Type.Array(Id)),
    zones: Type.Optional(Type.Array(Id)),
    sites: Type.Optional(Type.Array(Id)),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    services: Type.Optional(Type.Array(Id)),
  },
  { additionalProperties: false },
);
export type AssetSelector = Static<typeof AssetSelector>;

/** True when `asset` matches every field of `selector`. */
export function matchesSelector(asset: Asset, selector: AssetSelector): boolean {
  const any = <T>(wanted: readonly T[] | undefined, has: (v: T) => boolean) => !wanted || wanted.some(has);
  return (
    any(selector.ids, (v) => v === asset.id) &&
    any(selector.kinds, (v) => v === asset.kind) &&
    any(selector.districts, (v) => v === asset.district) &&
    any(selector.zones, (v) => v === asset.zone) &&
    any(selector.sites, (v) => v === asset.site) &&
    any(selector.tags, (v) => asset.tags.includes(v)) &&
    any(selector.services, (v) => asset.services.includes(v))
  );
}
