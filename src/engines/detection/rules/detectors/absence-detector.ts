// Absence rules: the matched event (A) fires when no `missing` event (B) with the same key came
// within the window before it — or, with a grace period, shortly after it. With grace, A waits
// and the decision is taken on a later tick, which is why the engine runs on a Clock.
import type { Event } from '../../../../domain/index.js';
import type { CompiledRule } from '../compiled-rule.js';
import type { EventContext } from '../event-context.js';
import { keyOf } from '../field-path.js';
import { eventAt, numberAt, objectAt, stringAt, tuplesAt } from '../snapshot-data.js';
import { spanText, type Detector, type DetectorDeps, type Subscription } from './detector.js';

interface Pending {
  event: Event;
  key: string;
}

/** Fires on A when its companion B is missing. */
export class AbsenceDetector implements Detector {
  readonly subscriptions: readonly Subscription[];
  /** Latest B time per key. */
  private readonly lastMissing = new Map<string, number>();
  /** A events waiting out their grace period, in arrival order. */
  private pending: Pending[] = [];
  private matched = 0;
  private satisfied = 0;
  private lastSweepMs = 0;

  constructor(
    readonly rule: CompiledRule,
    private readonly deps: DetectorDeps,
  ) {
    const a = rule.absence!;
    this.subscriptions = [
      { filter: a.missing, on: (ctx) => this.onMissing(ctx) },
      { filter: rule.match, on: (ctx) => this.onMatch(ctx) },
    ];
  }

  private covers(bTs: number, aTs: number): boolean {
    const a = this.rule.absence!;
    return bTs >= aTs - a.withinMs && bTs <= aTs + a.graceMs;
  }

  private onMissing(ctx: EventContext): void {
    const key = keyOf(this.rule.absence!.missingBy, ctx);
    if (key === undefined) return;
    const ts = ctx.event.ts;
    this.lastMissing.set(key, Math.max(ts, this.lastMissing.get(key) ?? ts));
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => p.key !== key || !this.covers(ts, p.event.ts));
    this.satisfied += before - this.pending.length;
  }

  private onMatch(ctx: EventContext): void {
    this.matched++;
    const e = ctx.event;
    const key = keyOf(this.rule.absence!.by, ctx);
    const last = key === undefined ? undefined : this.lastMissing.get(key);
    if (last !== undefined && this.covers(last, e.ts)) {
      this.satisfied++;
      return;
    }
    // Without a key nothing can ever vouch for the event, so there is nothing to wait for.
    if (this.rule.absence!.graceMs === 0 || key === undefined) this.fire(ctx, key);
    else this.pending.push({ event: e, key });
  }

  private fire(ctx: EventContext, key: string | undefined): void {
    const a = this.rule.absence!;
    const e = ctx.event;
    this.deps.raise({
      rule: this.rule,
      ctx,
      ts: e.ts,
      eventIds: [e.id],
      inputs: e.id,
      groupKey: key,
      window: { fromTs: e.ts - a.withinMs, toTs: e.ts + a.graceMs, lengthMs: a.withinMs, count: 0 },
    });
  }

  tick(nowMs: number): void {
    const a = this.rule.absence!;
    if (this.pending.length > 0) {
      const due = this.pending.filter((p) => p.event.ts + a.graceMs <= nowMs);
      if (due.length > 0) {
        this.pending = this.pending.filter((p) => p.event.ts + a.graceMs > nowMs);
        for (const p of due) this.fire(this.deps.contextFor(p.event), p.key);
      }
    }
    if (nowMs - this.lastSweepMs >= a.withinMs) {
      this.lastSweepMs = nowMs;
      for (const [key, ts] of this.lastMissing) if (ts < nowMs - a.withinMs - a.graceMs) this.lastMissing.delete(key);
    }
  }

  snapshot(): unknown {
    return {
      lastMissing: [...this.lastMissing],
      pending: this.pending.map((p) => [p.key, p.event]),
      matched: this.matched,
      satisfied: this.satisfied,
      lastSweepMs: this.lastSweepMs,
    };
  }

  restore(state: unknown): void {
    const o = objectAt(state, 'absence');
    const lastMissing = tuplesAt(o['lastMissing'], 'absence.lastMissing', 2, (t, at) => [stringAt(t[0], at), numberAt(t[1], at)] as const);
    const pending = tuplesAt(o['pending'], 'absence.pending', 2, (t, at) => ({ key: stringAt(t[0], at), event: eventAt(t[1], at) }));
    const counts = ['matched', 'satisfied', 'lastSweepMs'].map((k) => numberAt(o[k], `absence.${k}`));
    this.lastMissing.clear();
    for (const [key, ts] of lastMissing) this.lastMissing.set(key, ts);
    this.pending = pending;
    [this.matched, this.satisfied, this.lastSweepMs] = counts as [number, number, number];
  }

  progress(): string {
    const a = this.rule.absence!;
    return `${this.matched} event(s) matched; ${this.satisfied} had their companion within ${spanText(a.withinMs)}`;
  }
}
