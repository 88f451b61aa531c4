// Sequence rules: the matched event fires when an `after` event with the same key came before it
// within the window (A then B). A rule may name alternative keys (the same user, or the address
// the VPN gave the session); a few recent A events are kept per key.
import type { Event } from '../../../../domain/index.js';
import type { CompiledRule } from '../compiled-rule.js';
import type { EventContext } from '../event-context.js';
import { keyOf } from '../field-path.js';
import { arrayAt, eventAt, numberAt, objectAt, stringAt, tuplesAt } from '../snapshot-data.js';
import { spanText, type Detector, type DetectorDeps, type Subscription } from './detector.js';

/** Earlier events remembered per key; older ones are dropped first. */
const FIRSTS_PER_KEY = 16;

/** Fires on B when a matching A preceded it within the window. */
export class SequenceDetector implements Detector {
  readonly subscriptions: readonly Subscription[];
  /** Key-set index + key → earlier events, oldest first. */
  private readonly firsts = new Map<string, Event[]>();
  private firstCount = 0;
  private secondCount = 0;
  private lastSweepMs = 0;

  constructor(
    readonly rule: CompiledRule,
    private readonly deps: DetectorDeps,
  ) {
    const s = rule.sequence!;
    // The earlier step listens first, so an event matching both steps is remembered before it is paired.
    this.subscriptions = [
      { filter: s.after, on: (ctx) => this.onFirst(ctx) },
      { filter: rule.match, on: (ctx) => this.onSecond(ctx) },
    ];
  }

  private onFirst(ctx: EventContext): void {
    this.firstCount++;
    this.rule.sequence!.keys.forEach((pair, i) => {
      const key = keyOf(pair.afterBy, ctx);
      if (key === undefined) return;
      const slot = `${i}\u0000${key}`;
      const list = this.firsts.get(slot) ?? [];
      list.push(ctx.event);
      if (list.length > FIRSTS_PER_KEY) list.shift();
      this.firsts.set(slot, list);
    });
  }

  private onSecond(ctx: EventContext): void {
    const s = this.rule.sequence!;
    this.secondCount++;
    const e = ctx.event;
    let best: { a: Event; key: string } | undefined;
    s.keys.forEach((pair, i) => {
      const key = keyOf(pair.by, ctx);
      if (key === undefined) return;
      for (const a of this.firsts.get(`${i}\u0000${key}`) ?? []) {
        if (a.id === e.id || a.ts > e.ts || e.ts - a.ts > s.withinMs) continue;
        if (!best || a.ts > best.a.ts) best = { a, key };
      }
    });
    if (!best) return;
    const { a, key } = best;
    this.deps.raise({
      rule: this.rule,
      ctx,
      prev: ctx.fork(a),
      ts: e.ts,
      eventIds: [a.id, e.id],
      inputs: `${a.id}|${e.id}`,
      groupKey: key,
      window: { fromTs: a.ts, toTs: e.ts, lengthMs: s.withinMs, count: 2 },
    });
  }

  tick(nowMs: number): void {
    const within = this.rule.sequence!.withinMs;
    if (nowMs - this.lastSweepMs < within) return;
    this.lastSweepMs = nowMs;
    for (const [slot, list] of this.firsts) if (list[list.length - 1]!.ts < nowMs - within) this.firsts.delete(slot);
  }

  snapshot(): unknown {
    // Copies of the lists: a snapshot must not change as the detector goes on.
    return { firsts: [...this.firsts].map(([slot, list]) => [slot, list.slice()]), firstCount: this.firstCount, secondCount: this.secondCount, lastSweepMs: this.lastSweepMs };
  }

  restore(state: unknown): void {
    const o = objectAt(state, 'sequence');
    const firsts = tuplesAt(o['firsts'], 'sequence.firsts', 2, (t, at) => [stringAt(t[0], at), arrayAt(t[1], at).map((e, i) => eventAt(e, `${at}[${i}]`))] as const);
    const counts = ['firstCount', 'secondCount', 'lastSweepMs'].map((k) => numberAt(o[k], `sequence.${k}`));
    this.firsts.clear();
    for (const [slot, list] of firsts) if (list.length > 0) this.firsts.set(slot, list);
    [this.firstCount, this.secondCount, this.lastSweepMs] = counts as [number, number, number];
  }

  progress(): string {
    const s = this.rule.sequence!;
    const keys = s.keys
      .map((k) => (k.by.length ? k.by.map((p) => p.text).join(' + ') : ''))
      .filter(Boolean)
      .join(' or ');
    return `earlier step matched ${this.firstCount}×, later step ${this.secondCount}×; never in order within ${spanText(s.withinMs)}${keys ? ` with the same ${keys}` : ''}`;
  }
}
