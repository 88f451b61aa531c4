// Threshold rules: N matching events — or N distinct values of a field — within a sliding window,
// per group. Each group keeps at most one entry per counted value, so memory is bounded by N.
import type { CompiledRule } from '../compiled-rule.js';
import type { EventContext } from '../event-context.js';
import { keyOf } from '../field-path.js';
import { arrayAt, numberAt, objectAt, stringAt, tuplesAt } from '../snapshot-data.js';
import { show } from '../template.js';
import { spanText, type Detector, type DetectorDeps, type Subscription } from './detector.js';

interface Item {
  ts: number;
  id: string;
  assetId: string | undefined;
}

interface Group {
  /** Counted value → its latest event; insertion order is arrival order. */
  items: Map<string, Item>;
  lastTs: number;
}

/** Counts matching events per group within a sliding window. */
export class ThresholdDetector implements Detector {
  readonly subscriptions: readonly Subscription[];
  private readonly groups = new Map<string, Group>();
  private best = 0;
  private lastSweepMs = 0;

  constructor(
    readonly rule: CompiledRule,
    private readonly deps: DetectorDeps,
  ) {
    this.subscriptions = [{ filter: rule.match, on: (ctx) => this.on(ctx) }];
  }

  private on(ctx: EventContext): void {
    const t = this.rule.threshold!;
    const key = keyOf(t.groupBy, ctx);
    const raw = t.distinct ? t.distinct.get(ctx) : ctx.event.id;
    if (key === undefined || raw === undefined || raw === null) return;
    const e = ctx.event;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { items: new Map(), lastTs: e.ts }));
    const cutoff = e.ts - t.withinMs;
    for (const [value, item] of g.items) {
      if (item.ts >= cutoff) break;
      g.items.delete(value);
    }
    const value = String(raw);
    g.items.delete(value);
    g.items.set(value, { ts: e.ts, id: e.id, assetId: ctx.asset()?.id ?? e.assetId });
    g.lastTs = Math.max(g.lastTs, e.ts);
    this.best = Math.max(this.best, g.items.size);
    if (g.items.size >= t.count) this.fire(ctx, key, g);
  }

  private fire(ctx: EventContext, key: string, g: Group): void {
    const t = this.rule.threshold!;
    const items = [...g.items.values()];
    const ids = items.map((i) => i.id);
    this.groups.delete(key);
    this.deps.raise({
      rule: this.rule,
      ctx,
      ts: ctx.event.ts,
      eventIds: ids,
      inputs: `${key}|${[...ids].sort().join(',')}`, // the same events in another order are the same firing
      groupKey: key,
      assetIds: items.flatMap((i) => (i.assetId ? [i.assetId] : [])),
      window: {
        fromTs: Math.min(...items.map((i) => i.ts)),
        toTs: ctx.event.ts,
        lengthMs: t.withinMs,
        count: items.length,
        ...(t.distinct ? { distinct: [...g.items.keys()] } : {}),
        group: t.groupBy.map((p) => `${p.text} ${show(p.get(ctx))}`).join(', '),
      },
    });
  }

  tick(nowMs: number): void {
    const within = this.rule.threshold!.withinMs;
    if (nowMs - this.lastSweepMs < within) return;
    this.lastSweepMs = nowMs;
    for (const [key, g] of this.groups) if (g.lastTs < nowMs - within) this.groups.delete(key);
  }

  snapshot(): unknown {
    const groups = [...this.groups].map(([key, g]) => [key, g.lastTs, [...g.items].map(([v, i]) => [v, i.ts, i.id, i.assetId ?? null])]);
    return { groups, best: this.best, lastSweepMs: this.lastSweepMs };
  }

  restore(state: unknown): void {
    const o = objectAt(state, 'threshold');
    const groups = tuplesAt(o['groups'], 'threshold.groups', 3, (t, at) => {
      const items = tuplesAt(arrayAt(t[2], `${at}.items`), `${at}.items`, 4, (i, w): [string, Item] => [
        stringAt(i[0], w),
        { ts: numberAt(i[1], w), id: stringAt(i[2], w), assetId: i[3] === null ? undefined : stringAt(i[3], w) },
      ]);
      return [stringAt(t[0], at), { lastTs: numberAt(t[1], at), items: new Map(items) }] as const;
    });
    const best = numberAt(o['best'], 'threshold.best');
    const lastSweepMs = numberAt(o['lastSweepMs'], 'threshold.lastSweepMs');
    this.groups.clear();
    for (const [key, g] of groups) this.groups.set(key, g);
    this.best = best;
    this.lastSweepMs = lastSweepMs;
  }

  progress(): string {
    const t = this.rule.threshold!;
    const what = t.distinct ? `distinct ${t.distinct.text} values` : 'events';
    const per = t.groupBy.length ? ` per ${t.groupBy.map((p) => p.text).join(' + ')}` : '';
    return `needs ${t.count} ${what} within ${spanText(t.withinMs)}${per}; the most seen together was ${this.best}`;
  }
}
