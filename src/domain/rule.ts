// Rule: a detection written as YAML in the spirit of Sigma — which events it looks at, the
// conditions they must meet, an optional time pattern (threshold, sequence, absence, silence),
// its ATT&CK for ICS technique, a plain-language explanation template and its own examples.
import Type, { type Static } from 'typebox';
import { AssetSelector } from './asset.js';
import { IcsTactic, TechniqueId } from './attack.js';
import { Id, Scalar, Severity } from './common.js';

/** A length of time written as digits and a unit: `500ms`, `90s`, `5m`, `2h`, `1d`. */
export const Duration = Type.String({ pattern: '^[0-9]+(ms|s|m|h|d)$', description: 'e.g. 90s, 5m, 2h' });
export type Duration = Static<typeof Duration>;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds in a Duration; NaN when the text is not one. */
export function durationMs(text: string): number {
  const m = /^([0-9]+)(ms|s|m|h|d)$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : Number.NaN;
}

/** A value taken from another field of the same event, asset or actor, optionally scaled: `{ ref: asset.params.heightM }`. */
export const FieldRef = Type.Object(
  {
    ref: Type.String({ minLength: 1, description: 'field path, e.g. asset.params.heightM' }),
    times: Type.Optional(Type.Number({ description: 'multiply the referenced number by this' })),
    plus: Type.Optional(Type.Number({ description: 'then add this' })),
  },
  { additionalProperties: false },
);
export type FieldRef = Static<typeof FieldRef>;

/** What a field is compared with: a literal or a reference to another field. */
export const Operand = Type.Union([Scalar, FieldRef]);
export type Operand = Static<typeof Operand>;

/** Operators a field condition may use; each condition names exactly one. */
export const CONDITION_OPERATORS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'startswith',
  'endswith',
  'regex',
  'exists',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Days of the week as rules and maintenance windows write them, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM, local time of the city' });

