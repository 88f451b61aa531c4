// How a process of the city file becomes a detector: its signals in order, the words explanations
// use for each (from the asset's kind and id), the sample counts of learning and baseline from the
// process's hours and period, where each asset's telemetry lands in a sample row, and the control
// rules its PLCs' start and stop levels imply.
import { processSignals, splitProcessSignal, type AssetKind, type CityModel, type Process } from '../../../domain/index.js';
import type { ControlRule } from './control-rules.js';
import type { ProcessDetectorConfig } from './detector-config.js';
import type { SignalLabel, SignalRole } from './signal-catalog.js';

/** Words, unit and role of a metric in explanations. */
interface MetricWords {
  readonly words: string;
  readonly unit: string;
  readonly role: SignalRole;
}

const METRIC_WORDS: Readonly<Record<string, MetricWords>> = {
  level_m: { words: 'level', unit: 'm', role: 'level' },
  inflow_lps: { words: 'net inflow', unit: 'L/s', role: 'flow' },
  flow_lps: { words: 'flow', unit: 'L/s', role: 'flow' },
  running: { words: '', unit: '', role: 'status' },
  speed_pct: { words: 'speed', unit: '%', role: 'other' },
  open_pct: { words: 'opening', unit: '%', role: 'status' },
  pressure_bar: { words: 'pressure', unit: 'bar', role: 'pressure' },
  setpoint_ppm: { words: 'dose setpoint', unit: 'ppm', role: 'other' },
  rate_lph: { words: 'dosing rate', unit: 'L/h', role: 'flow' },
  ph: { words: 'pH', unit: '', role: 'other' },
  closed: { words: '', unit: '', role: 'status' },
  current_a: { words: 'current', unit: 'A', role: 'other' },
  voltage_kv: { words: 'voltage', unit: 'kV', role: 'other' },
  load_mw: { words: 'load', unit: 'MW', role: 'other' },
  on_battery: { words: 'on battery', unit: '', role: 'status' },
  charge_pct: { words: 'battery charge', unit: '%', role: 'other' },
};

const KIND_WORDS: Readonly<Partial<Record<AssetKind, string>>> = {
  tank: 'tank',
  pump: 'pump',
  valve: 'valve',
  'pressure-sensor': 'pressure sensor',
  'dosing-pump': 'dosing pump',
  breaker: 'breaker',
  ups: 'UPS',
  plc: 'PLC',
};

/**
 * The alarm gate's instant factor when a process names none: no finite score reaches this multiple
 * of a threshold (the product overflows to Infinity), and unlike Infinity it survives JSON snapshots.
 */
const NO_INSTANT_ALARM = Number.MAX_VALUE;

/**
 * Learning must span this many days before readings are judged by their hour of day: with fewer,
 * each hour's "usual value" rests on a handful of days (a pump that happened to be off at 03:00 on
 * each of them makes one running at 03:00 look strange).
 */
const HOUR_OF_DAY_MIN_DAYS = 28;

/** Where one metric of one asset goes in a sample row. */
export interface SignalSlot {
  readonly metric: string;
  readonly index: number;
}

/** A process resolved against the city: what its detector watches and how samples are laid out. */
export interface ProcessLayout {
  readonly process: Process;
  readonly signals: readonly string[];
  /** Slots of each asset's metrics, by asset id. */
  readonly slots: ReadonlyMap<string, readonly SignalSlot[]>;
  readonly periodMs: number;
  readonly detector: ProcessDetectorConfig;
}

/** Resolves a process of `city` (already checked by checkCity) into its layout. */
export function processLayout(city: CityModel, process: Process): ProcessLayout {
  const kindOf = (id: string) => city.asset(id)?.kind;
  const signals = processSignals(process, kindOf);
  const slots = new Map<string, SignalSlot[]>();
  const labels: Record<string, SignalLabel> = {};
  signals.forEach((signal, index) => {
    const { assetId, metric } = splitProcessSignal(signal);
    slots.set(assetId, [...(slots.get(assetId) ?? []), { metric, index }]);
    labels[signal] = labelOf(assetId, kindOf(assetId), metric);
  });
  const perHour = 3600 / process.periodS;
  return {
    process,
    signals,
    slots,
    periodMs: process.periodS * 1000,
    detector: {
      signals,
      labels,
      learningSamples: Math.floor(process.learningHours * perHour),
      baselineSamples: Math.floor(process.baselineHours * perHour),
      ...(process.resolution ? { resolution: process.resolution } : {}),
      falseAlarmBudget: process.falseAlarmBudget,
      controls: plcRules(city, signals),
      hourOfDay: process.learningHours >= HOUR_OF_DAY_MIN_DAYS * 24,
      gate: { ...process.alarm, instantFactor: process.alarm.instantFactor ?? NO_INSTANT_ALARM },
    },
  };
}

/** "tank res-north level", "pump bs-north-p1", … */
function labelOf(assetId: string, kind: AssetKind | undefined, metric: string): SignalLabel {
  const asset = kind && KIND_WORDS[kind] ? `${KIND_WORDS[kind]} ${assetId}` : assetId;
  const m = METRIC_WORDS[metric];
  if (!m) return { asset, label: `${asset} ${metric.replace(/_/g, ' ')}`, unit: '', role: 'other' };
  return { asset, label: m.words === '' ? asset : `${asset} ${m.words}`, unit: m.unit, role: m.role };
}

/**
 * A pump the city file puts under a PLC (`params.plc`) runs below the PLC's `startLevelM` of its tank
 * and stops above its `stopLevelM`: two rules per pump, when the process watches both the pump's
 * `running` and the tank's `level_m`.
 */
function plcRules(city: CityModel, signals: readonly string[]): ControlRule[] {
  const watched = new Set(signals);
  const rules: ControlRule[] = [];
  for (const signal of signals) {
    const { assetId, metric } = splitProcessSignal(signal);
    const pump = city.asset(assetId);
    if (metric !== 'running' || pump?.kind !== 'pump') continue;
    const plc = city.asset(String(pump.params['plc'] ?? ''));
    const tank = plc?.params['tank'];
    const start = plc?.params['startLevelM'];
    const stop = plc?.params['stopLevelM'];
    const reading = `${String(tank)}.level_m`;
    if (plc === undefined || !watched.has(reading)) continue;
    const source = (level: string) => `${level} level of PLC ${plc.id} for pump ${assetId} in the city file`;
    if (typeof start === 'number') rules.push({ status: signal, state: 1, reading, when: 'below', threshold: start, source: source('start') });
    if (typeof stop === 'number') rules.push({ status: signal, state: 0, reading, when: 'above', threshold: stop, source: source('stop') });
  }
  return rules;
}
