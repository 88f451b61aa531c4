// What every rule pattern's detector offers the engine: the filters it listens to, a tick to
// notice the passing of time, a sentence on how close its rule came to firing, and its state as
// JSON data so a partition moved to another worker carries on where it was.
import type { Trigger } from '../alert-factory.js';
import type { CompiledFilter, CompiledRule } from '../compiled-rule.js';
import type { Event } from '../../../../domain/index.js';
import type { EventContext } from '../event-context.js';

/** Hands a firing to the engine, which deduplicates, suppresses and builds the alert. */
export type Raise = (trigger: Trigger) => void;

/** What a detector gets from its engine. */
export interface DetectorDeps {
  raise: Raise;
  /** A fresh context for an event kept past its own evaluation (silence, delayed absence). */
  contextFor(event: Event): EventContext;
}

/** One filter a detector listens to and what it does with a passing event. */
export interface Subscription {
  readonly filter: CompiledFilter;
  on(ctx: EventContext): void;
}

/** The per-engine state of one rule. */
export interface Detector {
  readonly rule: CompiledRule;
  readonly subscriptions: readonly Subscription[];
  /** Lets time-based patterns fire or forget state; `nowMs` never goes backwards. */
  tick(nowMs: number): void;
  /** How close the rule came to firing, for `cityguard rules test`. */
  progress(): string;
  /** Windows, pending events and counters as plain JSON data (null when the pattern keeps none). */
  snapshot(): unknown;
  /** Replaces the state with one `snapshot()` returned; throws SnapshotShapeError when it does not fit. */
  restore(state: unknown): void;
}

/** Formats a window length for people: 90 s, 5 min, 2 h. */
export function spanText(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 6000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}
