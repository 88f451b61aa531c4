// Health (public), readiness of parts, Prometheus metrics and the counts behind the status page.
import type { FastifyInstance } from 'fastify';
import { HealthResponse, StatusResponse } from '../../../contracts/index.js';
import { severityRank } from '../../../domain/index.js';
import type { ApiDeps } from '../api-deps.js';

const MINUTE_MS = 60_000;

/** GET /api/health — registered outside the authenticated scope so probes need no token. */
export function healthRoute(app: FastifyInstance, deps: ApiDeps, startedMs: number): void {
  app.get(
    '/api/health',
    { schema: { tags: ['operations'], summary: 'Liveness and the health of each part (no token needed)', response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_request, reply) => {
      const components = await deps.health();
      const ok = Object.values(components).every((c) => c.ok);
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', uptimeS: Math.round((Date.now() - startedMs) / 1000), components });
    },
  );
}

/** GET /api/status and /metrics. */
export function statusRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics' } }, async (_request, reply) => {
    reply.header('content-type', deps.metrics.contentType);
    return deps.metrics.metrics();
  });
  app.get(
    '/api/status',
    { schema: { tags: ['operations'], summary: 'Counts for the overview: devices, events, alerts, incidents', response: { 200: StatusResponse } } },
    async () => status(deps),
  );
}

async function status(deps: ApiDeps): Promise<StatusResponse> {
  const { store, clock } = deps;
  const now = clock.now();
  const [events, eventsMinute, alerts, alertsHour, incidents, quarantine] = await Promise.all([
    store.events.count(),
    store.events.count({ fromTs: now - MINUTE_MS }),
    store.alerts.count(),
    store.alerts.count({ fromTs: now - 60 * MINUTE_MS }),
    store.incidents.list({ limit: 1000 }),
    store.quarantine.countByReason(),
  ]);
  const open = incidents.items.filter((i) => i.status !== 'closed' && i.status !== 'recovered');
  const worst = Math.max(-1, ...open.map((i) => severityRank(i.severity)));
  const { city } = deps.city.city;
  return {
    city: { id: city.id, name: city.name, population: city.population, timezone: city.timezone },
    devices: { declared: deps.city.assets.size, streaming: deps.devicesHeardSince(now - 5 * MINUTE_MS) },
    events: { total: events, lastMinute: eventsMinute },
    alerts: { total: alerts, lastHour: alertsHour },
    incidents: { open: open.length, total: incidents.items.length },
    quarantine: quarantine as Record<string, number>,
    headline: worst >= severityRank('high') ? 'act-now' : open.length > 0 || alertsHour > 0 ? 'attention' : 'all-is-well',
  };
}
