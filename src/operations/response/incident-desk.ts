// Incident handling: the status workflow (new → triaged → contained → recovered → closed, with the
// few ways back a real investigation needs), notes, assignment, evidence and the timeline entries
// response writes for every action and approval. Updates to one incident run one at a time. When a
// live correlator is given, a change starts from its copy (which has every alert) and is handed
// back to it before the store write, so later alerts keep what people and response changed.
import type { Incident, IncidentStatus, TimelineEntry } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { IncidentStore } from '../../platform/store/index.js';
import { responseNotFound, responseNoteRequired, responseTransition } from './errors.js';

/** Where each status may go next. Closing straight from new or triaged is for false alarms and needs a note. */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  new: ['triaged', 'closed'],
  triaged: ['contained', 'closed'],
  contained: ['recovered', 'triaged'],
  recovered: ['closed', 'triaged'],
  closed: [],
};

/** Evidence attached to an incident: what it is and where to find it. */
export interface EvidenceItem {
  text: string;
  /** An event id, file path, URL or hash. */
  ref?: string;
}

/** The correlator's view of open incidents (the detection engine's Correlator fits). */
export interface LiveIncidents {
  get(id: string): Incident | undefined;
  amend(incident: Incident): void;
}

/** Options of the desk. */
export interface IncidentDeskOptions {
  incidents: IncidentStore;
  clock: Clock;
  live?: LiveIncidents;
  /** Called after every stored change. */
  onChanged?: (incident: Incident) => void | Promise<void>;
}

/** Changes incidents on behalf of people and of response. */
export class IncidentDesk {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly o: IncidentDeskOptions) {}

  /** The stored incident, or CG_RESPONSE_NOT_FOUND. */
  async get(id: string): Promise<Incident> {
    const incident = await this.o.incidents.get(id);
    if (!incident) throw responseNotFound('incident', id);
    return incident;
  }

  /** Moves an incident to `to`, if the workflow allows it; the timeline says who and why. */
  transition(id: string, to: IncidentStatus, by: string, note?: string): Promise<Incident> {
    return this.update(id, (i, ts) => {
      const allowed = INCIDENT_TRANSITIONS[i.status];
      if (!allowed.includes(to)) throw responseTransition(id, i.status, to, allowed);
      if (to === 'closed' && (i.status === 'new' || i.status === 'triaged') && !note?.trim()) throw responseNoteRequired(id, i.status);
      const from = i.status;
      i.status = to;
      if (to === 'closed') i.closedTs = ts;
      else delete i.closedTs;
      i.timeline.push({ ts, kind: 'status', text: `Status ${from} → ${to}${note ? `: ${note}` : ''}`, by });
    });
  }

  /** Adds a note to the timeline. */
  note(id: string, text: string, by: string): Promise<Incident> {
    return this.update(id, (i, ts) => void i.timeline.push({ ts, kind: 'note', text, by }));
  }

  /** Gives the incident to someone (empty string: nobody). */
  assign(id: string, assignee: string, by: string): Promise<Incident> {
    return this.update(id, (i, ts) => {
      if (assignee === '') delete i.assignee;
      else i.assignee = assignee;
      i.timeline.push({ ts, kind: 'assignment', text: assignee === '' ? 'Unassigned' : `Assigned to ${assignee}`, by });
    });
  }

  /** Attaches a piece of evidence (kept as a timeline entry so correlation keeps it). */
  evidence(id: string, item: EvidenceItem, by: string): Promise<Incident> {
    return this.update(id, (i, ts) => void i.timeline.push({ ts, kind: 'evidence', text: item.text, by, ...(item.ref ? { ref: item.ref } : {}) }));
  }

  /** Adds a timeline entry written by response (action and approval records). */
  record(id: string, entry: Omit<TimelineEntry, 'ts'> & { ts?: number }): Promise<Incident> {
    return this.update(id, (i, ts) => void i.timeline.push({ ...entry, ts: entry.ts ?? ts }));
  }

  /** Applies `change` to the stored incident, one change per incident at a time. */
  private update(id: string, change: (i: Incident, ts: number) => void): Promise<Incident> {
    const run = async () => {
      const stored = await this.get(id);
      const incident = structuredClone(this.o.live?.get(id) ?? stored);
      const ts = this.o.clock.now();
      change(incident, ts);
      incident.timeline.sort((a, b) => a.ts - b.ts);
      incident.updatedTs = Math.max(incident.updatedTs, ts);
      this.o.live?.amend(incident);
      await this.o.incidents.upsert(incident);
      await this.o.onChanged?.(incident);
      return incident;
    };
    const prev = this.queues.get(id) ?? Promise.resolve();
    const next = prev.then(run, run);
    const tail = next.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return next;
  }
}
