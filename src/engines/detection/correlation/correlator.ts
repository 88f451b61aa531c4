// Groups alerts into incidents: an alert joins the open incident it shares an asset, site,
// directly supported service, user or address with, if that incident saw an alert within the
// window; a severe alert during an ongoing attack on the process joins it by time alone.
// Incidents carry their stage, techniques, the services and people at risk through the city's
// dependency graph, a plain-language summary, escalated severity and a timeline. Ids derive from
// the first alert, and state can be rebuilt from stored incidents and alerts (restartable).
import { createHash } from 'node:crypto';
import type { Alert, CityModel, IcsTactic, Incident, TimelineEntry } from '../../../domain/index.js';
import { severityRank, tacticRank } from '../../../domain/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import { LocalCalendar } from '../rules/local-calendar.js';
import { incidentSummary, incidentTitle } from './incident-summary.js';
import { LINK_KINDS, linkKeys, type LinkKind } from './link-keys.js';
import { DEFAULT_ESCALATION, escalate, type EscalationPolicy } from './severity-escalation.js';

/** How to build a Correlator. */
export interface CorrelatorOptions {
  city?: CityModel | undefined;
  clock: Clock;
  /** An alert joins an incident whose latest alert is at most this much older (default 2 h). */
  windowMs?: number;
  /** A high or critical alert joins a high or critical incident already at the process stages, updated this recently, by time alone (default 30 min; 0 turns it off). */
  attackWindowMs?: number;
  /** Which shared entities link alerts (default all). */
  linkBy?: readonly LinkKind[];
  escalation?: EscalationPolicy;
  /** Called with the incident after every change. */
  onIncident?: ((incident: Incident) => void) | undefined;
}

interface State {
  incident: Incident;
  alerts: Alert[];
  keys: Set<string>;
  lastAlertTs: number;
}

const CLOSED = new Set(['recovered', 'closed']);
const syntheticAlert = { evidence: { eventIds: [], facts: {} } } as unknown as Alert;
const entryKey = (t: TimelineEntry) => `${t.ts}|${t.kind}|${t.ref ?? ''}|${t.text}`;
const incidentIdOf = (firstAlertId: string) => `inc-${createHash('sha256').update(firstAlertId).digest('hex').slice(0, 20)}`;

/** Correlates alerts into incidents. */
export class Correlator {
  private readonly states = new Map<string, State>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byAlert = new Map<string, string>();
  private readonly windowMs: number;
  private readonly attackWindowMs: number;
  private readonly kinds: ReadonlySet<LinkKind>;
  private readonly calendar: LocalCalendar;

  constructor(private readonly options: CorrelatorOptions) {
    this.windowMs = options.windowMs ?? 2 * 3_600_000;
    this.attackWindowMs = options.attackWindowMs ?? 30 * 60_000;
    this.kinds = new Set(options.linkBy ?? LINK_KINDS);
    this.calendar = new LocalCalendar(options.city?.city.city.timezone ?? 'UTC');
  }

  /** Adds an alert and returns the incident it now belongs to; adding the same alert again changes nothing. */
  add(alert: Alert): Incident {
    const known = this.byAlert.get(alert.id);
    if (known) return structuredClone(this.states.get(known)!.incident);
    const keys = linkKeys(alert, this.options.city, this.kinds);
    const target = this.findByKeys(alert, keys) ?? this.findOngoingAttack(alert);
    const state = target?.state ?? this.create(alert);
    state.alerts.push(alert);
    for (const k of keys) this.index(k, state.incident.id, state.keys);
    this.byAlert.set(alert.id, state.incident.id);
    this.update(state, alert, target?.reason);
    const copy = structuredClone(state.incident);
    this.options.onIncident?.(copy);
    return copy;
  }

