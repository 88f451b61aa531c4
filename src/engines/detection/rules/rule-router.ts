// Finds the rules an event matters to without running them: every filter of the given rules (a
// rule's match, a sequence's earlier step, an absence's companion) is checked against the event,
// indexed by event type and asset kind like the engine's own routing. Detection workers use it to
// forward events to where rules that span partitions are evaluated.
import type { AssetKind, CityModel, Event, EventType } from '../../../domain/index.js';
import { AssetDirectory } from './asset-directory.js';
import type { CompiledFilter, CompiledRule } from './compiled-rule.js';
import { EventContext } from './event-context.js';
import { LocalCalendar } from './local-calendar.js';

interface Entry {
  filter: CompiledFilter;
  rule: CompiledRule;
}

function filtersOf(rule: CompiledRule): CompiledFilter[] {
  return [rule.match, ...(rule.sequence ? [rule.sequence.after] : []), ...(rule.absence ? [rule.absence.missing] : [])];
}

/** Tells which of a set of rules an event passes a filter of. */
export class RuleRouter {
  private readonly byType = new Map<EventType, { any: Entry[]; byKind: Map<AssetKind, Entry[]> }>();
  private readonly ctx: EventContext;

  constructor(rules: readonly CompiledRule[], city?: CityModel) {
    this.ctx = new EventContext(new AssetDirectory(city), new LocalCalendar(city?.city.city.timezone ?? 'UTC', city?.city.maintenanceWindows));
    for (const rule of rules) {
      if (!rule.enabled) continue;
      for (const filter of filtersOf(rule)) this.add({ filter, rule });
    }
  }

  /** The rules (each once) with a filter this event passes. */
  route(event: Event): CompiledRule[] {
    const entry = this.byType.get(event.type);
    if (!entry) return [];
    const ctx = this.ctx.reset(event);
    const kind = ctx.asset()?.kind;
    const candidates = kind === undefined ? entry.any : (entry.byKind.get(kind) ?? entry.any);
    const hit: CompiledRule[] = [];
    for (const c of candidates) if (!hit.includes(c.rule) && c.filter.test(ctx)) hit.push(c.rule);
    return hit;
  }

  private add(e: Entry): void {
    let entry = this.byType.get(e.filter.type);
    if (!entry) this.byType.set(e.filter.type, (entry = { any: [], byKind: new Map() }));
    if (!e.filter.kinds) {
      entry.any.push(e);
      for (const list of entry.byKind.values()) list.push(e);
      return;
    }
    for (const k of e.filter.kinds) {
      let list = entry.byKind.get(k);
      // A kind seen first here starts with every kind-less entry added so far.
      if (!list) entry.byKind.set(k, (list = [...entry.any]));
      list.push(e);
    }
  }
}
