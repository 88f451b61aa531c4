// Says why a rule did not fire on recorded events, for `cityguard rules test`: no events of its
// kind, or the candidate that came nearest and the conditions it failed, or how far its time
// pattern got. Runs the explain mode of the compiled conditions, so it is for offline use only.
import type { CityModel, Event } from '../../../domain/index.js';
import { AssetDirectory } from './asset-directory.js';
import type { CompiledFilter, CompiledRule } from './compiled-rule.js';
import { EventContext } from './event-context.js';
import { LocalCalendar } from './local-calendar.js';

/** The candidate event that met most of a filter's conditions. */
export interface NearestCandidate {
  eventId: string;
  assetId?: string | undefined;
  failed: string[];
}

/** Why a rule stayed quiet. */
export interface Diagnosis {
  reason: string;
  nearest?: NearestCandidate;
}

/** Explains filters against events of one city. */
export class RuleDiagnostics {
  private readonly ctx: EventContext;

  constructor(city?: CityModel) {
    this.ctx = new EventContext(new AssetDirectory(city), new LocalCalendar(city?.city.city.timezone ?? 'UTC', city?.city.maintenanceWindows));
  }

  /** Why `rule` raised nothing on `events`; `progress` is the engine's account of its time pattern. */
  diagnose(rule: CompiledRule, events: readonly Event[], progress: string | undefined): Diagnosis {
    const filter = rule.match;
    const candidates = events.filter((e) => this.isCandidate(filter, e));
    const what = `${filter.type} events${filter.kinds ? ` from ${filter.kinds.join('/')}` : ''}`;
    if (candidates.length === 0) return { reason: `no ${what} in the input` };
    let matched = 0;
    let nearest: { passed: number; candidate: NearestCandidate } | undefined;
    for (const e of candidates) {
      const trace = filter.explain(this.ctx.reset(e));
      if (trace.ok) {
        matched++;
        continue;
      }
      if (!nearest || trace.passed > nearest.passed) {
        nearest = { passed: trace.passed, candidate: { eventId: e.id, assetId: this.ctx.asset()?.id ?? e.assetId, failed: trace.failed } };
      }
    }
    if (matched === 0) {
      return { reason: `${candidates.length} ${what}, none met the conditions`, ...(nearest ? { nearest: nearest.candidate } : {}) };
    }
    const pattern = rule.pattern === 'match' ? 'but every alert was suppressed or a duplicate' : progress ?? '';
    return { reason: `${matched} of ${candidates.length} ${what} met the conditions; ${pattern}` };
  }

  private isCandidate(filter: CompiledFilter, e: Event): boolean {
    if (e.type !== filter.type) return false;
    if (!filter.kinds) return true;
    const kind = this.ctx.reset(e).asset()?.kind;
    return kind !== undefined && filter.kinds.includes(kind);
  }
}