  /** Rebuilds state from stored incidents and their alerts, e.g. after a restart. */
  restore(incidents: readonly Incident[], alerts: readonly Alert[]): void {
    const alertById = new Map(alerts.map((a) => [a.id, a]));
    for (const incident of incidents) {
      const own = incident.alertIds.flatMap((id) => alertById.get(id) ?? []);
      const state: State = { incident: structuredClone(incident), alerts: own, keys: new Set(), lastAlertTs: Math.max(incident.openedTs, ...own.map((a) => a.ts)) };
      this.states.set(incident.id, state);
      for (const id of incident.alertIds) this.byAlert.set(id, incident.id);
      // Without its alerts, an incident is still linkable through its own devices.
      const sources: readonly Alert[] = own.length > 0 ? own : [{ ...syntheticAlert, assetIds: incident.assetIds }];
      for (const a of sources) for (const k of linkKeys(a, this.options.city, this.kinds)) this.index(k, incident.id, state.keys);
    }
  }

  /**
   * Takes over what people changed on a stored incident — status, assignee, closing time, notes in
   * the timeline — so the next alert does not overwrite it. Unknown incidents are ignored.
   */
  amend(changed: Incident): void {
    const s = this.states.get(changed.id);
    if (!s) return;
    const { status, assignee, closedTs } = changed;
    const ours = new Set(s.incident.timeline.map(entryKey));
    const theirs = changed.timeline.filter((t) => !ours.has(entryKey(t)));
    s.incident = {
      ...s.incident,
      status,
      ...(assignee !== undefined ? { assignee } : {}),
      ...(closedTs !== undefined ? { closedTs } : {}),
      timeline: [...s.incident.timeline, ...theirs].sort((a, b) => a.ts - b.ts),
    };
    if (assignee === undefined) delete s.incident.assignee;
    if (closedTs === undefined) delete s.incident.closedTs;
  }

  /** The incident with this id, as it stands. */
  get(id: string): Incident | undefined {
    const s = this.states.get(id);
    return s && structuredClone(s.incident);
  }

  /** Incidents an alert could still join, newest first. */
  open(nowMs: number = this.options.clock.now()): Incident[] {
    return [...this.states.values()]
      .filter((s) => this.joinable(s, nowMs, this.windowMs))
      .sort((a, b) => b.lastAlertTs - a.lastAlertTs)
      .map((s) => structuredClone(s.incident));
  }

  /** Forgets incidents no alert can join any more (their stored copies are unaffected). */
  prune(nowMs: number = this.options.clock.now()): number {
    let dropped = 0;
    for (const [id, s] of this.states) {
      if (this.joinable(s, nowMs, Math.max(this.windowMs, this.attackWindowMs))) continue;
      this.states.delete(id);
      for (const k of s.keys) this.byKey.get(k)?.delete(id);
      for (const a of s.incident.alertIds) this.byAlert.delete(a);
      dropped++;
    }
    return dropped;
  }

  private joinable(s: State, ts: number, windowMs: number): boolean {
    return !CLOSED.has(s.incident.status) && ts - s.lastAlertTs <= windowMs && ts >= s.incident.openedTs - windowMs;
  }

  private index(key: string, incidentId: string, keys: Set<string>): void {
    keys.add(key);
    let ids = this.byKey.get(key);
    if (!ids) this.byKey.set(key, (ids = new Set()));
    ids.add(incidentId);
  }

  private best(candidates: Iterable<State>): State | undefined {
    let best: State | undefined;
    for (const s of candidates) {
      if (!best || s.lastAlertTs > best.lastAlertTs || (s.lastAlertTs === best.lastAlertTs && s.incident.id < best.incident.id)) best = s;
    }
    return best;
  }

  private findByKeys(alert: Alert, keys: readonly string[]): { state: State; reason: string } | undefined {
    const hits = new Map<State, string>();
    for (const k of keys) {
      for (const id of this.byKey.get(k) ?? []) {
        const s = this.states.get(id);
        if (s && this.joinable(s, alert.ts, this.windowMs) && !hits.has(s)) hits.set(s, k);
      }
    }
    const state = this.best(hits.keys());
    return state && { state, reason: `shares ${hits.get(state)!.replace(':', ' ')}` };
  }

