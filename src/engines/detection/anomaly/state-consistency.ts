// Discrete-state consistency learned from data: on/off states whose readings must agree (a pump is
// running exactly when its flow is above zero) and the range each reading keeps while a state holds
// (a pump is only ever off while its tank is above some level) — the control logic, seen from outside.
import { formatValue, stateWords, type RawDeparture } from './departure.js';
import type { FeatureFrame } from './feature-frame.js';
import { column, maxOf, median, minOf, robustScale } from './robust-stats.js';
import { StatelessModel, type ExplainContext, type LearningSet } from './scoring-model.js';

const PAIRING = 0;
const CONTROL = 1;
/** A contradiction counts ten times the calibrated level; a reading one robust scale outside its state's range counts 1. */
const FLOORS = [0.1, 1];
/** A state must hold on this many learning rows before its envelope is trusted. */
const MIN_SUPPORT = 48;
/**
 * An envelope is kept only when the state really moves the reading: the reading's median differs
 * between the two states by at least this many robust scales (a pump and the level of its tank,
 * not a pump and a pressure across town that happened to stay narrow).
 */
const MIN_EFFECT = 1;

/** Fitted parameters: coupled (status, reading) pairs and per-state envelopes, as parallel arrays. */
export interface StateParams {
  pairStatus: number[];
  pairReading: number[];
  pairEps: number[];
  envStatus: number[];
  envState: number[];
  envReading: number[];
  envLo: number[];
  envHi: number[];
  envScale: number[];
}

/** Learns which readings agree with which on/off states, and their range per state. */
export function fitStateConsistency(set: LearningSet, resolution: ArrayLike<number>): StateConsistency {
  const p: StateParams = { pairStatus: [], pairReading: [], pairEps: [], envStatus: [], envState: [], envReading: [], envLo: [], envHi: [], envScale: [] };
  const sig = set.signals;
  const binaries = sig.flatMap((s, j) => (s.kind === 'binary' && !s.constant ? [j] : []));
  const readings = sig.flatMap((s, j) => (s.kind === 'continuous' && !s.constant ? [j] : []));
  const cols = new Map(readings.map((c) => [c, column(set.rows, c)]));
  for (const b of binaries) {
    const state = column(set.rows, b);
    for (const c of readings) {
      const x = cols.get(c)!;
      const eps = Math.max(1e-3 * Math.max(Math.abs(minOf(x)), Math.abs(maxOf(x))), resolution[c] ?? 0);
      if (coupled(state, x, eps)) {
        p.pairStatus.push(b);
        p.pairReading.push(c);
        p.pairEps.push(eps);
      }
      addEnvelopes(p, b, state, c, x, robustScale(x, Math.max(resolution[c] ?? 0, 1e-9)));
    }
  }
  return new StateConsistency(p);
}

function coupled(state: Float64Array, x: Float64Array, eps: number): boolean {
  for (let i = 0; i < state.length; i++) if ((state[i] === 1) !== Math.abs(x[i]!) > eps) return false;
  return true;
}

function addEnvelopes(p: StateParams, b: number, state: Float64Array, c: number, x: Float64Array, scale: number): void {
  const off = x.filter((_, i) => state[i] === 0);
  const on = x.filter((_, i) => state[i] === 1);
  if (off.length < MIN_SUPPORT || on.length < MIN_SUPPORT) return;
  if (Math.abs(median(on) - median(off)) < MIN_EFFECT * scale) return;
  for (const [s, sub] of [[0, off], [1, on]] as const) {
    const sLo = minOf(sub);
    const sHi = maxOf(sub);
    p.envStatus.push(b);
    p.envState.push(s);
    p.envReading.push(c);
    p.envLo.push(sLo);
    p.envHi.push(sHi);
    p.envScale.push(scale);
  }
}

/** Scores contradictions between on/off states and the readings that go with them. */
export class StateConsistency extends StatelessModel<StateParams> {
  readonly name = 'state-consistency';

