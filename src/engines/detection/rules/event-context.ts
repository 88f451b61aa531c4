// One event as the rules see it: the event, plus its asset, the asset that acted and its local
// time, each resolved at most once and only when a rule asks.
import type { Asset, Event } from '../../../domain/index.js';
import type { AssetDirectory } from './asset-directory.js';
import type { LocalCalendar, LocalTime } from './local-calendar.js';

const UNRESOLVED = Symbol('unresolved');

/** The event under evaluation and lazily resolved context. Reused across events on the hot path. */
export class EventContext {
  event!: Event;
  private assetHit: Asset | undefined | typeof UNRESOLVED = UNRESOLVED;
  private actorHit: Asset | undefined | typeof UNRESOLVED = UNRESOLVED;
  private localHit: LocalTime | undefined;

  constructor(
    readonly directory: AssetDirectory,
    readonly calendar: LocalCalendar,
  ) {}

  /** Points the context at another event, forgetting what was resolved for the previous one. */
  reset(event: Event): this {
    this.event = event;
    this.assetHit = UNRESOLVED;
    this.actorHit = UNRESOLVED;
    this.localHit = undefined;
    return this;
  }

  /** A fresh context for a kept event (the hot-path context is reused and must not be held). */
  fork(event: Event): EventContext {
    return new EventContext(this.directory, this.calendar).reset(event);
  }

  /** The asset the event is about: its assetId, else the destination of a flow or the host of a log line. */
  asset(): Asset | undefined {
    if (this.assetHit === UNRESOLVED) {
      const e = this.event;
      let hit = this.directory.get(e.assetId);
      if (!hit && e.type === 'network') hit = this.directory.byAddressOf(e.dstIp);
      else if (!hit && e.type === 'log') hit = this.directory.byAddressOf(e.host);
      this.assetHit = hit;
    }
    return this.assetHit;
  }

  /** The asset that acted: a command's sending host, a login's or a flow's source address. */
  actorAsset(): Asset | undefined {
    if (this.actorHit === UNRESOLVED) {
      const e = this.event;
      if (e.type === 'command') this.actorHit = this.directory.byAddressOf(e.actor.host) ?? this.directory.byAddressOf(e.actor.ip);
      else if (e.type === 'auth' || e.type === 'network') this.actorHit = this.directory.byAddressOf(e.srcIp);
      else this.actorHit = undefined;
    }
    return this.actorHit;
  }

  /** The event's time on the city's clocks. */
  local(): LocalTime {
    return (this.localHit ??= this.calendar.at(this.event.ts));
  }
}
