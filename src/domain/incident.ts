// Incident: alerts that belong to one attack, with its stage and who it hurts.
import Type, { type Static } from 'typebox';
import { IcsTactic } from './attack.js';
import { Explanation } from './alert.js';
import { EpochMs, Id, Severity } from './common.js';

export const INCIDENT_STATUSES = ['new', 'triaged', 'contained', 'recovered', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const IncidentStatus = Type.Enum(INCIDENT_STATUSES);

/** A service an incident touches, and the dependency path by which it is reached. */
export const AffectedService = Type.Object(
  {
    serviceId: Id,
    name: Type.String(),
    kind: Type.String(),
    peopleServed: Type.Integer({ minimum: 0 }),
    via: Type.Array(Id, { description: 'dependency path from an incident asset to this service' }),
  },
  { additionalProperties: false },
);
export type AffectedService = Static<typeof AffectedService>;

export const TimelineEntry = Type.Object(
  {
    ts: EpochMs,
    kind: Type.String({ description: 'alert, status, note, action, approval, assignment' }),
    text: Type.String(),
    by: Type.Optional(Type.String()),
    ref: Type.Optional(Type.String({ description: 'id of the alert or action this entry is about' })),
  },
  { additionalProperties: false },
);
export type TimelineEntry = Static<typeof TimelineEntry>;

export const Incident = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    title: Type.String(),
    status: IncidentStatus,
    severity: Severity,
    stage: IcsTactic,
    tactics: Type.Array(IcsTactic),
    techniques: Type.Array(Type.String()),
    openedTs: EpochMs,
    updatedTs: EpochMs,
    closedTs: Type.Optional(EpochMs),
    alertIds: Type.Array(Type.String()),
    assetIds: Type.Array(Id),
    districts: Type.Array(Id),
    affectedServices: Type.Array(AffectedService),
    peopleAffected: Type.Integer({ minimum: 0 }),
    summary: Explanation,
    assignee: Type.Optional(Type.String()),
    timeline: Type.Array(TimelineEntry),
  },
  { additionalProperties: false },
);
export type Incident = Static<typeof Incident>;