  constructor(p: StateParams, divisors?: ArrayLike<number>) {
    super(p, FLOORS, divisors);
  }

  measure(frame: FeatureFrame, channels: Float64Array): void {
    this.scan(frame, channels, null);
  }

  contribute(frame: FeatureFrame, contrib: Float64Array): void {
    this.scan(frame, this.scratch, contrib);
  }

  private readonly scratch = new Float64Array(FLOORS.length);

  private scan(frame: FeatureFrame, channels: Float64Array, contrib: Float64Array | null): void {
    channels.fill(0);
    const p = this.p;
    const x = frame.x;
    const div = this.calibration.divisors;
    for (let k = 0; k < p.pairStatus.length; k++) {
      const b = p.pairStatus[k]!;
      const c = p.pairReading[k]!;
      if ((x[b] === 1) === Math.abs(x[c]!) > p.pairEps[k]!) continue;
      const v = 1 / div[PAIRING]!;
      channels[PAIRING] = Math.max(channels[PAIRING]!, v);
      if (contrib !== null) raise(contrib, b, c, v);
    }
    for (let k = 0; k < p.envStatus.length; k++) {
      const b = p.envStatus[k]!;
      if (x[b] !== p.envState[k]) continue;
      const c = p.envReading[k]!;
      const excess = Math.max(0, x[c]! - p.envHi[k]!, p.envLo[k]! - x[c]!);
      if (excess === 0) continue;
      const v = excess / p.envScale[k]! / div[CONTROL]!;
      channels[CONTROL] = Math.max(channels[CONTROL]!, v);
      if (contrib !== null) raise(contrib, b, c, v);
    }
  }

  explain(frame: FeatureFrame, context: ExplainContext, out: RawDeparture[], minimum: number): void {
    const p = this.p;
    const x = frame.x;
    const sig = context.signals;
    for (let k = 0; k < p.pairStatus.length; k++) {
      const b = sig[p.pairStatus[k]!]!;
      const c = sig[p.pairReading[k]!]!;
      const on = x[p.pairStatus[k]!] === 1;
      if (on === Math.abs(x[p.pairReading[k]!]!) > p.pairEps[k]! || !this.calibration.reaches(PAIRING, 1, minimum)) continue;
      const text = `${b.asset} reports ${stateWords(b, on)} but ${c.label} reads ${formatValue(x[p.pairReading[k]!]!, c.unit)}: the status or the reading is false`;
      out.push({ signal: b.name, kind: 'state-conflict', raw: 1, channel: PAIRING, observed: x[p.pairStatus[k]!]!, text });
    }
    for (let k = 0; k < p.envStatus.length; k++) {
      const bi = p.envStatus[k]!;
      const ci = p.envReading[k]!;
      if (x[bi] !== p.envState[k]) continue;
      const excess = Math.max(0, x[ci]! - p.envHi[k]!, p.envLo[k]! - x[ci]!);
      if (excess === 0 || !this.calibration.reaches(CONTROL, excess / p.envScale[k]!, minimum)) continue;
      const b = sig[bi]!;
      const c = sig[ci]!;
      const state = stateWords(b, p.envState[k] === 1);
      const range = `${formatValue(p.envLo[k]!, c.unit)} and ${formatValue(p.envHi[k]!, c.unit)}`;
      const text = `${b.asset} is ${state} while ${c.label} reads ${formatValue(x[ci]!, c.unit)}; during learning, whenever ${b.asset} was ${state}, ${c.label} stayed between ${range}: a command or a reading may have been tampered with`;
      const expected = x[ci]! > p.envHi[k]! ? p.envHi[k]! : p.envLo[k]!;
      out.push({ signal: c.name, kind: 'control-conflict', raw: excess / p.envScale[k]!, channel: CONTROL, observed: x[ci]!, expected, text });
    }
  }
}

function raise(contrib: Float64Array, a: number, b: number, v: number): void {
  if (v > contrib[a]!) contrib[a] = v;
  if (v > contrib[b]!) contrib[b] = v;
}
