// Shapes the dashboard reads from routes other parts contribute (response, drills, plans, ledger).
// Where a route is not on a server yet, the dashboard says so instead of showing anything; these
// schemas are what it expects once the route exists, so server and screen can be checked together.
import Type, { type Static } from 'typebox';
import { Action } from '../domain/index.js';

/** GET /api/actions?incidentId=&status=&limit=: response actions, newest first. */
export const ActionPage = Type.Object({ items: Type.Array(Action), nextCursor: Type.Optional(Type.String()) });
export type ActionPage = Static<typeof ActionPage>;

/** POST /api/actions/:id/approve and /reject: an optional comment; the answer is the updated Action. */
export const ActionDecision = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type ActionDecision = Static<typeof ActionDecision>;

/** GET /api/scenarios: the attack scenario library, each with its ATT&CK for ICS technique ids. */
export const ScenarioList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), description: Type.Optional(Type.String()), techniques: Type.Array(Type.String()) })),
});
export type ScenarioList = Static<typeof ScenarioList>;

/** POST /api/drills: run a scenario on an isolated copy of the twin. */
export const DrillRunRequest = Type.Object(
  {
    scenario: Type.String({ minLength: 1 }),
    response: Type.Enum(['auto', 'none'] as const),
    seed: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type DrillRunRequest = Static<typeof DrillRunRequest>;

/**
 * One drill run: its progress while running and its scorecard when finished. The measured fields
 * keep the names of `cityguard drill run --json` so the CLI and the API print the same object.
 */
export const DrillRun = Type.Object({
  id: Type.String(),
  scenario: Type.String(),
  response: Type.Enum(['auto', 'none'] as const),
  status: Type.Enum(['queued', 'running', 'finished', 'failed'] as const),
  startedTs: Type.Number(),
  finishedTs: Type.Optional(Type.Number()),
  detected: Type.Optional(Type.Boolean()),
  time_to_detect_s: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  time_to_contain_s: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  customer_minutes_lost: Type.Optional(Type.Number()),
  actions: Type.Optional(Type.Integer()),
  approvals: Type.Optional(Type.Integer()),
  detections: Type.Optional(Type.Array(Type.String(), { description: 'rules and detectors that fired' })),
  playbooks: Type.Optional(Type.Array(Type.String(), { description: 'playbooks that ran' })),
  missed: Type.Optional(Type.Array(Type.Object({ what: Type.String(), why: Type.String() }))),
  /** While running and after: the twin devices the attack has touched and their state, for the map. */
  assets: Type.Optional(Type.Array(Type.Object({ assetId: Type.String(), state: Type.Enum(['incident', 'alert', 'down', 'contained'] as const) }))),
  error: Type.Optional(Type.String()),
  scenarioName: Type.Optional(Type.String()),
  seed: Type.Optional(Type.Integer()),
  trigger: Type.Optional(Type.Enum(['schedule', 'cli', 'api'] as const, { description: 'who started the run' })),
  requestedBy: Type.Optional(Type.String()),
  customer_minutes_lost_without_response: Type.Optional(
    Type.Union([Type.Number(), Type.Null()], { description: 'the same scenario, seed and configuration with no response (null: not measured)' }),
  ),
  baseline_run: Type.Optional(Type.String({ description: 'the no-response run the figure above comes from' })),
  interrupting_actions_run_without_approvals: Type.Optional(Type.Integer()),
  other_alerts: Type.Optional(Type.Record(Type.String(), Type.Integer(), { description: 'alerts during the attack about something else (staff, devices downstream), by rule' })),
  fingerprint: Type.Optional(
    Type.Object(
      { rules: Type.String(), playbooks: Type.String(), city: Type.String(), scenario: Type.String(), combined: Type.String() },
      { description: 'hashes of the configuration the drill ran with' },
    ),
  ),
  settings: Type.Optional(Type.String({ description: 'simulation warm-up, observation, step and sampling' })),
  regression: Type.Optional(
    Type.Object(
      { since: Type.String(), changed: Type.Array(Type.Enum(['rules', 'playbooks', 'city', 'scenario'] as const)), text: Type.String() },
      { description: 'a scenario detected before is missed since the configuration changed' },
    ),
  ),
  simulated_s: Type.Optional(Type.Number()),
  wall_ms: Type.Optional(Type.Number()),
});
export type DrillRun = Static<typeof DrillRun>;

/** GET /api/drills: the history, newest first. GET /api/drills/:id answers one DrillRun. */
export const DrillHistory = Type.Object({ items: Type.Array(DrillRun) });
export type DrillHistory = Static<typeof DrillHistory>;

/** GET /api/drills/trend: per scenario and response mode, the latest run and the trend of the last finished ones (oldest first). */
export const DrillTrendList = Type.Object({
  items: Type.Array(
    Type.Object({
      scenario: Type.String(),
      response: Type.Enum(['auto', 'none'] as const),
      latest: DrillRun,
      points: Type.Array(
        Type.Object({
          id: Type.String(),
          startedTs: Type.Number(),
          detected: Type.Boolean(),
          time_to_detect_s: Type.Union([Type.Number(), Type.Null()]),
          time_to_contain_s: Type.Union([Type.Number(), Type.Null()]),
          customer_minutes_lost: Type.Number(),
          fingerprint: Type.String(),
          regression: Type.Boolean(),
        }),
      ),
    }),
  ),
});
export type DrillTrendList = Static<typeof DrillTrendList>;

/** GET /api/plans: the generated incident response and disaster recovery documents. */
export const PlanList = Type.Object({
  generatedTs: Type.Optional(Type.Number()),
  items: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), markdownUrl: Type.Optional(Type.String()), htmlUrl: Type.Optional(Type.String()) })),
});
export type PlanList = Static<typeof PlanList>;

