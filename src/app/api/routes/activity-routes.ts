// Events, alerts, incidents and quarantine: what the platform has seen and concluded.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AlertPage, EventPage, IncidentDetail, IncidentPage, QuarantinePage } from '../../../contracts/index.js';
import { Alert, EVENT_TYPES, INCIDENT_STATUSES, QUARANTINE_REASONS, Severity } from '../../../domain/index.js';
import type { AlertQuery, EventQuery, IncidentQuery } from '../../../platform/store/store.js';
import type { ApiDeps } from '../api-deps.js';
import { notFound } from '../errors.js';
import { Cursor, IdParams, Limit, TimeMs } from './query-schemas.js';

/** GET /api/events, /api/alerts(/:id), /api/incidents(/:id), /api/quarantine(/summary). */
export function activityRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { store } = deps;
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['activity'],
        summary: 'Normalized events, newest first',
        querystring: Type.Object({
          from: TimeMs('from this time, epoch ms'),
          to: TimeMs('up to this time, epoch ms'),
          assetId: Type.Optional(Type.String()),
          type: Type.Optional(Type.Enum(EVENT_TYPES)),
          district: Type.Optional(Type.String()),
          limit: Limit,
          cursor: Cursor,
        }),
        response: { 200: EventPage },
      },
    },
    async (request) => {
      const q = request.query as Record<string, never>;
      const query: EventQuery = { ...q, fromTs: q['from'], toTs: q['to'] };
      return store.events.query(query);
    },
  );
  app.get(
    '/api/alerts',
    {
      schema: {
        tags: ['activity'],
        summary: 'Alerts, newest first',
        querystring: Type.Object({
          from: TimeMs('from this time, epoch ms'),
          to: TimeMs('up to this time, epoch ms'),
          assetId: Type.Optional(Type.String()),
          severity: Type.Optional(Severity),
          incidentId: Type.Optional(Type.String()),
          limit: Limit,
          cursor: Cursor,
        }),
        response: { 200: AlertPage },
      },
    },
    async (request) => {
      const q = request.query as Record<string, never>;
      const query: AlertQuery = { ...q, fromTs: q['from'], toTs: q['to'] };
      return store.alerts.list(query);
    },
  );
  app.get('/api/alerts/:id', { schema: { tags: ['activity'], summary: 'One alert', params: IdParams, response: { 200: Alert } } }, async (request) => {
    const { id } = request.params as { id: string };
    const alert = await store.alerts.get(id);
    if (!alert) throw notFound('alert', id);
    return alert;
  });
  app.get(
    '/api/incidents',
    {
      schema: {
        tags: ['activity'],
        summary: 'Incidents, most recently updated first',
        querystring: Type.Object({ status: Type.Optional(Type.Enum(INCIDENT_STATUSES)), limit: Limit, cursor: Cursor }),
        response: { 200: IncidentPage },
      },
    },
    async (request) => store.incidents.list(request.query as IncidentQuery),
  );
  app.get(
    '/api/incidents/:id',
    { schema: { tags: ['activity'], summary: 'One incident with its alerts', params: IdParams, response: { 200: IncidentDetail } } },
    async (request) => {
      const { id } = request.params as { id: string };
      const incident = await store.incidents.get(id);
      if (!incident) throw notFound('incident', id);
      const alerts = (await Promise.all(incident.alertIds.map((a) => store.alerts.get(a)))).filter((a) => a !== undefined);
      return { incident, alerts };
    },
  );
  app.get(
    '/api/quarantine',
    {
      schema: {
        tags: ['activity'],
        summary: 'Messages refused at ingest, with the reason',
        querystring: Type.Object({ reason: Type.Optional(Type.Enum(QUARANTINE_REASONS)), limit: Limit, cursor: Cursor }),
        response: { 200: QuarantinePage },
      },
    },
    async (request) => store.quarantine.list(request.query as Record<string, never>),
  );
  app.get(
    '/api/quarantine/summary',
    { schema: { tags: ['activity'], summary: 'Count of quarantined messages by reason' } },
    async () => store.quarantine.countByReason(),
  );
}
