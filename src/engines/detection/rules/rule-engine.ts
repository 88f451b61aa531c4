// The rules engine: routes each event only to the rule filters that can match it (indexed by event
// type and asset kind), drives each rule's detector, and turns firings into deduplicated,
// suppressed Alerts. Time-based patterns advance on tick(), driven by a Clock or by the caller.
// snapshot()/restore() carry its whole state to another process (a detection worker taking over).
// Over 200 lines: the engine's state lives here, and its snapshot must see all of it.
import type { Alert, AssetKind, CityModel, Event, EventType } from '../../../domain/index.js';
import { ASSET_KINDS } from '../../../domain/index.js';
import type { Clock, TimerHandle } from '../../../platform/clock/index.js';
import { AbsenceDetector } from './detectors/absence-detector.js';
import type { Detector, DetectorDeps, Subscription } from './detectors/detector.js';
import { MatchDetector } from './detectors/match-detector.js';
import { SequenceDetector } from './detectors/sequence-detector.js';
import { SilenceDetector } from './detectors/silence-detector.js';
import { ThresholdDetector } from './detectors/threshold-detector.js';
import { AssetDirectory } from './asset-directory.js';
import { buildAlert, dedupKeyOf, type Trigger } from './alert-factory.js';
import type { CompiledRule } from './compiled-rule.js';
import { readSnapshot, ruleFingerprint, RULE_ENGINE_SNAPSHOT_VERSION, type RestoreReport, type RuleEngineSnapshot } from './engine-snapshot.js';
import { EventContext } from './event-context.js';
import { keyOf } from './field-path.js';
import { LocalCalendar } from './local-calendar.js';
import { RecentIds } from './recent-ids.js';
import { SnapshotShapeError } from './snapshot-data.js';
import { detectionSnapshotInvalid } from '../errors.js';

/** How to build a RuleEngine. */
export interface RuleEngineOptions {
  /** Compiled rules (e.g. `loadRules(...).rules`); disabled ones are skipped. */
  rules: readonly CompiledRule[];
  /** The city, for asset context, timezone and maintenance windows; without it asset conditions never hold. */
  city?: CityModel | undefined;
  /** Drives time-based patterns after start(). */
  clock: Clock;
  /** Called once per new alert; an exception there is counted, never propagated. */
  onAlert?: ((alert: Alert) => void) | undefined;
  /** How often start() ticks, in clock milliseconds (default 1000). */
  tickMs?: number;
  /** Non-telemetry event ids remembered to drop redeliveries early (default 65,536); alerts stay unique beyond that through their dedupKeys. */
  recentEventIds?: number;
  /** Alert dedupKeys remembered (default 65,536). */
  recentAlertKeys?: number;
}

/** Counters of one rule. */
export interface RuleStats {
  ruleId: string;
  /** Events its filters were checked against (after the type/kind index). */
  evaluated: number;
  /** Events that passed a filter. */
  matched: number;
  alerts: number;
  /** Firings held back by the rule's suppression window. */
  suppressed: number;
  /** Firings with a dedupKey already raised. */
  duplicates: number;
}

/** Counters of the whole engine. */
export interface RuleEngineStats {
  events: number;
  duplicateEvents: number;
  alerts: number;
  callbackErrors: number;
  rules: RuleStats[];
}

interface Route {
  sub: Subscription;
  stats: RuleStats;
}

type KindIndex = { any: Route[]; byKind: Map<AssetKind, Route[]> };

/** Runs a rule set over a stream of events. */
export class RuleEngine {
  private readonly detectors: Detector[] = [];
  private readonly index = new Map<EventType, KindIndex>();
  private readonly perRule = new Map<string, RuleStats>();
  private readonly ctx: EventContext;
  private readonly recentEvents: RecentIds;
  private readonly recentAlerts: RecentIds;
  private readonly suppressedUntil = new Map<string, number>();
  private readonly cityName: string;
  private fingerprints: Map<string, string> | undefined;
  private out: Alert[] = [];
  private counters = { events: 0, duplicateEvents: 0, alerts: 0, callbackErrors: 0 };
  private nowMs = 0;
  private timer: TimerHandle | undefined;

