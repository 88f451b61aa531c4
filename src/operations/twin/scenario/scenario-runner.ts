// Plays a scenario on the twin: each step fires at its offset on the twin's clock, on the assets its
// selector picks, and what happened to each target is recorded — the ground truth detection is
// measured against (which steps ran when, on what, with what result).
import type { Asset, Scenario, ScenarioStep } from '../../../domain/index.js';
import type { TimerHandle } from '../../../platform/clock/index.js';
import type { CityTwin } from '../city-twin.js';
import { performAction } from './scenario-actions.js';
import { stepFootprint, type StepFootprint } from './scenario-footprint.js';

/** What one step did. `outcomes` counts per result (ok, rejected, error, success, failure, unreachable…). */
export interface StepRecord {
  stepId: string;
  name: string;
  techniques: readonly string[];
  tactic?: string;
  /** When the step was due and when it fired, simulation epoch ms. */
  plannedMs: number;
  firedMs?: number;
  targets: string[];
  outcomes: Record<string, number>;
  /** Once fired: the assets, addresses, hosts and accounts the step involved (what alerts are matched against). */
  footprint?: StepFootprint;
}

/** How to play a scenario. */
export interface ScenarioRunnerOptions {
  twin: CityTwin;
  scenario: Scenario;
  /** Called when a step fires (its record keeps filling as repeats and spreads play out). */
  onStep?: (record: StepRecord) => void;
}

/** Plays one scenario once on one twin, on the twin's clock. */
export class ScenarioRunner {
  private readonly timers = new Set<TimerHandle>();
  private readonly records: StepRecord[] = [];
  private startMs: number | undefined;

  constructor(private readonly options: ScenarioRunnerOptions) {}

  /** Schedules every step relative to now; calling it twice is a no-op. */
  start(): void {
    if (this.startMs !== undefined) return;
    const { twin, scenario } = this.options;
    this.startMs = twin.clock.now();
    for (const step of [...scenario.steps].sort((a, b) => a.atS - b.atS)) {
      const record: StepRecord = {
        stepId: step.id,
        name: step.name,
        techniques: step.techniques,
        ...(step.tactic ? { tactic: step.tactic } : {}),
        plannedMs: this.startMs + step.atS * 1000,
        targets: [],
        outcomes: {},
      };
      this.records.push(record);
      this.later(step.atS * 1000, () => this.fire(step, record));
    }
  }

  /** Cancels every step and repeat not yet played. */
  stop(): void {
    for (const t of this.timers) t.cancel();
    this.timers.clear();
  }

  /** Steps in time order with what each did so far. */
  timeline(): readonly StepRecord[] {
    return this.records;
  }

  /** True once every step and every repeat has played. */
  get finished(): boolean {
    return this.startMs !== undefined && this.timers.size === 0;
  }

  /** When the scenario started, simulation epoch ms (undefined before start). */
  get startedMs(): number | undefined {
    return this.startMs;
  }

  private fire(step: ScenarioStep, record: StepRecord): void {
    const { twin } = this.options;
    record.firedMs = twin.clock.now();
    const targets: Asset[] = twin.city.select(step.action.on).filter((a) => twin.device(a.id) !== undefined);
    record.targets = targets.map((a) => a.id);
    record.footprint = stepFootprint(step.action, targets, twin.city);
    if (targets.length === 0) record.outcomes['no-target'] = 1;
    const count = (outcome: string) => {
      record.outcomes[outcome] = (record.outcomes[outcome] ?? 0) + 1;
    };
    performAction(step.action, targets, { twin, later: (ms, fn) => this.later(ms, fn), count });
    this.options.onStep?.(record);
  }

  /** Schedules `fn` on the twin's clock, keeping the handle so stop() can cancel it. */
  private later(delayMs: number, fn: () => void): void {
    if (delayMs <= 0) {
      fn();
      return;
    }
    const handle = this.options.twin.clock.after(delayMs, () => {
      this.timers.delete(handle);
      fn();
    });
    this.timers.add(handle);
  }
}