/** GET /api/ledger/checkpoint: the latest signed checkpoint and who cosigned it. */
export const LedgerCheckpointInfo = Type.Object({
  origin: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  rootHash: Type.String({ description: 'base64' }),
  note: Type.String({ description: 'the signed note, C2SP tlog-checkpoint format' }),
  signedTs: Type.Optional(Type.Number()),
  cosignatures: Type.Array(Type.Object({ witness: Type.String(), keyId: Type.String(), ts: Type.Optional(Type.Number()) })),
  witnessesRequired: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type LedgerCheckpointInfo = Static<typeof LedgerCheckpointInfo>;

/** POST /api/ledger/verify (admin): the result of `cityguard ledger verify` on the live ledger. */
export const LedgerVerifyResult = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  checkpoints: Type.Integer(),
  witnessedBy: Type.Array(Type.String()),
  firstBadEntry: Type.Optional(Type.Integer()),
  problems: Type.Array(Type.Object({ code: Type.String(), entry: Type.Optional(Type.Integer()), detail: Type.String() })),
  warnings: Type.Array(Type.String()),
});
export type LedgerVerifyResult = Static<typeof LedgerVerifyResult>;

/** GET /api/ledger/entries?kind=&before=&limit=: the audit trail, newest first. */
export const LedgerEntryPage = Type.Object({
  items: Type.Array(Type.Object({ index: Type.Integer(), ts: Type.Number(), kind: Type.String(), payload: Type.Unknown() })),
  nextCursor: Type.Optional(Type.String()),
});
export type LedgerEntryPage = Static<typeof LedgerEntryPage>;

/** One service an action or attack takes (partly) out of normal operation, after fallbacks. */
export const ServiceLossInfo = Type.Object({
  serviceId: Type.String(),
  name: Type.String(),
  loss: Type.Number({ minimum: 0, maximum: 1 }),
  people: Type.Integer({ minimum: 0 }),
  via: Type.Array(Type.String()),
});

/** GET /api/incidents/:id/continuity: who the incident puts at risk and the containment options, cheapest first. */
export const IncidentContinuity = Type.Object({
  blastRadius: Type.Object({
    people: Type.Integer({ minimum: 0 }),
    peopleWithFallbacks: Type.Integer({ minimum: 0 }),
    services: Type.Array(
      Type.Object({
        serviceId: Type.String(),
        name: Type.String(),
        kind: Type.String(),
        peopleServed: Type.Integer({ minimum: 0 }),
        via: Type.Array(Type.String()),
        fallback: Type.Optional(Type.Object({ mode: Type.String(), capacityPct: Type.Number() })),
      }),
    ),
  }),
  options: Type.Array(
    Type.Object({
      kind: Type.String(),
      target: Type.Object({ type: Type.String(), id: Type.String() }),
      params: Type.Record(Type.String(), Type.Unknown()),
      assessment: Type.Object({
        cost: Type.Object({ people: Type.Integer(), services: Type.Array(Type.String()), description: Type.String() }),
        interrupts: Type.Boolean(),
        losses: Type.Array(ServiceLossInfo),
      }),
    }),
  ),
});
export type IncidentContinuity = Static<typeof IncidentContinuity>;