  constructor(private readonly options: RuleEngineOptions) {
    const city = options.city;
    this.cityName = city?.city.city.name ?? 'the city';
    this.ctx = new EventContext(new AssetDirectory(city), new LocalCalendar(city?.city.city.timezone ?? 'UTC', city?.city.maintenanceWindows));
    this.recentEvents = new RecentIds(options.recentEventIds ?? 65_536);
    this.recentAlerts = new RecentIds(options.recentAlertKeys ?? 65_536);
    const deps: DetectorDeps = { raise: (t) => this.raise(t), contextFor: (e) => this.ctx.fork(e) };
    for (const rule of options.rules) {
      if (!rule.enabled) continue;
      const detector = createDetector(rule, deps);
      const stats: RuleStats = { ruleId: rule.id, evaluated: 0, matched: 0, alerts: 0, suppressed: 0, duplicates: 0 };
      this.perRule.set(rule.id, stats);
      this.detectors.push(detector);
      for (const sub of detector.subscriptions) this.route(sub, stats);
    }
  }

  private route(sub: Subscription, stats: RuleStats): void {
    let entry = this.index.get(sub.filter.type);
    if (!entry) {
      entry = { any: [], byKind: new Map(ASSET_KINDS.map((k) => [k, []])) };
      this.index.set(sub.filter.type, entry);
    }
    const r = { sub, stats };
    if (!sub.filter.kinds) {
      entry.any.push(r);
      for (const list of entry.byKind.values()) list.push(r);
    } else for (const k of sub.filter.kinds) entry.byKind.get(k)!.push(r);
  }

  /** Evaluates events in the order given; returns the alerts they raised (also passed to onAlert). */
  process(events: readonly Event[]): Alert[] {
    const ctx = this.ctx;
    for (const e of events) {
      this.counters.events++;
      // Telemetry (most of the stream) is not remembered: every pattern over it is idempotent — a
      // redelivered reading re-derives the same dedupKey, and silences and windows key by id or value.
      if (e.type !== 'telemetry' && !this.recentEvents.add(e.id)) {
        this.counters.duplicateEvents++;
        continue;
      }
      const entry = this.index.get(e.type);
      if (!entry) continue;
      ctx.reset(e);
      const kind = ctx.asset()?.kind;
      const routes = kind === undefined ? entry.any : entry.byKind.get(kind)!;
      for (let i = 0; i < routes.length; i++) {
        const r = routes[i]!;
        r.stats.evaluated++;
        if (r.sub.filter.test(ctx)) {
          r.stats.matched++;
          r.sub.on(ctx);
        }
      }
    }
    return this.flush();
  }

  /** Lets time pass to `nowMs` (never backwards): silences, delayed absences and window clean-up. */
  tick(nowMs: number = this.options.clock.now()): Alert[] {
    this.nowMs = Math.max(this.nowMs, nowMs);
    for (const d of this.detectors) d.tick(this.nowMs);
    if (this.suppressedUntil.size > 0) for (const [k, until] of this.suppressedUntil) if (until <= this.nowMs) this.suppressedUntil.delete(k);
    return this.flush();
  }

