// Drills over HTTP: the run history with scorecards, the trend per scenario, one run (polled while it
// plays), and starting a run (operators) on an isolated copy of the twin — answered at once with the
// queued run. Mounted by the runtime through `extraRoutes`; the scenario library the dashboard offers
// is GET /api/scenarios of the readiness routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { DrillRunRequest, type DrillHistory, type DrillRun, type DrillTrendList } from '../../../contracts/index.js';
import { isCityguardError } from '../../../domain/index.js';
import { drillNotFound, type DrillDesk, type DrillHistory as DrillStore } from '../../../operations/drills/index.js';
import { IdParams, Limit } from './query-schemas.js';

/** What the drill routes need; the runtime's drill stage provides it. */
export interface DrillRouteDeps {
  desk: DrillDesk;
  history: DrillStore;
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  CG_DRILL_NOT_FOUND: 404,
  CG_DRILL_UNKNOWN_SCENARIO: 400,
  CG_DRILL_QUEUE_FULL: 429,
};

/** Runs a handler, answering drill errors with their HTTP status. */
function answer<T>(fn: (request: FastifyRequest, reply: FastifyReply) => Promise<T>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await fn(request, reply);
    } catch (err) {
      if (isCityguardError(err) && STATUS_BY_CODE[err.code] !== undefined)
        return reply.status(STATUS_BY_CODE[err.code]!).send({ error: err.code, message: err.message, requestId: request.id, details: err.details });
      throw err;
    }
  };
}

const tags = ['drills'];
const ListQuery = Type.Object({ scenario: Type.Optional(Type.String({ minLength: 1 })), limit: Limit }, { additionalProperties: false });

/** The routes, as an `extraRoutes` entry. */
export function drillRoutes(deps: DrillRouteDeps): (app: FastifyInstance) => void {
  return (app) => {
    app.get(
      '/api/drills',
      { schema: { tags, summary: 'Drill runs newest first, with their scorecards', querystring: ListQuery } },
      async (request): Promise<DrillHistory> => {
        const q = request.query as { scenario?: string; limit?: number };
        const items: DrillRun[] = await deps.desk.list({ ...(q.scenario ? { scenario: q.scenario } : {}), limit: q.limit ?? 100 });
        return { items };
      },
    );
    app.get('/api/drills/trend', { schema: { tags, summary: 'Per scenario and response mode: the latest run and the trend of the last finished runs' } }, async (): Promise<DrillTrendList> => ({
      items: await deps.history.trends(),
    }));
    app.get(
      '/api/drills/:id',
      { schema: { tags, summary: 'One drill run: progress while it plays, its scorecard when finished', params: IdParams } },
      answer(async (request): Promise<DrillRun> => {
        const id = (request.params as { id: string }).id;
        const card = await deps.desk.get(id);
        if (!card) throw drillNotFound(id);
        return card;
      }),
    );
    const start = answer(async (request, reply): Promise<DrillRun> => {
      const body = request.body as DrillRunRequest;
      const card = await deps.desk.request({ ...body, trigger: 'api', requestedBy: request.principal?.user ?? 'unknown' });
      reply.status(202);
      return card;
    });
    const run = { config: { role: 'operator' as const }, schema: { tags, summary: 'Run a scenario on an isolated copy of the twin (operator); poll GET /api/drills/:id', body: DrillRunRequest } };
    app.post('/api/drills', run, start);
    app.post('/api/drills/run', run, start);
  };
}
