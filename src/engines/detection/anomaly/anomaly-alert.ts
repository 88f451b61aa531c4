// The Alert a process detector raises when its alarm opens: the departed signals as evidence, their
// sentences in the explanation, an ATT&CK for ICS technique read off the kinds of departure, and a
// dedupKey from the process and the alarm's opening time, so a replayed stream never raises it twice.
import { splitProcessSignal, type Alert, type CityModel, type IcsTactic, type Process, type Severity, type SignalDeparture } from '../../../domain/index.js';
import type { TechniqueTable } from '../attack/technique-table.js';
import { alertIdOf, dedupKeyOf } from '../rules/alert-factory.js';
import { formatValue, joinWords, type Departure } from './departure.js';
import type { SignalInfo } from './signal-catalog.js';

/** The techniques process anomalies are mapped to. */
export type AnomalyTechnique = 'T0856' | 'T0836' | 'T0831';

const TACTIC: Readonly<Record<AnomalyTechnique, IcsTactic>> = {
  T0856: 'impair-process-control',
  T0836: 'impair-process-control',
  T0831: 'impact',
};

const WHY: Readonly<Record<AnomalyTechnique, string>> = {
  T0856:
    'A reading that stops moving while the equipment around it keeps working is how an attacker hides a change from the control room (a frozen or replayed value): operators and automatic control then act on a state the process is no longer in.',
  T0836:
    'Pumps or valves switching at levels, or staying on or off for longer, than they ever did means the control settings may have been changed: the process can drain or overflow while it still looks controlled.',
  T0831:
    'Flows, levels and pressures that no longer fit together mean the equipment is doing something other than its readings and commands suggest: it is failing, or someone is manipulating it.',
};

const SECOND_STEP: Readonly<Record<AnomalyTechnique, string>> = {
  T0856: 'Until the readings are confirmed on site, have the affected pumps run by hand rather than on automatic level control.',
  T0836: 'Have them read back the controller’s settings (start and stop levels, pump speeds) and put back the approved values.',
  T0831: 'Have them check the pumps’ drives and the valves for changed speeds or positions, and run them by hand if in doubt.',
};

/** A departed reading that repeated one exact value sample after sample (frozen or replayed). */
export interface FrozenReading {
  readonly signal: string;
  readonly value: number;
  /** Consecutive samples showing the value. */
  readonly samples: number;
}

/**
 * The technique the departures point to: a reading frozen or replayed is spoofing (T0856); equipment
 * switching or running against what control learned is a changed parameter (T0836); anything else
 * is equipment driven off its normal behaviour (T0831).
 */
export function anomalyTechnique(departures: readonly Departure[], signals: readonly SignalInfo[], frozen: readonly FrozenReading[] = []): AnomalyTechnique {
  const role = new Map(signals.map((s) => [s.name, s.role]));
  if (frozen.length > 0 || departures.some((d) => d.kind === 'flat')) return 'T0856';
  const control = departures.some(
    (d) => d.kind === 'control-conflict' || d.kind === 'rule-broken' || d.kind === 'long-run' || d.kind === 'state-conflict' || (d.kind === 'never-seen' && role.get(d.signal) !== 'level'),
  );
  return control ? 'T0836' : 'T0831';
}

/** What the alert is built from. */
export interface AnomalyAlertInput {
  readonly city: CityModel;
  readonly process: Process;
  readonly departures: readonly Departure[];
  /** Departed readings that stopped changing at all (none when absent). */
  readonly frozen?: readonly FrozenReading[];
  readonly signals: readonly SignalInfo[];
  /** The sample on which the alarm opened, ms since the epoch. */
  readonly openMs: number;
  /** Length of the evidence window before `openMs`. */
  readonly windowMs: number;
  /** Score of the opening sample (1 = the alarm threshold). */
  readonly score: number;
  /** Where the detector's baseline came from, in words. */
  readonly baseline: string;
  /** Ids of the events behind the departed signals' latest readings. */
  readonly eventIds: readonly string[];
  readonly techniques: TechniqueTable;
}