  /** Ticks on the clock every `tickMs` until stop(). */
  start(): void {
    this.timer ??= this.options.clock.every(this.options.tickMs ?? 1000, () => this.tick());
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Counters since construction. */
  stats(): RuleEngineStats {
    return { ...this.counters, rules: [...this.perRule.values()].map((s) => ({ ...s })) };
  }

  /** The whole state as JSON data: windows, pending events, suppression, remembered ids and counters. */
  snapshot(): RuleEngineSnapshot {
    const prints = this.ruleFingerprints();
    return {
      version: RULE_ENGINE_SNAPSHOT_VERSION,
      nowMs: this.nowMs,
      counters: { ...this.counters },
      recentEvents: this.recentEvents.ids(),
      recentAlerts: this.recentAlerts.ids(),
      suppressed: [...this.suppressedUntil],
      rules: this.detectors.map((d) => ({ id: d.rule.id, fingerprint: prints.get(d.rule.id)!, stats: { ...this.perRule.get(d.rule.id)! }, state: d.snapshot() })),
    };
  }

  /**
   * Continues from a snapshot (of this engine or another with the same rules). Rules that are new or
   * changed since start empty and are reported as skipped. Throws CG_DETECTION_SNAPSHOT_INVALID when
   * the snapshot does not fit; the engine may then hold part of it and should be replaced.
   */
  restore(snapshot: unknown): RestoreReport {
    try {
      const s = readSnapshot(snapshot);
      const prints = this.ruleFingerprints();
      const byId = new Map(this.detectors.map((d) => [d.rule.id, d]));
      const skipped: string[] = [];
      for (const r of s.rules) {
        const d = byId.get(r.id);
        if (!d || prints.get(r.id) !== r.fingerprint) {
          skipped.push(r.id);
          continue;
        }
        d.restore(r.state);
        Object.assign(this.perRule.get(r.id)!, r.stats);
      }
      this.nowMs = s.nowMs;
      this.counters = { ...s.counters };
      this.recentEvents.replace(s.recentEvents);
      this.recentAlerts.replace(s.recentAlerts);
      this.suppressedUntil.clear();
      for (const [k, until] of s.suppressed) this.suppressedUntil.set(k, until);
      return { restored: s.rules.length - skipped.length, skipped };
    } catch (error) {
      if (error instanceof SnapshotShapeError) throw detectionSnapshotInvalid(error.message, error);
      throw error;
    }
  }

  /** A sentence on how close a rule came to firing. */
  progress(ruleId: string): string | undefined {
    return this.detectors.find((d) => d.rule.id === ruleId)?.progress();
  }

  private ruleFingerprints(): Map<string, string> {
    return (this.fingerprints ??= new Map(this.detectors.map((d) => [d.rule.id, ruleFingerprint(d.rule)])));
  }

  private raise(t: Trigger): void {
    const stats = this.perRule.get(t.rule.id)!;
    const dedupKey = dedupKeyOf(t.rule.id, t.inputs);
    if (!this.recentAlerts.add(dedupKey)) {
      stats.duplicates++;
      return;
    }
    const by = t.rule.suppress.by;
    const key = `${t.rule.id}\u0000${by ? (keyOf(by, t.ctx) ?? '') : (t.groupKey ?? t.ctx.asset()?.id ?? t.ctx.event.assetId ?? '')}`;
    const until = this.suppressedUntil.get(key);
    if (until !== undefined && t.ts < until && t.ts >= until - t.rule.suppress.forMs) {
      stats.suppressed++;
      return;
    }
    this.suppressedUntil.set(key, t.ts + t.rule.suppress.forMs);
    const alert = buildAlert(t, dedupKey, this.cityName);
    stats.alerts++;
    this.counters.alerts++;
    this.out.push(alert);
    try {
      this.options.onAlert?.(alert);
    } catch {
      this.counters.callbackErrors++;
    }
  }

  private flush(): Alert[] {
    if (this.out.length === 0) return [];
    const out = this.out;
    this.out = [];
    return out;
  }
}

function createDetector(rule: CompiledRule, deps: DetectorDeps): Detector {
  switch (rule.pattern) {
    case 'threshold':
      return new ThresholdDetector(rule, deps);
    case 'sequence':
      return new SequenceDetector(rule, deps);
    case 'absence':
      return new AbsenceDetector(rule, deps);
    case 'silence':
      return new SilenceDetector(rule, deps);
    default:
      return new MatchDetector(rule, deps);
  }
}
