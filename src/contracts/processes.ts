// Process detectors as the API shows them: which processes are watched, where each detector is in
// its lifecycle (learning → baseline → detecting), where its baseline came from, and its last score.
import Type, { type Static } from 'typebox';

/** One process detector's state. */
export const ProcessStatus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phase: Type.Enum(['learning', 'baseline', 'detecting'] as const),
  progress: Type.Number({ minimum: 0, maximum: 1, description: 'share of the current phase done (1 while detecting)' }),
  learningSamples: Type.Integer({ minimum: 0 }),
  baselineSamples: Type.Integer({ minimum: 0 }),
  periodS: Type.Number({ description: 'one sample of the latest readings per this many seconds' }),
  signals: Type.Array(Type.String(), { description: 'asset.metric readings the detector watches' }),
  baseline: Type.Object({
    kind: Type.Enum(['live', 'simulated'] as const, { description: 'learned from the process itself, or pre-learned on the city twin' }),
    description: Type.String(),
  }),
  lastSampleTs: Type.Union([Type.Number(), Type.Null()]),
  lastScore: Type.Union([Type.Number(), Type.Null()], { description: '1 is the alarm threshold; null before detecting' }),
  alarmOpen: Type.Boolean(),
  alarms: Type.Integer({ minimum: 0 }),
  controlRules: Type.Object(
    {
      given: Type.Array(Type.String(), { description: 'where each rule is written, e.g. "start level of PLC bs-hill-plc in the city file"' }),
      setAside: Type.Array(
        Type.Object({
          source: Type.String(),
          applied: Type.Integer({ minimum: 0, description: 'learning samples on which the rule applied' }),
          contradicted: Type.Integer({ minimum: 0, description: 'of those, samples on which the device was in the other state' }),
        }),
        { description: 'rules the learning samples contradicted (over 1 % of the samples they applied to), so they are not used' },
      ),
    },
    { description: 'the control logic the process is checked against: its PLCs’ start and stop levels' },
  ),
  counts: Type.Object({
    events: Type.Integer({ minimum: 0 }),
    badValues: Type.Integer({ minimum: 0, description: 'readings that were not numbers (ignored)' }),
    late: Type.Integer({ minimum: 0, description: 'events older than the last sample (ignored)' }),
    samples: Type.Integer({ minimum: 0 }),
    stale: Type.Integer({ minimum: 0, description: 'samples skipped because a device had not reported recently' }),
    skipped: Type.Integer({ minimum: 0, description: 'samples skipped in a silence of the whole process' }),
    rejected: Type.Integer({ minimum: 0 }),
  }),
});
export type ProcessStatus = Static<typeof ProcessStatus>;

/** GET /api/processes. */
export const ProcessList = Type.Object({
  items: Type.Array(ProcessStatus),
  prelearning: Type.Boolean({ description: 'detectors are being pre-learned on the city twin; live telemetry waits' }),
});
export type ProcessList = Static<typeof ProcessList>;
