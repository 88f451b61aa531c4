// Single-event rules: every event that passes the filter fires (suppression and dedup are the engine's).
import type { CompiledRule } from '../compiled-rule.js';
import type { Detector, DetectorDeps, Subscription } from './detector.js';

/** Fires on each matching event. */
export class MatchDetector implements Detector {
  readonly subscriptions: readonly Subscription[];

  constructor(
    readonly rule: CompiledRule,
    deps: DetectorDeps,
  ) {
    this.subscriptions = [
      {
        filter: rule.match,
        on: (ctx) => deps.raise({ rule, ctx, ts: ctx.event.ts, eventIds: [ctx.event.id], inputs: ctx.event.id }),
      },
    ];
  }

  tick(): void {}

  progress(): string {
    return 'fires on any single event that passes its conditions';
  }

  snapshot(): null {
    return null;
  }

  restore(): void {}
}
