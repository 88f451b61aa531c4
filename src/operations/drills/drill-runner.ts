// A drill: an attack scenario played on a fresh twin faster than real time, with the live engines
// detecting, correlating and (in `auto`) responding, and the cost to the city measured as
// customer-minutes lost — people × minutes without a service they need, from the twin's service
// availability sampled through the attack and an observation period after it. Crews restoring
// power by hand are not simulated: both modes are measured over the same window.
import type { Action, Alert, CityModel, DrillApprover, Playbook, Scenario } from '../../domain/index.js';
import type { CompiledRule } from '../../engines/detection/index.js';
import { detectionReport, ScenarioRunner, scenarioStartMs, type DetectionReport, type StepRecord } from '../twin/index.js';
import { DEFAULT_DRILL_APPROVERS, DrillApprovers } from './drill-approvers.js';
import type { DrillMessage } from './drill-ports.js';
import { drillProgress, type DrillProgress } from './drill-progress.js';
import { DrillWorld } from './drill-world.js';

/** How to run a drill. */
export interface DrillOptions {
  city: CityModel;
  scenario: Scenario;
  rules: readonly CompiledRule[];
  playbooks: readonly Playbook[];
  response: 'auto' | 'none';
  seed?: number;
  approvers?: readonly DrillApprover[];
  /** Normal city life before the attack, seconds (default 600). */
  warmupS?: number;
  /** Observation after the scenario's last step, seconds (default 3600). */
  observeAfterS?: number;
  /** Simulation step, milliseconds (default 1000). */
  stepMs?: number;
  /** How often service availability is sampled, seconds (default 10). */
  sampleEveryS?: number;
  /** A date from which the scenario's local start time is taken (default 2025-12-23 12:00 UTC). */
  referenceMs?: number;
  /** Called about every simulated minute of the attack with the devices it has touched so far. */
  onProgress?: (progress: DrillProgress) => void;
}

/** One action as the drill report lists it. */
export interface DrillAction {
  id: string;
  kind: Action['kind'];
  target: string;
  playbook?: string;
  status: Action['status'];
  interrupts_service: boolean;
  approvals_required: number;
  approvers: string[];
  people_cost: number;
  requested_s: number;
  executed_s: number | null;
}

/** The drill's result (one JSON object on the command line). */
export interface DrillReport {
  scenario: string;
  seed: number;
  response: 'auto' | 'none';
  /** An alert that belongs to the attack (ScenarioFootprint) from a rule it expects; noise about other people never counts. */
  detected: boolean;
  time_to_detect_s: number | null;
  time_to_contain_s: number | null;
  customer_minutes_lost: number;
  /** Rules that alerted on the attack, first to alert first. */
  detections: string[];
  /** Playbooks that proposed actions. */
  playbooks: string[];
  /** Expected detections that did not happen, and why (detectionReport). */
  missed: Array<{ what: string; why: string }>;
  /** Alerts during the attack naming none of its accounts, addresses, hosts or targets (staff logins, devices silent downstream), by rule. */
  other_alerts: Record<string, number>;
  services: Array<{ id: string; name: string; customer_minutes_lost: number; lowest_share: number }>;
  actions: DrillAction[];
  approvals: Array<{ action: string; by: string; role: string; at_s: number }>;
  interrupting_actions_run_without_approvals: number;
  alerts: number;
  false_alarms_before_attack: number;
  incidents: Array<{ id: string; title: string; status: string; severity: string; alerts: number }>;
  steps: Array<{ id: string; at_s: number | null; outcomes: Record<string, number> }>;
  messages: DrillMessage[];
  window: { attack_start: string; simulated_s: number; wall_ms: number };
}

