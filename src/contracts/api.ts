// Request and response shapes of the HTTP API, shared by the server, the dashboard and the
// OpenAPI document. Built from the domain schemas so the three cannot drift apart.
import Type, { type Static, type TSchema } from 'typebox';
import { Action, Alert, Asset, Event, Incident, QuarantineItem, Service } from '../domain/index.js';

/** A page of items, newest first, with the cursor of the next page when there is one. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Optional(Type.String()) });

export const Roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof Roles)[number];

export const ErrorResponse = Type.Object({
  error: Type.String({ description: 'stable error code, see docs/errors.md' }),
  message: Type.String(),
  requestId: Type.Optional(Type.String()),
  details: Type.Optional(Type.Unknown()),
});
export type ErrorResponse = Static<typeof ErrorResponse>;

export const HealthResponse = Type.Object({
  status: Type.Enum(['ok', 'degraded'] as const),
  uptimeS: Type.Number(),
  components: Type.Record(Type.String(), Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) })),
});
export type HealthResponse = Static<typeof HealthResponse>;

export const StatusResponse = Type.Object({
  city: Type.Object({
    id: Type.String(),
    name: Type.String(),
    population: Type.Integer(),
    timezone: Type.Optional(Type.String({ description: 'IANA time zone of the city; the dashboard shows times in it' })),
  }),
  devices: Type.Object({ declared: Type.Integer(), streaming: Type.Integer({ description: 'devices heard from in the last 5 minutes' }) }),
  events: Type.Object({ total: Type.Integer(), lastMinute: Type.Integer() }),
  alerts: Type.Object({ total: Type.Integer(), lastHour: Type.Integer() }),
  incidents: Type.Object({ open: Type.Integer(), total: Type.Integer() }),
  quarantine: Type.Record(Type.String(), Type.Integer()),
  headline: Type.Enum(['all-is-well', 'attention', 'act-now'] as const),
});
export type StatusResponse = Static<typeof StatusResponse>;

export const AssetPage = Type.Object({ items: Type.Array(Asset) });
export const ServiceList = Type.Object({ items: Type.Array(Service) });
export const EventPage = PageOf(Event);
export const AlertPage = PageOf(Alert);
export const IncidentPage = PageOf(Incident);
export const QuarantinePage = PageOf(QuarantineItem);

/** An incident with its alerts inlined, as the incident page shows it. */
export const IncidentDetail = Type.Object({ incident: Incident, alerts: Type.Array(Alert) });
export type IncidentDetail = Static<typeof IncidentDetail>;

/** What the live stream sends: one alert, incident change or response action change per message. */
export const StreamMessage = Type.Union([
  Type.Object({ type: Type.Literal('alert'), alert: Alert }),
  Type.Object({ type: Type.Literal('incident'), incident: Incident }),
  Type.Object({ type: Type.Literal('action'), action: Action }),
]);
export type StreamMessage = Static<typeof StreamMessage>;

export const IngestResult = Type.Object({
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  problems: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String(), detail: Type.String() })),
});
export type IngestResult = Static<typeof IngestResult>;
