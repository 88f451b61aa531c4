// Service: a public service people rely on, and what it depends on.
import Type, { type Static } from 'typebox';
import { Criticality, Id } from './common.js';

export const SERVICE_KINDS = ['power', 'traffic', 'water', 'emergency', 'lighting', 'health', 'public-safety', 'administration'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const ServiceKind = Type.Enum(SERVICE_KINDS);

/** A safe degraded mode the service can run in while its control path is not trusted. */
export const Fallback = Type.Object(
  {
    mode: Type.String({ minLength: 1, description: 'e.g. fixed-time, manual, local-plc, islanded' }),
    description: Type.String({ minLength: 1 }),
    capacityPct: Type.Number({ minimum: 0, maximum: 100, default: 100, description: 'share of people still served in this mode' }),
  },
  { additionalProperties: false },
);
export type Fallback = Static<typeof Fallback>;

/** A public service — "power to district North", "112 dispatch" — with its dependencies. */
export const Service = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    kind: ServiceKind,
    district: Type.Optional(Id),
    description: Type.Optional(Type.String()),
    peopleServed: Type.Integer({ minimum: 0 }),
    criticality: Criticality,
    rtoMinutes: Type.Integer({ minimum: 1, description: 'recovery-time objective' }),
    rpoMinutes: Type.Integer({ minimum: 0, default: 60, description: 'recovery-point objective: data loss tolerated' }),
    dependsOn: Type.Object(
      {
        assets: Type.Array(Id, { default: [] }),
        services: Type.Array(Id, { default: [] }),
      },
      { additionalProperties: false, default: { assets: [], services: [] } },
    ),
    fallback: Type.Optional(Fallback),
  },
  { additionalProperties: false },
);
export type Service = Static<typeof Service>;