/** Runs one drill to the end and reports it. */
export async function runDrill(o: DrillOptions): Promise<DrillReport> {
  const wallStart = Date.now();
  const seed = o.seed ?? 2015;
  const warmupMs = (o.warmupS ?? 600) * 1000;
  const stepMs = o.stepMs ?? 1000;
  const attackStart = scenarioStartMs(o.scenario, o.city, o.referenceMs ?? Date.UTC(2025, 11, 23, 12, 0));
  const world = await DrillWorld.create({
    city: o.city,
    rules: o.rules,
    ...(o.response === 'auto' ? { playbooks: o.playbooks } : {}),
    seed,
    startMs: attackStart - warmupMs,
  });
  try {
    if (world.engine) {
      const approvers = new DrillApprovers(world.engine, world.clock, o.approvers && o.approvers.length > 0 ? o.approvers : DEFAULT_DRILL_APPROVERS);
      world.actionListeners.push((a) => approvers.onAction(a));
    }
    await advanceYielding(world, warmupMs, stepMs, () => undefined);
    const runner = new ScenarioRunner({ twin: world.twin, scenario: o.scenario });
    runner.start();
    const meter = new CustomerMinutes(o.city, (o.sampleEveryS ?? 10) * 1000);
    meter.sample(world.twin.serviceAvailability(), world.clock.now());
    const observe = () => meter.sample(world.twin.serviceAvailability(), world.clock.now());
    const normal = new Set(o.scenario.steps.filter((s) => s.looksNormal).map((s) => s.id));
    const minute = async () => {
      await advanceYielding(world, 60_000, stepMs, observe);
      if (o.onProgress) o.onProgress(await drillProgress(world, runner.timeline(), normal, attackStart));
    };
    while (!runner.finished) await minute();
    for (let left = (o.observeAfterS ?? 3600) * 1000; left > 0; left -= 60_000) await advanceYielding(world, Math.min(60_000, left), stepMs, observe);
    if (o.onProgress) o.onProgress(await drillProgress(world, runner.timeline(), normal, attackStart));
    return await report(o, seed, world, runner.timeline(), meter, attackStart, wallStart);
  } finally {
    await world.close();
  }
}

/**
 * Advances the world in slices of ten simulated seconds, handing the event loop back between them:
 * a drill inside a running server must not hold up its API and ingest for the whole run. The steps
 * taken are exactly those of one advance over the whole span.
 */