/** A condition on when an event happened, in the city's local time; every listed part must hold. */
export const TimeCondition = Type.Object(
  {
    maintenance: Type.Optional(
      Type.Enum(['inside', 'outside'] as const, { description: "inside/outside the city's maintenance windows for the event's asset" }),
    ),
    hours: Type.Optional(
      Type.Object({ from: ClockTime, to: ClockTime }, { additionalProperties: false, description: 'from..to, may wrap midnight' }),
    ),
    days: Type.Optional(Type.Array(Type.Enum(WEEKDAYS), { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type TimeCondition = Static<typeof TimeCondition>;

/**
 * One node of a condition tree. Exactly one of: `all`, `any`, `not`, `time`, or `field` with one
 * operator. Field paths start at the event (`metrics.level_m`, `actor.host`, `args.state`), at
 * its asset (`asset.params.heightM`) or at the asset that acted (`actorAsset.tags`).
 */
export const Condition = Type.Cyclic(
  {
    Condition: Type.Object(
      {
        all: Type.Optional(Type.Array(Type.Ref('Condition'), { minItems: 1 })),
        any: Type.Optional(Type.Array(Type.Ref('Condition'), { minItems: 1 })),
        not: Type.Optional(Type.Ref('Condition')),
        time: Type.Optional(TimeCondition),
        field: Type.Optional(Type.String({ minLength: 1 })),
        equals: Type.Optional(Operand),
        notEquals: Type.Optional(Operand),
        in: Type.Optional(Type.Array(Scalar, { minItems: 1 })),
        notIn: Type.Optional(Type.Array(Scalar, { minItems: 1 })),
        gt: Type.Optional(Type.Union([Type.Number(), FieldRef])),
        gte: Type.Optional(Type.Union([Type.Number(), FieldRef])),
        lt: Type.Optional(Type.Union([Type.Number(), FieldRef])),
        lte: Type.Optional(Type.Union([Type.Number(), FieldRef])),
        contains: Type.Optional(Operand),
        startswith: Type.Optional(Type.String()),
        endswith: Type.Optional(Type.String()),
        regex: Type.Optional(Type.String({ minLength: 1 })),
        exists: Type.Optional(Type.Boolean()),
        ignoreCase: Type.Optional(Type.Boolean({ description: 'compare strings without regard to case' })),
      },
      { additionalProperties: false },
    ),
  },
  'Condition',
);
export type Condition = Static<typeof Condition>;

/** Which events a rule (or one step of it) looks at. */
export const EventFilter = Type.Object(
  {
    type: Type.Enum(['telemetry', 'network', 'command', 'auth', 'log'] as const),
    scope: Type.Optional(AssetSelector),
    where: Type.Optional(Condition),
  },
  { additionalProperties: false },
);
export type EventFilter = Static<typeof EventFilter>;

const Paths = (description: string) => Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description });

/** N matching events (or N distinct values of a field) within a sliding window, per group. */
export const ThresholdSpec = Type.Object(
  {
    count: Type.Integer({ minimum: 2 }),
    within: Duration,
    groupBy: Type.Optional(Paths('fields that split the count, e.g. [user, srcIp]')),
    distinct: Type.Optional(Type.String({ minLength: 1, description: 'count distinct values of this field instead of events' })),
  },
  { additionalProperties: false },
);
export type ThresholdSpec = Static<typeof ThresholdSpec>;

/** The matched event fires only when an `after` event came before it within the window. */
export const SequenceSpec = Type.Object(
  {
    after: EventFilter,
    within: Duration,
    by: Type.Optional(Paths('fields both events must share, e.g. [user]')),
    afterBy: Type.Optional(Paths('the same keys read from the earlier event when its fields are named differently')),
    or: Type.Optional(
      Type.Array(
        Type.Object(
          { by: Paths('another set of fields that also pairs the events'), afterBy: Type.Optional(Paths('those keys on the earlier event')) },
          { additionalProperties: false },
        ),
        { minItems: 1, description: 'alternative keys: the events pair when any key set matches' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SequenceSpec = Static<typeof SequenceSpec>;

/** The matched event fires when no `missing` event came within the window before it (or `grace` after). */
export const AbsenceSpec = Type.Object(
  {
    missing: EventFilter,
    within: Duration,
    grace: Type.Optional(Duration),
    by: Type.Optional(Paths('fields both events must share, e.g. [district]')),
    missingBy: Type.Optional(Paths('the same keys read from the missing event when its fields are named differently')),
  },
  { additionalProperties: false },
);
export type AbsenceSpec = Static<typeof AbsenceSpec>;

/** Fires when an asset that sent matching events has sent none for `for`. */
export const SilenceSpec = Type.Object({ for: Duration }, { additionalProperties: false });
export type SilenceSpec = Static<typeof SilenceSpec>;

/** After an alert, the same rule stays quiet for the same key for this long (counted, not lost). */
export const SuppressSpec = Type.Object(
  {
    for: Type.String({ ...Duration, default: '10m' }),
    by: Type.Optional(Paths('fields of the triggering event that make a key; default: the group, else the asset')),
  },
  { additionalProperties: false, default: {} },
);
export type SuppressSpec = Static<typeof SuppressSpec>;

/** The alert's plain-language text; `{{path}}` placeholders are filled from the event, asset and window. */
export const ExplanationTemplate = Type.Object(
  {
    what: Type.String({ minLength: 1 }),
    why: Type.String({ minLength: 1 }),
    whatToDo: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type ExplanationTemplate = Static<typeof ExplanationTemplate>;

/** One example run through the rule: the events (times relative to `start`) and whether it must fire. */
export const RuleExample = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    start: Type.Optional(Type.String({ format: 'date-time', description: 'UTC start, default 2025-03-12T09:00:00Z' })),
    events: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      minItems: 1,
      description: 'Event fields; id, ts, receivedTs, source and empty maps are filled in; `at: 90s` offsets from start',
    }),
    until: Type.Optional(Duration),
    expect: Type.Enum(['alert', 'none'] as const),
    alerts: Type.Optional(Type.Integer({ minimum: 1, description: 'exact number of alerts when expect is alert' })),
  },
  { additionalProperties: false },
);
export type RuleExample = Static<typeof RuleExample>;

/** A rule file. Exactly one of threshold / sequence / absence / silence, or none for a single-event rule. */
export const Rule = Type.Object(
  {
    id: Id,
    title: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    enabled: Type.Boolean({ default: true }),
    severity: Severity,
    attack: Type.Object({ technique: TechniqueId, tactic: IcsTactic }, { additionalProperties: false }),
    references: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    match: EventFilter,
    threshold: Type.Optional(ThresholdSpec),
    sequence: Type.Optional(SequenceSpec),
    absence: Type.Optional(AbsenceSpec),
    silence: Type.Optional(SilenceSpec),
    suppress: SuppressSpec,
    facts: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'extra fields recorded as evidence' }),
    explanation: ExplanationTemplate,
    tests: Type.Array(RuleExample, { default: [] }),
  },
  { additionalProperties: false },
);
export type Rule = Static<typeof Rule>;

/** The four time patterns a rule may use besides a single matching event. */
export const RULE_PATTERNS = ['threshold', 'sequence', 'absence', 'silence'] as const;
export type RulePattern = (typeof RULE_PATTERNS)[number] | 'match';

/** Which pattern a rule uses (`match` when it fires on each matching event). */
export function rulePattern(rule: Pick<Rule, (typeof RULE_PATTERNS)[number]>): RulePattern {
  return RULE_PATTERNS.find((p) => rule[p] !== undefined) ?? 'match';
}

/** Default UTC start of a rule example when it names none (a Wednesday morning). */
export const RULE_EXAMPLE_START = '2025-03-12T09:00:00Z';
