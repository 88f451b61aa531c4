// A small simulated water process for tests: one tank filled by two pumps under level control
// (hysteresis, like C-Town's PLCs) against an hourly demand curve, with a pressure that follows the
// level. Optional attacks act on the physics (a pump forced off) or only on the reported level
// (frozen, offset), as BATADAL's attackers do.
import { seededRandom } from '../autoencoder.js';

/** Columns, in the BATADAL naming convention so explanations read "tank T1", "pump PU1". */
export const TANK_COLUMNS = ['L_T1', 'F_PU1', 'S_PU1', 'F_PU2', 'S_PU2', 'P_J1'] as const;

/** An attack on rows start..end (inclusive). */
export interface TankAttack {
  readonly kind: 'pump-off' | 'freeze' | 'offset';
  readonly start: number;
  readonly end: number;
  /** Metres added to the reported level for `offset`. */
  readonly offsetM?: number;
}

/** A simulated series: one row per hour. */
export interface TankSeries {
  readonly rows: number[][];
  /** Milliseconds since the epoch, hourly from 2024-01-01T00:00Z plus `startHour`. */
  readonly times: number[];
  /** 1 on attack rows. */
  readonly labels: number[];
}

const AREA_M2 = 180;
const SUBSTEPS = 6;
const PUMP_LPS = [45, 30];
/** Level thresholds [on below, off above] per pump, metres. */
const CONTROL: ReadonlyArray<readonly [number, number]> = [
  [2.5, 4.5],
  [1.2, 3.2],
];

/** Simulates `hours` hourly samples. */
export function simulateTank(hours: number, seed: number, attack?: TankAttack, startHour = 0): TankSeries {
  const random = seededRandom(seed);
  const noise = (s: number) => (random() + random() + random() - 1.5) * s;
  let level = 3;
  const on = [true, false];
  const out: TankSeries = { rows: [], times: [], labels: [] };
  for (let i = 0; i < hours; i++) {
    const hour = (startHour + i) % 24;
    const attacked = attack !== undefined && i >= attack.start && i <= attack.end;
    const flows = [0, 0];
    for (let k = 0; k < SUBSTEPS; k++) {
      for (let p = 0; p < on.length; p++) {
        if (level < CONTROL[p]![0]) on[p] = true;
        if (level > CONTROL[p]![1]) on[p] = false;
      }
      if (attacked && attack.kind === 'pump-off') on[0] = false;
      const supplied = on.map((r, p) => (r ? PUMP_LPS[p]! + noise(0.6) : 0));
      const demand = 30 + 12 * Math.sin((2 * Math.PI * (hour - 7)) / 24) + noise(1.5);
      level = Math.min(6, Math.max(0.05, level + ((supplied[0]! + supplied[1]! - demand) * 3.6) / AREA_M2 / SUBSTEPS));
      supplied.forEach((f, p) => (flows[p]! += f / SUBSTEPS));
    }
    let reported = level + noise(0.01);
    if (attacked && attack.kind === 'freeze') reported = out.rows[attack.start - 1]?.[0] ?? reported;
    if (attacked && attack.kind === 'offset') reported += attack.offsetM ?? 1;
    const status = on.map((r) => (r ? 1 : 0));
    const pressure = 18 + 0.9 * level + 1.5 * (status[0]! + status[1]!) + noise(0.08);
    out.rows.push([reported, flows[0]!, status[0]!, flows[1]!, status[1]!, pressure].map((v) => Math.round(v * 1000) / 1000));
    out.times.push(Date.UTC(2024, 0, 1) + (startHour + i) * 3_600_000);
    out.labels.push(attacked ? 1 : 0);
  }
  return out;
}

/** Renders a series as CSV with a `time` column (ISO 8601) and, optionally, a `label` column. */
export function tankCsv(series: TankSeries, withLabels: boolean): string {
  const header = ['time', ...TANK_COLUMNS, ...(withLabels ? ['label'] : [])].join(',');
  const lines = series.rows.map((r, i) => [new Date(series.times[i]!).toISOString(), ...r, ...(withLabels ? [series.labels[i]] : [])].join(','));
  return `${header}\n${lines.join('\n')}\n`;
}