/** Builds the alert for an alarm that just opened. */
export function anomalyAlert(input: AnomalyAlertInput): Alert {
  const { city, process, departures, signals } = input;
  const frozen = input.frozen ?? [];
  const technique = anomalyTechnique(departures, signals, frozen);
  const info = new Map(signals.map((s) => [s.name, s]));
  const repeated = frozen.map((f) => {
    const s = info.get(f.signal);
    return `${s?.label ?? f.signal} has shown exactly ${formatValue(f.value, s?.unit ?? '')} for ${f.samples} samples in a row, which a working sensor never does: the reading may be frozen or replayed`;
  });
  const departedAssets = [...new Set(departures.map((d) => splitProcessSignal(d.signal).assetId))].filter((id) => city.asset(id) !== undefined);
  const assetIds = departedAssets.length > 0 ? departedAssets : [...process.assets];
  const labels = [...new Set(departures.slice(0, 3).map((d) => info.get(d.signal)?.label ?? d.signal))];
  const shortName = process.name.replace(/\s*\(.*\)\s*$/, '');
  const dedupKey = dedupKeyOf(`anomaly-${process.id}`, String(input.openMs));
  const services = city.servicesAffectedBy(process.assets).filter((s) => s.via.length === 2);
  const serving = services.length === 0 ? '' : ` ${shortName} supplies ${joinWords(services.map((s) => `${s.name} (${s.peopleServed.toLocaleString('en-GB')} people)`))}.`;
  const onSite = joinWords(departedAssets.length > 0 ? departedAssets : process.assets.slice(0, 3));
  return {
    id: alertIdOf(dedupKey),
    ts: input.openMs,
    severity: severityOf(city, process),
    detector: { kind: 'anomaly', id: `process/${process.id}`, name: `Process detector: ${shortName}` },
    technique: { id: technique, name: input.techniques.get(technique)?.name ?? technique },
    tactic: TACTIC[technique],
    title: `Process anomaly in ${shortName}: ${joinWords(labels)} departed from normal`,
    explanation: {
      what: `${opening(shortName, departures)}: ${[...repeated, ...departures.map((d) => d.text)].join('; ')}.`,
      why: `${WHY[technique]}${serving}`,
      whatToDo: [
        `Ask the team running ${shortName} to check ${onSite} on site and compare the local gauges with what the control room shows.`,
        SECOND_STEP[technique],
        `If a planned change explains it (new settings, a replaced pump), re-learn this process once the change is finished (POST /api/processes/${process.id}/relearn).`,
      ],
    },
    assetIds,
    ...(city.asset(assetIds[0]!)?.district ? { district: city.asset(assetIds[0]!)!.district } : {}),
    evidence: {
      eventIds: [...input.eventIds],
      facts: { process: process.id, score: Math.round(input.score * 100) / 100, baseline: input.baseline, departures: departures.length, frozenReadings: frozen.length },
      signals: departures.map(toSignalDeparture),
      window: { fromTs: Math.max(0, input.openMs - input.windowMs), toTs: input.openMs },
    },
    dedupKey,
  };
}

/** A broken written control rule is said first: it needs no learning to be believed. */
function opening(shortName: string, departures: readonly Departure[]): string {
  if (departures.some((d) => d.kind === 'rule-broken')) return `${shortName} is not following the control logic written for it, or its readings are false`;
  return `The readings of ${shortName} stopped agreeing with how the process behaved while it was learned`;
}

function toSignalDeparture(d: Departure): SignalDeparture {
  return {
    name: d.signal,
    ...(d.observed !== undefined && Number.isFinite(d.observed) ? { observed: d.observed } : {}),
    ...(d.expected !== undefined && Number.isFinite(d.expected) ? { expected: d.expected } : {}),
    description: d.text,
  };
}

/** High when the process holds critical equipment, else medium; correlation escalates from there. */
function severityOf(city: CityModel, process: Process): Severity {
  return process.assets.some((id) => city.asset(id)?.criticality === 'critical') ? 'high' : 'medium';
}
