// The city file: districts, zones and conduits, sites, assets, services and contacts.
// Users edit it as YAML; this schema is what the loader validates against.
import Type, { type Static } from 'typebox';
import { Asset } from './asset.js';
import { Id, LonLat } from './common.js';
import { Service } from './service.js';

/** A GeoJSON Polygon (RFC 7946 §3.1.6): rings of [lon, lat] positions, first equal to last. */
export const PolygonGeometry = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(LonLat, { minItems: 4 }), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type PolygonGeometry = Static<typeof PolygonGeometry>;

export const District = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    population: Type.Integer({ minimum: 0 }),
    geometry: PolygonGeometry,
  },
  { additionalProperties: false },
);
export type District = Static<typeof District>;

/** An IEC 62443 zone: assets with the same security requirements. */
export const Zone = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    securityLevel: Type.Integer({ minimum: 0, maximum: 4, description: 'IEC 62443 target security level' }),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Zone = Static<typeof Zone>;

/** An IEC 62443 conduit: the traffic allowed between two zones. */
export const Conduit = Type.Object(
  {
    id: Id,
    from: Id,
    to: Id,
    protocols: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Conduit = Static<typeof Conduit>;

/** A physical place holding several assets: a substation, an intersection, a pump station. */
export const Site = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    kind: Type.String({ minLength: 1 }),
    district: Id,
    location: LonLat,
  },
  { additionalProperties: false },
);
export type Site = Static<typeof Site>;

/** Someone the response protocol and plans name for a role. */
export const Contact = Type.Object(
  {
    role: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    phone: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    deputy: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

/** Recurring time when control commands are expected (local time of the city). */
export const MaintenanceWindow = Type.Object(
  {
    id: Id,
    zones: Type.Array(Id, { default: [] }),
    days: Type.Array(Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const), { minItems: 1 }),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    end: Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' }),
  },
  { additionalProperties: false },
);
export type MaintenanceWindow = Static<typeof MaintenanceWindow>;

export const City = Type.Object(
  {
    city: Type.Object(
      {
        id: Id,
        name: Type.String({ minLength: 1 }),
        timezone: Type.String({ minLength: 1, description: 'IANA zone, e.g. Europe/Kyiv' }),
        center: LonLat,
        population: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    districts: Type.Array(District, { minItems: 1 }),
    zones: Type.Array(Zone, { minItems: 1 }),
    conduits: Type.Array(Conduit, { default: [] }),
    sites: Type.Array(Site, { default: [] }),
    assets: Type.Array(Asset),
    services: Type.Array(Service),
    contacts: Type.Array(Contact, { default: [] }),
    maintenanceWindows: Type.Array(MaintenanceWindow, { default: [] }),
  },
  { additionalProperties: false },
);
export type City = Static<typeof City>;
