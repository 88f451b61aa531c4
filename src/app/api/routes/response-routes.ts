// Response over HTTP: actions (list, propose with their cost, approve, reject, undo, renew, a live
// stream of changes), incident handling (status, notes, assignment, evidence, continuity, export as
// JSON or STIX 2.1), the playbook library and the response configuration (admin). Contributed to
// buildApi through `extraRoutes` by the runtime's response stage.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { type Action, type Alert, ACTION_KINDS, ACTION_STATUSES, ApprovalPolicy, INCIDENT_STATUSES, ResponseSettings, Scalar, type Incident } from '../../../domain/index.js';
import { CityguardError, isCityguardError, type CityModel, type IncidentStatus } from '../../../domain/index.js';
import { exportIncident, stixBundle, type ContinuityModel, type IncidentDesk, type ResponseEngine, type ResponsePrincipal } from '../../../operations/response/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import type { Store } from '../../../platform/store/store.js';
import { Cursor, IdParams, Limit } from './query-schemas.js';

/** What the response routes need; the runtime's response stage provides it. */
export interface ResponseRouteDeps {
  engine: ResponseEngine;
  desk: IncidentDesk;
  continuity: ContinuityModel;
  store: Store;
  city: CityModel;
  clock: Clock;
  settings: { get(): ResponseSettings; set(next: ResponseSettings): Promise<void> };
  /** Action changes as they happen, for the action stream. */
  actionFeed: { subscribe(listener: (a: Action) => void): () => void };
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  CG_RESPONSE_NOT_FOUND: 404,
  CG_RESPONSE_BAD_STATE: 409,
  CG_RESPONSE_SAME_APPROVER: 409,
  CG_RESPONSE_TRANSITION: 409,
  CG_RESPONSE_APPROVER_ROLE: 403,
  CG_RESPONSE_BAD_TARGET: 400,
  CG_RESPONSE_NOTE_REQUIRED: 400,
};

/** Runs a handler, answering response errors with their HTTP status (engines know nothing of HTTP). */
function answer<T>(fn: (request: FastifyRequest) => Promise<T>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await fn(request);
    } catch (err) {
      if (isCityguardError(err) && STATUS_BY_CODE[err.code] !== undefined)
        return reply.status(STATUS_BY_CODE[err.code]!).send({ error: err.code, message: err.message, requestId: request.id, details: err.details });
      throw err;
    }
  };
}

const principal = (request: FastifyRequest): ResponsePrincipal => request.principal!;
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
const Comment = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
const operator = { role: 'operator' as const };

const ProposeBody = Type.Object(
  {
    kind: Type.Enum(ACTION_KINDS),
    target: Type.Object(
      { type: Type.Enum(['asset', 'address', 'account', 'service', 'people'] as const), id: Type.String({ minLength: 1, maxLength: 300 }) },
      { additionalProperties: false },
    ),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    params: Type.Optional(Type.Record(Type.String(), Scalar)),
    incidentId: Type.Optional(Type.String({ minLength: 1 })),
    approvals: Type.Optional(ApprovalPolicy),
    expiresAfterHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 24 * 90 })),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The routes, as an `extraRoutes` entry. */
export function responseRoutes(deps: ResponseRouteDeps): (app: FastifyInstance) => void {
  return (app) => {
    actionRoutes(app, deps);
    incidentRoutes(app, deps);
    configRoutes(app, deps);
  };
}

function actionRoutes(app: FastifyInstance, deps: ResponseRouteDeps): void {
  const { engine, store } = deps;
  const tags = ['response'];
  app.get(
    '/api/actions',
    {
      schema: {
        tags,
        summary: 'Response actions, newest first',
        querystring: Type.Object({ incidentId: Type.Optional(Type.String()), status: Type.Optional(Type.Enum(ACTION_STATUSES)), limit: Limit, cursor: Cursor }),
      },
    },
    async (request) => store.actions.list(request.query as { incidentId?: string; status?: Action['status']; limit?: number; cursor?: string }),
  );
  app.get('/api/actions/stream', { config: { tokenInQuery: true }, schema: { tags, summary: 'Action changes as server-sent events (`event: action`)' } }, (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    reply.raw.write(': cityguard action stream\n\n');
    const off = deps.actionFeed.subscribe((a) => reply.raw.write(`event: action\ndata: ${JSON.stringify(a)}\n\n`));
    const heartbeat = setInterval(() => reply.raw.write(': heartbeat\n\n'), 15_000);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      off();
    });
  });
  app.get('/api/actions/:id', { schema: { tags, summary: 'One action with its approvals, cost and result', params: IdParams } }, answer(async (request) => {
    const a = await store.actions.get(idOf(request));
    if (!a) throw new CityguardError('CG_RESPONSE_NOT_FOUND', `no action with id "${idOf(request)}"`, { what: 'action', id: idOf(request) });
    return a;
  }));
  app.post(
    '/api/actions',
    { config: operator, schema: { tags, summary: 'Propose an action; the answer shows its cost in people and services before anyone approves', body: ProposeBody } },
    answer(async (request) => {
      const b = request.body as Static<typeof ProposeBody>;
      return engine.propose(
        {
          kind: b.kind,
          target: b.target,
          reason: b.reason,
          ...(b.params ? { params: b.params } : {}),
          ...(b.incidentId ? { incidentId: b.incidentId } : {}),
          ...(b.approvals ? { approvals: b.approvals } : {}),
          ...(b.expiresAfterHours ? { expiresAfterMs: Math.round(b.expiresAfterHours * 3_600_000) } : {}),
          ...(b.dryRun !== undefined ? { dryRun: b.dryRun } : {}),
        },
        principal(request),
      );
    }),
  );
  const act = (path: string, summary: string, run: (id: string, p: ResponsePrincipal, text: string | undefined) => Promise<Action>, field: 'comment' | 'reason' = 'comment') =>
    app.post(
      `/api/actions/:id/${path}`,
      {
        config: operator,
        schema: { tags, summary, params: IdParams, body: Type.Optional(field === 'comment' ? Comment : Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })) },
      },
      answer(async (request) => run(idOf(request), principal(request), (request.body as Record<string, string | undefined> | undefined)?.[field])),
    );
  act('approve', 'Approve an action (a second approval must come from a different person)', (id, p, c) => engine.approve(id, p, c));
  act('reject', 'Reject an action waiting for approval', (id, p, c) => engine.reject(id, p, c));
  act('undo', 'Undo an action that was carried out', (id, p, r) => engine.undo(id, p, r), 'reason');
  act('renew', 'Keep a carried-out action for another expiry period', (id, p) => engine.renew(id, p));
}

