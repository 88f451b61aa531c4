// Measures a played scenario against what detection made of it: which expected rules alerted on
// each step and which did not (and why), whether the attack was detected at all, how long that
// took, and the incident the alerts formed. Drills and tests share it, so "missed" means the same
// everywhere: a scenario is detected only when an alert that belongs to it (names what the attack
// touched or acted as — ScenarioFootprint) from a rule it expects (or, when it expects none, any
// rule) is raised after its first attack step. Alerts about other people are counted apart.
import {
  severityRank,
  tacticRank,
  type Alert,
  type IcsTactic,
  type Incident,
  type Scenario,
  type Severity,
} from '../../../domain/index.js';
import { ScenarioFootprint } from './scenario-footprint.js';
import type { StepRecord } from './scenario-runner.js';

/** What a played scenario is measured against. */
export interface DetectionInput {
  scenario: Scenario;
  /** The runner's timeline (ScenarioRunner.timeline()). */
  timeline: readonly StepRecord[];
  /** Alerts raised while it played (earlier ones are ignored). */
  alerts: readonly Alert[];
  /** Incidents those alerts formed. */
  incidents: readonly Incident[];
  /** Ids of the rules detection ran with; an expected rule that is missing is reported as not loaded. */
  ruleIds: ReadonlySet<string>;
  /** Loaded rules marked `enabled: false`; an expected one is reported as switched off. */
  disabledRuleIds?: ReadonlySet<string>;
}

/** An expected rule that raised no alert for a step, and why. */
export interface MissedRule {
  ruleId: string;
  why: 'rule not loaded' | 'rule switched off' | 'step did not run' | 'step blocked by response' | 'step reached no target' | 'no alert after the step';
}

/** How one step fared. */
export interface StepDetection {
  stepId: string;
  name: string;
  techniques: readonly string[];
  looksNormal: boolean;
  firedMs?: number;
  expected: readonly string[];
  /** Expected rules that alerted at or after the step fired. */
  detectedBy: string[];
  missed: MissedRule[];
}

/** The incident that holds most of the scenario's alerts. */
export interface IncidentOutcome {
  id: string;
  stage: IcsTactic;
  severity: Severity;
  alertCount: number;
  /** Whether it reached the scenario's expected stage and severity (true when none is expected). */
  asExpected: boolean;
}

/** The verdict on one played scenario. */
export interface DetectionReport {
  scenarioId: string;
  detected: boolean;
  /** First attack step fired (looks-normal steps excluded), simulation epoch ms. */
  attackStartMs?: number;
  /** First alert counted as detection, simulation epoch ms. */
  firstDetectionMs?: number;
  timeToDetectS?: number;
  /** Alerts that belong to the attack, raised from its start on, by rule id. */
  alertsByRule: Record<string, number>;
  /**
   * Alerts raised meanwhile that name none of the attack's accounts, addresses, hosts or targets —
   * staff logins, devices that fell silent downstream of it — by rule id: never counted as detection.
   */
  otherByRule: Record<string, number>;
  steps: StepDetection[];
  incident?: IncidentOutcome;
  /** One line per miss, for people: "step X (T0855): rule R — no alert after the step". */
  missed: string[];
}

const REACHED = new Set(['ok', 'success', 'failure', 'encrypted', 'rejected']);

