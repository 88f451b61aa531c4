// Silence rules: an asset that sent matching events and then none for `for` raises one alert,
// noticed on a tick (time passing, not an event). It re-arms when the asset reports again.
import type { Event } from '../../../../domain/index.js';
import type { CompiledRule } from '../compiled-rule.js';
import type { EventContext } from '../event-context.js';
import { eventAt, numberAt, objectAt, stringAt, tuplesAt } from '../snapshot-data.js';
import { spanText, type Detector, type DetectorDeps, type Subscription } from './detector.js';

interface Seen {
  ts: number;
  event: Event;
}

/** Fires when a reporting asset falls silent. */
export class SilenceDetector implements Detector {
  readonly subscriptions: readonly Subscription[];
  /** Last report per asset; re-inserted on each report, so iteration order is oldest report first. */
  private readonly seen = new Map<string, Seen>();
  private longestQuietMs = 0;

  constructor(
    readonly rule: CompiledRule,
    private readonly deps: DetectorDeps,
  ) {
    this.subscriptions = [{ filter: rule.match, on: (ctx) => this.on(ctx) }];
  }

  private on(ctx: EventContext): void {
    const e = ctx.event;
    const id = ctx.asset()?.id ?? e.assetId;
    if (id === undefined) return;
    const prior = this.seen.get(id);
    if (prior) {
      if (e.ts < prior.ts) return; // a late, older report says nothing about now
      this.longestQuietMs = Math.max(this.longestQuietMs, e.ts - prior.ts);
      this.seen.delete(id);
    }
    this.seen.set(id, { ts: e.ts, event: e });
  }

  tick(nowMs: number): void {
    const forMs = this.rule.silence!.forMs;
    for (const [id, s] of this.seen) {
      this.longestQuietMs = Math.max(this.longestQuietMs, Math.min(nowMs - s.ts, forMs));
      if (s.ts + forMs > nowMs) break;
      this.seen.delete(id);
      this.deps.raise({
        rule: this.rule,
        ctx: this.deps.contextFor(s.event),
        ts: s.ts + forMs,
        eventIds: [s.event.id],
        inputs: `${id}|${s.event.id}`,
        groupKey: id,
        window: { fromTs: s.ts, toTs: s.ts + forMs, lengthMs: forMs, count: 0 },
      });
    }
  }

  snapshot(): unknown {
    // In map order (oldest report first), which tick() relies on.
    return { seen: [...this.seen].map(([id, s]) => [id, s.event]), longestQuietMs: this.longestQuietMs };
  }

  restore(state: unknown): void {
    const o = objectAt(state, 'silence');
    const seen = tuplesAt(o['seen'], 'silence.seen', 2, (t, at) => [stringAt(t[0], at), eventAt(t[1], at)] as const);
    const longestQuietMs = numberAt(o['longestQuietMs'], 'silence.longestQuietMs');
    this.seen.clear();
    for (const [id, event] of seen) this.seen.set(id, { ts: event.ts, event });
    this.longestQuietMs = longestQuietMs;
  }

  progress(): string {
    const forMs = this.rule.silence!.forMs;
    return `watching ${this.seen.size} reporting asset(s); longest quiet spell ${spanText(this.longestQuietMs)} of the ${spanText(forMs)} that raises an alert`;
  }
}