function incidentRoutes(app: FastifyInstance, deps: ResponseRouteDeps): void {
  const { desk, store, city } = deps;
  const tags = ['incidents'];
  const by = (request: FastifyRequest) => principal(request).user;
  app.post(
    '/api/incidents/:id/status',
    {
      config: operator,
      schema: { tags, summary: 'Move an incident: new → triaged → contained → recovered → closed', params: IdParams, body: Type.Object({ status: Type.Enum(INCIDENT_STATUSES), note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false }) },
    },
    answer(async (request) => {
      const b = request.body as { status: IncidentStatus; note?: string };
      return desk.transition(idOf(request), b.status, by(request), b.note);
    }),
  );
  app.post(
    '/api/incidents/:id/notes',
    { config: operator, schema: { tags, summary: 'Add a note to the timeline', params: IdParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 8000 }) }, { additionalProperties: false }) } },
    answer(async (request) => desk.note(idOf(request), (request.body as { text: string }).text, by(request))),
  );
  app.post(
    '/api/incidents/:id/assign',
    { config: operator, schema: { tags, summary: 'Assign the incident (empty: nobody)', params: IdParams, body: Type.Object({ assignee: Type.String({ maxLength: 200 }) }, { additionalProperties: false }) } },
    answer(async (request) => desk.assign(idOf(request), (request.body as { assignee: string }).assignee, by(request))),
  );
  app.post(
    '/api/incidents/:id/evidence',
    {
      config: operator,
      schema: { tags, summary: 'Attach evidence (what it is, and an event id, file, URL or hash)', params: IdParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }), ref: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }) },
    },
    answer(async (request) => {
      const b = request.body as { text: string; ref?: string };
      return desk.evidence(idOf(request), { text: b.text, ...(b.ref ? { ref: b.ref } : {}) }, by(request));
    }),
  );
  app.get('/api/incidents/:id/continuity', { schema: { tags, summary: 'Who the incident puts at risk, and containment options cheapest first with their cost', params: IdParams } }, answer(async (request) => {
    const { incident, alerts } = await load(deps, idOf(request));
    return { blastRadius: deps.continuity.blastRadius(incident.assetIds), options: deps.continuity.options(incident, alerts) };
  }));
  app.get(
    '/api/incidents/:id/export',
    {
      schema: {
        tags,
        summary: 'Export as JSON (incident, alerts, actions, evidence) or as a STIX 2.1 bundle of indicators',
        params: IdParams,
        querystring: Type.Object({ format: Type.Enum(['json', 'stix'] as const, { default: 'json' }), internal: Type.Optional(Type.Boolean({ description: 'STIX: include the city’s own accounts' })) }),
      },
    },
    answer(async (request) => {
      const q = request.query as { format: 'json' | 'stix'; internal?: boolean };
      const { incident, alerts } = await load(deps, idOf(request));
      if (q.format === 'stix') return stixBundle(city, incident, alerts, { internal: q.internal === true });
      const actions = (await store.actions.list({ incidentId: incident.id, limit: 1000 })).items;
      return exportIncident(city, incident, alerts, actions, deps.clock.now());
    }),
  );
}

async function load(deps: ResponseRouteDeps, id: string): Promise<{ incident: Incident; alerts: Alert[] }> {
  const incident = await deps.desk.get(id);
  const alerts = (await Promise.all(incident.alertIds.map((a) => deps.store.alerts.get(a)))).filter((a) => a !== undefined);
  return { incident, alerts };
}

function configRoutes(app: FastifyInstance, deps: ResponseRouteDeps): void {
  app.get('/api/playbooks', { schema: { tags: ['response'], summary: 'The playbook library in use' } }, async () => ({ items: deps.engine.playbooks }));
  app.get('/api/response/config', { config: { role: 'admin' }, schema: { tags: ['response'], summary: 'Where actions reach the world: OpenC2, SMTP, webhook, tickets (admin)' } }, async () => deps.settings.get());
  app.put(
    '/api/response/config',
    { config: { role: 'admin' }, schema: { tags: ['response'], summary: 'Change the response configuration (admin); applies to the next action', body: ResponseSettings } },
    async (request) => {
      await deps.settings.set(request.body as ResponseSettings);
      return deps.settings.get();
    },
  );
}