  private findOngoingAttack(alert: Alert): { state: State; reason: string } | undefined {
    if (this.attackWindowMs <= 0 || severityRank(alert.severity) < severityRank('high')) return undefined;
    const ongoing = [...this.states.values()].filter(
      (s) =>
        this.joinable(s, alert.ts, this.attackWindowMs) &&
        tacticRank(s.incident.stage) >= tacticRank('inhibit-response-function') &&
        severityRank(s.incident.severity) >= severityRank('high'),
    );
    const state = this.best(ongoing);
    return state && { state, reason: 'came during an ongoing attack on the control of city equipment' };
  }

  private create(alert: Alert): State {
    const incident: Incident = {
      id: incidentIdOf(alert.id),
      title: alert.title,
      status: 'new',
      severity: alert.severity,
      stage: alert.tactic,
      tactics: [],
      techniques: [],
      openedTs: alert.ts,
      updatedTs: alert.ts,
      alertIds: [],
      assetIds: [],
      districts: [],
      affectedServices: [],
      peopleAffected: 0,
      summary: alert.explanation,
      timeline: [],
    };
    const state: State = { incident, alerts: [], keys: new Set(), lastAlertTs: alert.ts };
    this.states.set(incident.id, state);
    return state;
  }

  private update(state: State, alert: Alert, reason: string | undefined): void {
    const inc = state.incident;
    const city = this.options.city;
    const before = { stage: inc.stage, severity: inc.severity, fresh: inc.alertIds.length === 0 };
    const union = <T>(xs: readonly T[], ys: Iterable<T>) => [...new Set([...xs, ...ys])];
    inc.alertIds = union(inc.alertIds, [alert.id]);
    inc.assetIds = union(inc.assetIds, alert.assetIds);
    const districts = [alert.district, ...alert.assetIds.map((id) => city?.asset(id)?.district)].filter((d): d is string => !!d);
    inc.districts = union(inc.districts, districts).sort();
    inc.tactics = union(inc.tactics, [alert.tactic]).sort((a, b) => tacticRank(a) - tacticRank(b));
    inc.techniques = union(inc.techniques, [alert.technique.id]).sort();
    inc.stage = inc.tactics[inc.tactics.length - 1] as IcsTactic;
    inc.openedTs = Math.min(inc.openedTs, alert.ts);
    inc.updatedTs = Math.max(inc.updatedTs, alert.ts);
    state.lastAlertTs = Math.max(state.lastAlertTs, alert.ts);
    inc.affectedServices = city ? city.servicesAffectedBy(inc.assetIds).sort((a, b) => a.serviceId.localeCompare(b.serviceId)) : [];
    // Services overlap (a district's water needs its power), so the sum is capped at the city's population.
    inc.peopleAffected = city ? Math.min(city.peopleServed(inc.affectedServices), city.city.city.population) : 0;
    const { severity, reasons } = escalate(state.alerts.map((a) => a.severity), inc.tactics, this.options.escalation ?? DEFAULT_ESCALATION);
    inc.severity = severity;
    inc.title = incidentTitle(state.alerts, inc.affectedServices, city);
    inc.summary = incidentSummary(inc, state.alerts, city, this.calendar);
    const entries: TimelineEntry[] = [
      { ts: alert.ts, kind: 'alert', text: `${alert.title}${before.fresh ? '' : reason ? ` — linked: ${reason}` : ''}`, ref: alert.id },
    ];
    if (!before.fresh && tacticRank(inc.stage) > tacticRank(before.stage)) {
      entries.push({ ts: alert.ts, kind: 'stage', text: `The attack reached a new stage: ${inc.stage}`, ref: alert.id });
    }
    if (!before.fresh && severityRank(inc.severity) > severityRank(before.severity)) {
      const why = reasons.length > 0 ? reasons.join('; ') : `a ${alert.severity} alert joined`;
      entries.push({ ts: alert.ts, kind: 'severity', text: `Severity raised to ${inc.severity}: ${why}`, ref: alert.id });
    }
    inc.timeline = [...inc.timeline, ...entries].sort((a, b) => a.ts - b.ts);
  }
}
