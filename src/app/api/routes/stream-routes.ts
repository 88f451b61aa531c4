// The live stream of alerts and incident changes as server-sent events, and HTTP batch ingest.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ErrorResponse, IngestResult } from '../../../contracts/index.js';
import type { ApiDeps } from '../api-deps.js';

const HEARTBEAT_MS = 15_000;

/** GET /api/stream (text/event-stream) and POST /api/ingest/events. */
export function streamRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/api/stream',
    {
      config: { tokenInQuery: true },
      schema: {
        tags: ['activity'],
        summary: 'Live alerts, incident changes and response actions (server-sent events: `event: alert` / `incident` / `action`)',
        querystring: Type.Object({ token: Type.Optional(Type.String({ description: 'for EventSource, which cannot send headers' })) }),
      },
    },
    (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': cityguard live stream\n\n');
      const unsubscribe = deps.live.subscribe((m) => {
        const body = m.type === 'alert' ? m.alert : m.type === 'incident' ? m.incident : m.action;
        res.write(`event: ${m.type}\ndata: ${JSON.stringify(body)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
  app.post(
    '/api/ingest/events',
    {
      config: { role: 'operator' },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['ingest'],
        summary: 'Send a batch of events (JSON array); bad items are quarantined and reported, good ones kept',
        response: { 200: IngestResult, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      if (!deps.ingest) return reply.status(404).send({ error: 'CG_API_NOT_FOUND', message: 'HTTP ingest is not enabled' });
      return deps.ingest(request.body, `http:${request.ip}`);
    },
  );
}