/** Compares a played scenario with the alerts and incidents detection produced. */
export function detectionReport(input: DetectionInput): DetectionReport {
  const { scenario, timeline, ruleIds } = input;
  const byStep = new Map(scenario.steps.map((s) => [s.id, s]));
  const attackFired = timeline
    .filter((r) => r.firedMs !== undefined && byStep.get(r.stepId)?.looksNormal !== true)
    .map((r) => r.firedMs!);
  const attackStartMs = attackFired.length > 0 ? Math.min(...attackFired) : undefined;
  const footprint = new ScenarioFootprint(
    timeline
      .filter((r) => r.firedMs !== undefined && byStep.get(r.stepId)?.looksNormal !== true)
      .map((r) => r.footprint ?? { assets: r.targets, addresses: [], hosts: [], users: [] }),
  );
  const during = attackStartMs === undefined ? [] : input.alerts.filter((a) => a.ts >= attackStartMs);
  const alerts = during.filter((a) => footprint.belongs(a));
  const alertsByRule = countByRule(alerts);
  const otherByRule = countByRule(during.filter((a) => !footprint.belongs(a)));

  const steps = timeline.map((r) => stepDetection(r, byStep.get(r.stepId)?.detectedBy ?? [], byStep.get(r.stepId)?.looksNormal === true, alerts, ruleIds, input.disabledRuleIds));
  const expectedAll = new Set(steps.flatMap((s) => s.expected));
  const counted = expectedAll.size > 0 ? alerts.filter((a) => expectedAll.has(a.detector.id)) : alerts;
  const firstDetectionMs = counted.length > 0 ? Math.min(...counted.map((a) => a.ts)) : undefined;
  const incident = mainIncident(scenario, counted, input.incidents);
  const missed = steps.flatMap((s) =>
    s.missed.map((m) => `step ${s.stepId} (${s.techniques.join(', ')}): rule ${m.ruleId} — ${m.why}`),
  );
  return {
    scenarioId: scenario.id,
    detected: firstDetectionMs !== undefined,
    ...(attackStartMs !== undefined ? { attackStartMs } : {}),
    ...(firstDetectionMs !== undefined && attackStartMs !== undefined
      ? { firstDetectionMs, timeToDetectS: (firstDetectionMs - attackStartMs) / 1000 }
      : {}),
    alertsByRule,
    otherByRule,
    steps,
    ...(incident ? { incident } : {}),
    missed,
  };
}

function countByRule(alerts: readonly Alert[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of alerts) out[a.detector.id] = (out[a.detector.id] ?? 0) + 1;
  return out;
}

function stepDetection(
  r: StepRecord,
  expected: readonly string[],
  looksNormal: boolean,
  alerts: readonly Alert[],
  ruleIds: ReadonlySet<string>,
  disabled: ReadonlySet<string> = new Set(),
): StepDetection {
  const detectedBy: string[] = [];
  const missed: MissedRule[] = [];
  const reached = Object.keys(r.outcomes).some((o) => REACHED.has(o));
  for (const ruleId of expected) {
    if (r.firedMs !== undefined && alerts.some((a) => a.detector.id === ruleId && a.ts >= r.firedMs!)) detectedBy.push(ruleId);
    else if (!ruleIds.has(ruleId)) missed.push({ ruleId, why: 'rule not loaded' });
    else if (disabled.has(ruleId)) missed.push({ ruleId, why: 'rule switched off' });
    else if (r.firedMs === undefined) missed.push({ ruleId, why: 'step did not run' });
    else if (!reached && (r.outcomes['blocked'] ?? 0) > 0) missed.push({ ruleId, why: 'step blocked by response' });
    else if (!reached) missed.push({ ruleId, why: 'step reached no target' });
    else missed.push({ ruleId, why: 'no alert after the step' });
  }
  return {
    stepId: r.stepId,
    name: r.name,
    techniques: r.techniques,
    looksNormal,
    ...(r.firedMs !== undefined ? { firedMs: r.firedMs } : {}),
    expected,
    detectedBy,
    missed,
  };
}

function mainIncident(scenario: Scenario, alerts: readonly Alert[], incidents: readonly Incident[]): IncidentOutcome | undefined {
  const ids = new Set(alerts.map((a) => a.id));
  let best: { incident: Incident; count: number } | undefined;
  for (const incident of incidents) {
    const count = incident.alertIds.filter((id) => ids.has(id)).length;
    if (count === 0) continue;
    if (!best || count > best.count || (count === best.count && severityRank(incident.severity) > severityRank(best.incident.severity)))
      best = { incident, count };
  }
  if (!best) return undefined;
  const want = scenario.expectedIncident;
  const { incident } = best;
  return {
    id: incident.id,
    stage: incident.stage,
    severity: incident.severity,
    alertCount: best.count,
    asExpected:
      !want ||
      (tacticRank(incident.stage) >= tacticRank(want.stage) && severityRank(incident.severity) >= severityRank(want.severity)),
  };
}
