// Playbook: what to do when an alert or incident matches — steps that become Actions, each with
// its conditions, approvals, approval timeout, expiry (undo after a while unless renewed) and
// dry-run. Users write playbooks as YAML (content/playbooks); this schema is what the loader checks.
import Type, { type Static } from 'typebox';
import { ActionKind, type ActionKind as ActionKindT } from './action.js';
import { AssetKind } from './asset.js';
import { IcsTactic } from './attack.js';
import { Id, Scalar, Severity } from './common.js';
import { Duration } from './rule.js';
import { ServiceKind } from './service.js';

/** Action kinds that can take part of a public service out of normal operation. */
export const INTERRUPTING_ACTION_KINDS: readonly ActionKindT[] = ['isolate-device', 'safe-mode', 'fallback-mode'];

/** Fewest approvals an action that interrupts a public service may have: two different people. */
export const MIN_APPROVALS_INTERRUPTING = 2;

/** Roles that may approve, least to most privileged (the API's token roles). */
export const APPROVER_ROLES = ['operator', 'admin'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** Which assets a step acts on: those an alert or incident names, or those that sent the commands. */
export const AssetTarget = Type.Object(
  {
    of: Type.Enum(['alert', 'incident', 'actor', 'site'] as const, {
      description: 'alert: assets of the triggering alert; incident: all its assets; actor: hosts named by the alert’s host/srcIp facts; site: every asset at the sites of the alert’s assets',
    }),
    kinds: Type.Optional(Type.Array(AssetKind, { minItems: 1 })),
    zones: Type.Optional(Type.Array(Id, { minItems: 1 })),
    withoutTags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'skip assets carrying any of these tags' })),
  },
  { additionalProperties: false },
);
export type AssetTarget = Static<typeof AssetTarget>;