async function advanceYielding(world: DrillWorld, ms: number, stepMs: number, onStep: () => void): Promise<void> {
  const slice = Math.max(stepMs, Math.floor(10_000 / stepMs) * stepMs);
  for (let done = 0; done < ms; done += slice) {
    await world.advance(Math.min(slice, ms - done), stepMs, onStep);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Integrates people × (1 − share) over time, per service. */
class CustomerMinutes {
  readonly lost = new Map<string, number>();
  readonly lowest = new Map<string, number>();
  private lastMs: number | undefined;

  constructor(
    private readonly city: CityModel,
    private readonly everyMs: number,
  ) {}

  sample(shares: ReadonlyMap<string, number>, nowMs: number): void {
    if (this.lastMs !== undefined && nowMs - this.lastMs < this.everyMs) return;
    const dtMin = this.lastMs === undefined ? 0 : (nowMs - this.lastMs) / 60_000;
    this.lastMs = nowMs;
    for (const [id, share] of shares) {
      const people = this.city.services.get(id)?.peopleServed ?? 0;
      this.lost.set(id, (this.lost.get(id) ?? 0) + people * (1 - share) * dtMin);
      this.lowest.set(id, Math.min(this.lowest.get(id) ?? 1, share));
    }
  }

  total(): number {
    return [...this.lost.values()].reduce((a, b) => a + b, 0);
  }
}

const seconds = (ms: number, from: number) => Math.round((ms - from) / 100) / 10;

async function report(o: DrillOptions, seed: number, world: DrillWorld, steps: readonly StepRecord[], meter: CustomerMinutes, attackStart: number, wallStart: number): Promise<DrillReport> {
  const alerts = [...world.alerts.values()];
  const during = alerts.filter((a) => a.ts >= attackStart).sort((a, b) => a.ts - b.ts);
  const incidents = (await world.incidents()).sort((a, b) => b.alertIds.length - a.alertIds.length);
  const detection = detectionReport({
    scenario: o.scenario,
    timeline: steps,
    alerts: during,
    incidents,
    ruleIds: new Set(o.rules.map((r) => r.id)),
    disabledRuleIds: new Set(o.rules.filter((r) => !r.enabled).map((r) => r.id)),
  });
  // The attack's incident is the one holding most of the attack's own alerts, not the noisiest one.
  const main = incidents.find((i) => i.id === detection.incident?.id);
  // The attack is contained when the main incident last became contained and stayed so.
  const contained = main?.status === 'contained' ? main.timeline.filter((t) => t.kind === 'status' && / → contained/.test(t.text)).at(-1) : undefined;
  const actions = await world.actions();
  const approvals = actions.flatMap((a) => a.approvals.filter((p) => p.decision === 'approve').map((p) => ({ action: a.id, by: p.by, role: p.role, at_s: seconds(p.ts, attackStart) })));
  return {
    scenario: o.scenario.id,
    seed,
    response: o.response,
    detected: detection.detected,
    time_to_detect_s: detection.firstDetectionMs !== undefined ? seconds(detection.firstDetectionMs, attackStart) : null,
    time_to_contain_s: contained ? seconds(contained.ts, attackStart) : null,
    customer_minutes_lost: Math.round(meter.total()),
    detections: firedRules(during, detection),
    playbooks: [...new Set(actions.flatMap((a) => (a.playbookId ? [a.playbookId] : [])))],
    missed: detection.steps.flatMap((s) => s.missed.map((m) => ({ what: `step ${s.stepId} (${s.techniques.join(', ') || 'no technique'}): rule ${m.ruleId}`, why: m.why }))),
    other_alerts: detection.otherByRule,
    services: [...meter.lost.entries()]
      .map(([id, lost]) => ({ id, name: o.city.services.get(id)?.name ?? id, customer_minutes_lost: Math.round(lost), lowest_share: Math.round((meter.lowest.get(id) ?? 1) * 1000) / 1000 }))
      .filter((s) => s.customer_minutes_lost > 0)
      .sort((a, b) => b.customer_minutes_lost - a.customer_minutes_lost),
    actions: actions.map((a) => drillAction(a, attackStart)),
    approvals,
    interrupting_actions_run_without_approvals: actions.filter((a) => a.interruptsService && a.executedTs !== undefined && !approvedBeforeRun(a)).length,
    alerts: alerts.length,
    false_alarms_before_attack: alerts.length - during.length,
    incidents: incidents.map((i) => ({ id: i.id, title: i.title, status: i.status, severity: i.severity, alerts: i.alertIds.length })),
    steps: steps.map((s) => ({ id: s.stepId, at_s: s.firedMs !== undefined ? seconds(s.firedMs, attackStart) : null, outcomes: s.outcomes })),
    messages: world.log.messages,
    window: { attack_start: new Date(attackStart).toISOString(), simulated_s: seconds(world.clock.now(), attackStart), wall_ms: Date.now() - wallStart },
  };
}

/** Rules that alerted on the attack, in the order they first did. */
function firedRules(during: readonly Alert[], detection: DetectionReport): string[] {
  const order = during.map((a) => a.detector.id).filter((id) => detection.alertsByRule[id] !== undefined);
  return [...new Set(order)];
}

/** True when at least two different people (and as many as required) approved before it ran. */
export function approvedBeforeRun(a: Action): boolean {
  const before = new Set(a.approvals.filter((p) => p.decision === 'approve' && p.ts <= (a.executedTs ?? Infinity)).map((p) => p.by));
  return before.size >= Math.max(2, a.requiredApprovals.count);
}

function drillAction(a: Action, attackStart: number): DrillAction {
  return {
    id: a.id,
    kind: a.kind,
    target: a.target.id,
    ...(a.playbookId ? { playbook: a.playbookId } : {}),
    status: a.status,
    interrupts_service: a.interruptsService,
    approvals_required: a.requiredApprovals.count,
    approvers: a.approvals.filter((p) => p.decision === 'approve').map((p) => p.by),
    people_cost: a.cost?.people ?? 0,
    requested_s: seconds(a.requestedTs, attackStart),
    executed_s: a.executedTs !== undefined ? seconds(a.executedTs, attackStart) : null,
  };
}
