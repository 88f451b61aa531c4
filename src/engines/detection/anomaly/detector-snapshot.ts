// The JSON form of a ProcessDetector, and the checks a snapshot passes before it is trusted.
import type { GateState } from './alarm-gate.js';
import type { ResolvedConfig } from './detector-config.js';
import { invalidSnapshot } from './errors.js';
import type { FrameState } from './feature-frame.js';
import type { ModelJson } from './scoring-model.js';
import type { SignalInfo } from './signal-catalog.js';

/** Identifies a snapshot and its layout version. */
export const SNAPSHOT_FORMAT = 'cityguard.process-detector/1';

/** A detector's whole state as plain JSON (no NaN: unknown times are null). */
export interface DetectorSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly config: ResolvedConfig;
  readonly phase: 'learning' | 'baseline' | 'detecting';
  readonly stats: { learned: number; baselined: number; scored: number; rejected: number; alarms: number };
  /** Samples collected in the current learning or baseline phase. */
  readonly buffered: { rows: number[][]; times: Array<number | null> };
  /** The last learning sample, which the baseline continues from. */
  readonly prime: { row: number[]; time: number | null } | null;
  readonly signals: SignalInfo[] | null;
  readonly tolerance: number[] | null;
  readonly models: ModelJson[];
  readonly modelStates: Array<number[] | null>;
  readonly threshold: number;
  readonly gate: GateState;
  readonly frame: FrameState | null;
  /** Time of the last sample, and the typical interval between samples, in ms (null when unknown). */
  readonly lastTime: number | null;
  readonly intervalMs: number | null;
}

const PHASES = ['learning', 'baseline', 'detecting'];

/** Checks the shape of a parsed snapshot; throws CG_ANOMALY_SNAPSHOT_INVALID naming the first problem. */
export function readSnapshot(value: unknown): DetectorSnapshot {
  if (typeof value !== 'object' || value === null) throw invalidSnapshot('not an object');
  const s = value as Partial<DetectorSnapshot>;
  if (s.format !== SNAPSHOT_FORMAT) throw invalidSnapshot(`format is ${JSON.stringify(s.format)}, expected ${SNAPSHOT_FORMAT}`);
  if (typeof s.config !== 'object' || s.config === null || !Array.isArray(s.config.signals)) throw invalidSnapshot('config.signals missing');
  if (!PHASES.includes(s.phase as string)) throw invalidSnapshot(`unknown phase ${JSON.stringify(s.phase)}`);
  if (!s.buffered || !Array.isArray(s.buffered.rows) || !Array.isArray(s.buffered.times)) throw invalidSnapshot('buffered samples missing');
  const width = s.config.signals.length;
  if (s.buffered.rows.some((r) => !Array.isArray(r) || r.length !== width)) throw invalidSnapshot(`a buffered sample does not have ${width} values`);
  if (!Array.isArray(s.models) || !Array.isArray(s.modelStates)) throw invalidSnapshot('models missing');
  if (typeof s.threshold !== 'number' || !(s.threshold > 0)) throw invalidSnapshot('threshold must be a positive number');
  if (typeof s.gate !== 'object' || s.gate === null) throw invalidSnapshot('gate state missing');
  if (s.phase !== 'learning') {
    if (!Array.isArray(s.signals) || s.signals.length !== width) throw invalidSnapshot('signals missing');
    if (!Array.isArray(s.tolerance) || s.tolerance.length !== width) throw invalidSnapshot('tolerance missing');
    if (s.prime === null || s.prime === undefined || s.prime.row.length !== width) throw invalidSnapshot('last learning sample missing');
    if (s.models.length === 0) throw invalidSnapshot('no fitted models');
  }
  if (s.phase === 'detecting' && (s.frame === null || s.frame === undefined || s.frame.last.length !== width)) throw invalidSnapshot('frame state missing');
  return s as DetectorSnapshot;
}