/** Which services a step acts on: those the alert's (or incident's) assets, or their sites, directly support. */
export const ServiceTarget = Type.Object(
  {
    of: Type.Enum(['alert', 'incident', 'site'] as const, { description: 'site: services of any asset at the same site as an alert asset' }),
    kinds: Type.Optional(Type.Array(ServiceKind, { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type ServiceTarget = Static<typeof ServiceTarget>;

/** A network address read from the triggering alert's evidence facts. */
export const AddressTarget = Type.Object(
  {
    fact: Type.String({ minLength: 1, description: 'fact name, e.g. srcIp or dstIp' }),
    scope: Type.Enum(['external', 'any'] as const, { default: 'external', description: 'external: skip private addresses and the city’s own assets' }),
  },
  { additionalProperties: false },
);
export type AddressTarget = Static<typeof AddressTarget>;

/** A user account named by a fact, on the alert's assets of the given kinds (or on every asset of those kinds). */
export const AccountTarget = Type.Object(
  {
    fact: Type.String({ minLength: 1, description: 'fact holding the user name, e.g. user or attrs.target_user' }),
    on: Type.Enum(['alert', 'city'] as const, { default: 'alert' }),
    kinds: Type.Array(Type.Enum(['vpn-gateway', 'domain-controller'] as const), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type AccountTarget = Static<typeof AccountTarget>;

/** Exactly one kind of target. */
export const StepTarget = Type.Object(
  {
    assets: Type.Optional(AssetTarget),
    services: Type.Optional(ServiceTarget),
    address: Type.Optional(AddressTarget),
    account: Type.Optional(AccountTarget),
    people: Type.Optional(Type.Object({ roles: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) }, { additionalProperties: false })),
    queue: Type.Optional(Type.String({ minLength: 1, description: 'ticket queue (team) for open-ticket' })),
  },
  { additionalProperties: false },
);
export type StepTarget = Static<typeof StepTarget>;

/** When a step applies; every listed part must hold. */
export const StepCondition = Type.Object(
  {
    detectors: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'the triggering alert came from one of these' })),
    minSeverity: Type.Optional(Severity),
    stageAtLeast: Type.Optional(IcsTactic),
    assetKinds: Type.Optional(Type.Array(AssetKind, { minItems: 1, description: 'the alert names an asset of one of these kinds' })),
    facts: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'these evidence facts are present' })),
  },
  { additionalProperties: false },
);
export type StepCondition = Static<typeof StepCondition>;

/** Who must approve: how many different people, holding at least this role. */
export const ApprovalPolicy = Type.Object(
  {
    role: Type.Enum(APPROVER_ROLES, { default: 'operator' }),
    count: Type.Integer({ minimum: 0, maximum: 5 }),
  },
  { additionalProperties: false },
);
export type ApprovalPolicy = Static<typeof ApprovalPolicy>;

/** One step: an action kind, its target, when it applies, who approves and how long it lasts. */
export const PlaybookStep = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    do: ActionKind,
    target: StepTarget,
    params: Type.Record(Type.String(), Scalar, { default: {}, description: 'kind-specific: mode, message, subject, title …' }),
    when: Type.Optional(StepCondition),
    after: Type.Optional(Type.Array(Id, { minItems: 1, description: 'wait until these steps’ actions are done' })),
    reason: Type.String({ minLength: 1, description: 'why, shown to approvers; {{alert.title}}, {{target}}, {{facts.X}} are filled in' }),
    approvals: Type.Optional(ApprovalPolicy),
    timeout: Type.String({ ...Duration, default: '30m', description: 'an action not approved within this expires' }),
    expiresAfter: Type.Optional(Type.String({ ...Duration, description: 'undone automatically this long after it ran, unless renewed' })),
    dryRun: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type PlaybookStep = Static<typeof PlaybookStep>;

/** What starts a playbook: an alert (by detector) or an incident (by severity, stage, services). */
export const PlaybookTrigger = Type.Object(
  {
    alert: Type.Optional(
      Type.Object(
        {
          detectors: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
          minSeverity: Type.Optional(Severity),
          assetKinds: Type.Optional(Type.Array(AssetKind, { minItems: 1 })),
          zones: Type.Optional(Type.Array(Id, { minItems: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    incident: Type.Optional(
      Type.Object(
        {
          minSeverity: Type.Optional(Severity),
          stageAtLeast: Type.Optional(IcsTactic),
          techniques: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
          serviceKinds: Type.Optional(Type.Array(ServiceKind, { minItems: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PlaybookTrigger = Static<typeof PlaybookTrigger>;

/** A playbook file. */
export const Playbook = Type.Object(
  {
    id: Id,
    title: Type.String({ minLength: 1 }),
    description: Type.String({ minLength: 1 }),
    enabled: Type.Boolean({ default: true }),
    references: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    trigger: PlaybookTrigger,
    dryRun: Type.Boolean({ default: false, description: 'every step only says what it would do' }),
    steps: Type.Array(PlaybookStep, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type Playbook = Static<typeof Playbook>;

const TARGET_KEYS = ['assets', 'services', 'address', 'account', 'people', 'queue'] as const;

/** The target key each action kind may use. */
export const TARGETS_BY_KIND: Readonly<Record<ActionKindT, readonly (typeof TARGET_KEYS)[number][]>> = {
  'isolate-device': ['assets'],
  'safe-mode': ['assets'],
  'fallback-mode': ['services'],
  'block-address': ['address', 'assets'],
  'disable-account': ['account'],
  'rotate-credentials': ['assets'],
  notify: ['people'],
  'open-ticket': ['queue'],
};

/** Approvals a step gets when its file names none: two for interrupting kinds, one for other containment, none for messages. */
export function defaultApprovals(kind: ActionKindT): ApprovalPolicy {
  if (INTERRUPTING_ACTION_KINDS.includes(kind)) return { role: 'operator', count: MIN_APPROVALS_INTERRUPTING };
  return { role: 'operator', count: kind === 'notify' || kind === 'open-ticket' ? 0 : 1 };
}

/** Problems a schema-valid playbook can still have, by path: triggers, targets, approvals, step order. */
export function checkPlaybook(p: Playbook): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if ((p.trigger.alert === undefined) === (p.trigger.incident === undefined))
    problems.push({ path: '/trigger', message: 'a trigger needs exactly one of alert or incident' });
  const seen = new Set<string>();
  p.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (seen.has(step.id)) problems.push({ path: `${at}/id`, message: `duplicate step id "${step.id}"` });
    for (const dep of step.after ?? [])
      if (!seen.has(dep)) problems.push({ path: `${at}/after`, message: `"${dep}" is not an earlier step of this playbook` });
    seen.add(step.id);
    const keys = TARGET_KEYS.filter((k) => step.target[k] !== undefined);
    const allowed = TARGETS_BY_KIND[step.do];
    if (keys.length !== 1) problems.push({ path: `${at}/target`, message: `a target needs exactly one of ${allowed.join(', ')}` });
    else if (!allowed.includes(keys[0]!)) problems.push({ path: `${at}/target/${keys[0]}`, message: `${step.do} takes a target of ${allowed.join(' or ')}` });
    if (INTERRUPTING_ACTION_KINDS.includes(step.do) && step.approvals && step.approvals.count < MIN_APPROVALS_INTERRUPTING)
      problems.push({
        path: `${at}/approvals/count`,
        message: `${step.do} can interrupt a public service and needs at least ${MIN_APPROVALS_INTERRUPTING} approvals from different people`,
      });
  });
  return problems;
}

/** A person the drill runner approves as, and how long they take to answer. */
export const DrillApprover = Type.Object(
  {
    user: Type.String({ minLength: 1 }),
    role: Type.Enum(APPROVER_ROLES, { default: 'operator' }),
    delayS: Type.Number({ minimum: 0, default: 120, description: 'seconds from the request until this person approves' }),
  },
  { additionalProperties: false },
);
export type DrillApprover = Static<typeof DrillApprover>;

/** Where response actions reach the world: firewall (OpenC2), notifications, tickets, and drill approvers. */
export const ResponseSettings = Type.Object(
  {
    playbooks: Type.Optional(Type.String({ description: 'playbook file or folder; the shipped library when absent' })),
    dryRun: Type.Boolean({ default: false, description: 'every action only says what it would do' }),
    openc2: Type.Optional(
      Type.Object(
        {
          url: Type.String({ minLength: 1, description: 'OpenC2 consumer endpoint (HTTPS POST, SLPF actuator profile)' }),
          tokenEnv: Type.Optional(Type.String({ description: 'environment variable holding a bearer token for the endpoint' })),
          timeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
        },
        { additionalProperties: false },
      ),
    ),
    webhook: Type.Optional(
      Type.Object({ url: Type.String({ minLength: 1 }), timeoutMs: Type.Integer({ minimum: 100, default: 10_000 }) }, { additionalProperties: false }),
    ),
    smtp: Type.Optional(
      Type.Object(
        {
          host: Type.String({ minLength: 1 }),
          port: Type.Integer({ minimum: 1, maximum: 65535, default: 25 }),
          from: Type.String({ minLength: 3 }),
          heloName: Type.String({ default: 'cityguard' }),
          timeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
        },
        { additionalProperties: false },
      ),
    ),
    tickets: Type.Object(
      {
        dir: Type.Optional(Type.String({ description: 'folder for ticket files; default <dataDir>/tickets' })),
        webhookUrl: Type.Optional(Type.String({ minLength: 1, description: 'open and close tickets by POSTing here instead' })),
      },
      { additionalProperties: false, default: {} },
    ),
    drillApprovers: Type.Array(DrillApprover, { default: [] }),
  },
  { additionalProperties: false },
);
export type ResponseSettings = Static<typeof ResponseSettings>;
