// Action: one response step — proposed, approved by people where it touches a public service,
// carried out, and undoable. Every transition is recorded with who, when and why.
import Type, { type Static } from 'typebox';
import { EpochMs, Id, Scalar } from './common.js';

export const ACTION_KINDS = [
  'isolate-device',
  'safe-mode',
  'fallback-mode',
  'block-address',
  'disable-account',
  'rotate-credentials',
  'notify',
  'open-ticket',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ActionKind = Type.Enum(ACTION_KINDS);

export const ACTION_STATUSES = [
  'proposed',
  'awaiting-approval',
  'approved',
  'rejected',
  'running',
  'done',
  'failed',
  'undone',
  'expired',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ActionStatus = Type.Enum(ACTION_STATUSES);

export const Approval = Type.Object(
  {
    by: Type.String({ minLength: 1 }),
    role: Type.String({ minLength: 1 }),
    ts: EpochMs,
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    comment: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Approval = Static<typeof Approval>;

/** What an action would cost the city if carried out: people and services interrupted. */
export const ActionCost = Type.Object(
  {
    people: Type.Integer({ minimum: 0 }),
    services: Type.Array(Id),
    description: Type.String(),
  },
  { additionalProperties: false },
);
export type ActionCost = Static<typeof ActionCost>;

export const Action = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    kind: ActionKind,
    target: Type.Object(
      {
        type: Type.Union([Type.Literal('asset'), Type.Literal('address'), Type.Literal('account'), Type.Literal('service'), Type.Literal('people')]),
        id: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
    params: Type.Record(Type.String(), Scalar, { default: {} }),
    status: ActionStatus,
    reason: Type.String({ minLength: 1 }),
    incidentId: Type.Optional(Type.String()),
    playbookId: Type.Optional(Type.String()),
    requestedBy: Type.String(),
    requestedTs: EpochMs,
    interruptsService: Type.Boolean(),
    requiredApprovals: Type.Object(
      { count: Type.Integer({ minimum: 0 }), role: Type.String() },
      { additionalProperties: false },
    ),
    approvals: Type.Array(Approval),
    cost: Type.Optional(ActionCost),
    executedTs: Type.Optional(EpochMs),
    undoneTs: Type.Optional(EpochMs),
    expiresTs: Type.Optional(EpochMs),
    dryRun: Type.Boolean({ default: false }),
    result: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Action = Static<typeof Action>;
