// Alert: one detection, explained for a person who is not a security analyst.
import Type, { type Static } from 'typebox';
import { IcsTactic, TechniqueId } from './attack.js';
import { EpochMs, Id, Scalar, Severity } from './common.js';

/** What kind of detector raised an alert. */
export const DetectorKind = Type.Union([
  Type.Literal('rule'),
  Type.Literal('protocol-baseline'),
  Type.Literal('anomaly'),
  Type.Literal('network-anomaly'),
  Type.Literal('device-security'),
  Type.Literal('posture'),
  Type.Literal('ledger'),
]);
export type DetectorKind = Static<typeof DetectorKind>;

/** The three questions every alert answers in plain words. */
export const Explanation = Type.Object(
  {
    what: Type.String({ minLength: 1, description: 'what happened' }),
    why: Type.String({ minLength: 1, description: 'why it matters to the city' }),
    whatToDo: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'what to do now, in order' }),
  },
  { additionalProperties: false },
);
export type Explanation = Static<typeof Explanation>;

/** A signal that departed from normal, for anomaly alerts. */
export const SignalDeparture = Type.Object(
  {
    name: Type.String(),
    observed: Type.Optional(Type.Number()),
    expected: Type.Optional(Type.Number()),
    description: Type.String(),
  },
  { additionalProperties: false },
);
export type SignalDeparture = Static<typeof SignalDeparture>;

export const Evidence = Type.Object(
  {
    eventIds: Type.Array(Type.String(), { default: [] }),
    facts: Type.Record(Type.String(), Scalar, { default: {} }),
    signals: Type.Optional(Type.Array(SignalDeparture)),
    window: Type.Optional(Type.Object({ fromTs: EpochMs, toTs: EpochMs }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Evidence = Static<typeof Evidence>;

/** One detection. `dedupKey` is derived from its inputs so a redelivered event never raises it twice. */
export const Alert = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    ts: EpochMs,
    severity: Severity,
    detector: Type.Object({ kind: DetectorKind, id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    technique: Type.Object({ id: TechniqueId, name: Type.String() }, { additionalProperties: false }),
    tactic: IcsTactic,
    title: Type.String({ minLength: 1 }),
    explanation: Explanation,
    assetIds: Type.Array(Id),
    district: Type.Optional(Id),
    evidence: Evidence,
    dedupKey: Type.String({ minLength: 1 }),
    incidentId: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Alert = Static<typeof Alert>;
