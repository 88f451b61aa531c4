// The response engine: playbooks turn alerts and incidents into Actions; each action waits for its
// approvals (two different people for anything that interrupts a public service; the approver's
// role checked), runs through its actuator, is recorded with who, when and why (store and incident
// timeline), can be undone, and is lifted automatically when its expiry passes unless renewed.
// Actions not approved in time expire. Every transition is stored and announced through
// `onActionChanged`. Over 200 lines because the lifecycle is one state machine; the parts that are
// not (building actions, targets, costs, effects) live in their own files.
import type { Action, Alert, CityModel, Incident, Playbook } from '../../domain/index.js';
import type { Clock, TimerHandle } from '../../platform/clock/index.js';
import type { ActionStore } from '../../platform/store/index.js';
import { buildRequestedAction, buildStepAction, type ProposeRequest } from './action-builder.js';
import { RESPONSE_ACTOR, type ActuatorSet } from './actuators/actuator.js';
import type { ContinuityModel } from './continuity.js';
import { responseApproverRole, responseBadState, responseNotFound, responseSameApprover } from './errors.js';
import type { IncidentDesk } from './incident-desk.js';
import { alertTriggers, conditionHolds, incidentTriggers } from './playbook-match.js';
import { resolveTargets } from './step-targets.js';

/** Who is acting: a user and the role their token carries. */
export interface ResponsePrincipal {
  user: string;
  role: 'viewer' | 'operator' | 'admin';
}

/** How to build the engine. */
export interface ResponseEngineOptions {
  city: CityModel;
  clock: Clock;
  actions: ActionStore;
  desk: IncidentDesk;
  continuity: ContinuityModel;
  playbooks: readonly Playbook[];
  actuators: ActuatorSet;
  /** Every action only says what it would do. */
  dryRun?: boolean;
  onActionChanged?: (action: Action) => void | Promise<void>;
}

const ROLE_RANK = { viewer: 0, operator: 1, admin: 2 } as const;
const FINAL = new Set<Action['status']>(['rejected', 'done', 'failed', 'undone', 'expired']);
const MESSAGES = new Set<Action['kind']>(['notify', 'open-ticket']);
const hours = (ms: number) => `${+(ms / 3_600_000).toFixed(2)} h`;

/** Runs playbooks and the lifecycle of every action. */
export class ResponseEngine {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly seenAlerts = new Set<string>();
  private changeCount = 0;

  constructor(private readonly o: ResponseEngineOptions) {}

  /** Operations in flight (creating, approving, running, undoing, expiring actions). */
  get busy(): number {
    return this.pending.size;
  }

  /** Action changes stored since start; a caller sees progress when it grows. */
  get changes(): number {
    return this.changeCount;
  }

  /** The loaded playbooks. */
  get playbooks(): readonly Playbook[] {
    return this.o.playbooks;
  }

  /** Re-arms approval timeouts and expiries of stored actions after a restart; actions cut off mid-run are marked failed. */
  async restore(): Promise<void> {
    for (const status of ['awaiting-approval', 'approved', 'running', 'done'] as const) {
      let cursor: string | undefined;
      do {
        const page = await this.o.actions.list({ status, limit: 500, ...(cursor ? { cursor } : {}) });
        for (const a of page.items) {
          if (status === 'awaiting-approval') this.armTimeout(a);
          else if (status === 'done') this.armExpiry(a);
          else await this.save({ ...a, status: 'failed', result: 'interrupted by a restart before it finished; check the target and propose it again' }, 'Failed: interrupted by a restart');
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  }

  /** Runs the playbooks an incident's new alerts (and the incident itself) trigger; returns the actions created. */
  async handleIncident(incident: Incident, alerts: readonly Alert[]): Promise<Action[]> {
    const created: Action[] = [];
    const started = new Set<string>();
    for (const alert of [...alerts].sort((a, b) => a.ts - b.ts)) {
      if (this.seenAlerts.has(alert.id)) continue;
      this.seenAlerts.add(alert.id);
      if (alert.evidence.facts['user'] === RESPONSE_ACTOR) continue; // our own commands seen by a rule
      for (const pb of this.o.playbooks) {
        if (!alertTriggers(pb, alert, this.o.city)) continue;
        created.push(...(await this.apply(pb, incident, alert)));
        started.add(pb.title);
      }
    }
    const latest = [...alerts].sort((a, b) => b.ts - a.ts)[0];
    for (const pb of this.o.playbooks) {
      if (!latest || !incidentTriggers(pb, incident)) continue;
      const made = await this.apply(pb, incident, latest);
      created.push(...made);
      if (made.length > 0) started.add(pb.title);
    }
    if (created.length > 0) await this.tryTransition(incident.id, 'triaged', `playbook started: ${[...started].join(', ')}`);
    return created;
  }

  /** A person asks for an action; it is stored with its cost and waits for approvals (or runs if none are needed). */
  async propose(request: ProposeRequest, by: ResponsePrincipal): Promise<Action> {
    const action = buildRequestedAction(this.o.city, this.o.continuity, request, by.user, this.o.clock.now(), this.o.dryRun ?? false);
    return this.withLock(action.id, async () => {
      await this.save(action, `Proposed by ${by.user}: ${this.summary(action)}`, by.user);
      return this.request(action);
    });
  }

  /** Records an approval; with enough approvals from different people the action runs. */
  approve(id: string, by: ResponsePrincipal, comment?: string): Promise<Action> {
    return this.withLock(id, async () => {
      const a = await this.load(id);
      if (a.status !== 'awaiting-approval') throw responseBadState(id, a.status, 'approve');
      if (ROLE_RANK[by.role] < ROLE_RANK[a.requiredApprovals.role as keyof typeof ROLE_RANK]) throw responseApproverRole(id, a.requiredApprovals.role, by.role);
      if (a.approvals.some((x) => x.by === by.user && x.decision === 'approve')) throw responseSameApprover(id, by.user);
      a.approvals.push({ by: by.user, role: by.role, ts: this.o.clock.now(), decision: 'approve', ...(comment ? { comment } : {}) });
      const given = a.approvals.filter((x) => x.decision === 'approve').length;
      if (given < a.requiredApprovals.count) {
        await this.save(a, `Approved by ${by.user} (${given} of ${a.requiredApprovals.count})`, by.user, 'approval');
        return a;
      }
      this.cancelTimer(id);
      a.status = 'approved';
      await this.save(a, `Approved by ${by.user} (${given} of ${a.requiredApprovals.count}): carrying it out`, by.user, 'approval');
      return this.execute(a);
    });
  }

  /** Refuses an action that is waiting; it will not run. */
  reject(id: string, by: ResponsePrincipal, comment?: string): Promise<Action> {
    return this.withLock(id, async () => {
      const a = await this.load(id);
      if (a.status !== 'awaiting-approval' && a.status !== 'proposed') throw responseBadState(id, a.status, 'reject');
      if (ROLE_RANK[by.role] < ROLE_RANK.operator) throw responseApproverRole(id, 'operator', by.role);
      this.cancelTimer(id);
      a.approvals.push({ by: by.user, role: by.role, ts: this.o.clock.now(), decision: 'reject', ...(comment ? { comment } : {}) });
      a.status = 'rejected';
      await this.save(a, `Rejected by ${by.user}${comment ? `: ${comment}` : ''}`, by.user, 'approval');
      await this.afterFinal(a);
      return a;
    });
  }

  /** Reverses a carried-out action. */
  undo(id: string, by: ResponsePrincipal, reason?: string): Promise<Action> {
    return this.withLock(id, async () => {
      const a = await this.load(id);
      if (a.status !== 'done') throw responseBadState(id, a.status, 'undo');
      if (ROLE_RANK[by.role] < ROLE_RANK.operator) throw responseApproverRole(id, 'operator', by.role);
      const text = await this.reverse(a, by.user);
      a.status = 'undone';
      a.undoneTs = this.o.clock.now();
      a.result = `${a.result ?? ''}\nundone by ${by.user}${reason ? ` (${reason})` : ''}: ${text}`.trim();
      await this.save(a, `Undone by ${by.user}${reason ? ` (${reason})` : ''}: ${text}`, by.user);
      return a;
    });
  }

  /** Pushes a carried-out action's expiry out by its expiry period again. */
  renew(id: string, by: ResponsePrincipal): Promise<Action> {
    return this.withLock(id, async () => {
      const a = await this.load(id);
      const period = a.params['expiresAfterMs'];
      if (a.status !== 'done' || typeof period !== 'number') throw responseBadState(id, a.status, 'renew (only done actions with an expiry)');
      a.expiresTs = this.o.clock.now() + period;
      this.armExpiry(a);
      await this.save(a, `Renewed by ${by.user} for ${hours(period)}`, by.user);
      return a;
    });
  }

  /** Resolves when no action is being created, approved, run, undone or expired. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Cancels every timer (the stored actions keep their state for `restore`). */
  stop(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  private async apply(pb: Playbook, incident: Incident, alert: Alert): Promise<Action[]> {
    const m = { alert, incident, city: this.o.city };
    const made: Action[] = [];
    for (const step of pb.steps) {
      if (!conditionHolds(step.when, m)) continue;
      for (const target of resolveTargets(step, m)) {
        const action = buildStepAction(this.o.continuity, { playbook: pb, step, target, alert, incident, nowMs: this.o.clock.now(), dryRun: this.o.dryRun ?? false });
        const created = await this.withLock(action.id, async () => {
          if (await this.o.actions.get(action.id)) return undefined;
          await this.save(action, `Proposed by playbook ${pb.id}: ${this.summary(action)}`, action.requestedBy);
          return action;
        });
        if (created) made.push(created);
      }
    }
    for (const a of made) await this.withLock(a.id, () => this.releaseIfReady(a));
    return made;
  }

  /** Moves a proposed action on: waits for earlier steps, then for approvals, or runs. */
  private async releaseIfReady(a: Action): Promise<Action> {
    const current = (await this.o.actions.get(a.id)) ?? a;
    if (current.status !== 'proposed') return current;
    const after = typeof current.params['after'] === 'string' ? current.params['after'].split(',') : [];
    if (after.length > 0 && current.incidentId) {
      const deps = (await this.incidentActions(current.incidentId)).filter(
        (x) => x.playbookId === current.playbookId && after.includes(String(x.params['playbookStep'])),
      );
      if (deps.some((d) => !FINAL.has(d.status))) return current;
      const failed = deps.find((d) => d.status !== 'done' && d.status !== 'undone');
      if (failed) {
        current.status = 'expired';
        current.result = `not started: step ${String(failed.params['playbookStep'])} ended ${failed.status}`;
        await this.save(current, `Expired: ${current.result}`);
        return current;
      }
    }
    return this.request(current);
  }

  private async request(a: Action): Promise<Action> {
    if (a.requiredApprovals.count === 0) {
      a.status = 'approved';
      await this.save(a, undefined);
      return this.execute(a);
    }
    a.status = 'awaiting-approval';
    await this.save(a, `Waiting for ${a.requiredApprovals.count} approval(s) by ${a.requiredApprovals.role}s`);
    this.armTimeout(a);
    return a;
  }

  private async execute(a: Action): Promise<Action> {
    const actuator = this.o.actuators[a.kind];
    a.status = 'running';
    await this.save(a, undefined);
    try {
      const r = a.dryRun ? { text: `dry run — would ${actuator.describe(a)}` } : await actuator.perform(a);
      a.status = 'done';
      a.executedTs = this.o.clock.now();
      a.result = r.text;
      if ('params' in r && r.params) a.params = { ...a.params, ...r.params };
      const period = a.params['expiresAfterMs'];
      if (typeof period === 'number') a.expiresTs = a.executedTs + period;
      await this.save(a, `Done: ${r.text}${a.expiresTs ? ` (lifted after ${hours(period as number)} unless renewed)` : ''}`);
      this.armExpiry(a);
    } catch (err) {
      a.status = 'failed';
      a.result = (err as Error).message;
      await this.save(a, `Failed: ${a.result}`);
    }
    await this.afterFinal(a);
    return a;
  }

  private async reverse(a: Action, by: string): Promise<string> {
    this.cancelTimer(a.id);
    if (a.dryRun) return `dry run — nothing to undo (by ${by})`;
    return this.o.actuators[a.kind].undo(a);
  }

  private async afterFinal(a: Action): Promise<void> {
    if (!a.incidentId) return;
    const all = await this.incidentActions(a.incidentId);
    for (const w of all.filter((x) => x.status === 'proposed' && x.params['after'] !== undefined))
      this.track(this.withLock(w.id, () => this.releaseIfReady(w)));
    const containment = all.filter((x) => !MESSAGES.has(x.kind));
    if (containment.length > 0 && containment.every((x) => FINAL.has(x.status)) && containment.some((x) => x.status === 'done'))
      await this.tryTransition(a.incidentId, 'contained', 'every containment action has finished');
  }

  /** Moves the incident forward through triaged when needed; leaves it alone when people moved it elsewhere. */
  private async tryTransition(incidentId: string, to: 'triaged' | 'contained', note: string): Promise<void> {
    const incident = await this.o.desk.get(incidentId).catch(() => undefined);
    if (!incident) return;
    // New activity on a contained incident re-opens it (contained → triaged) until that is contained too.
    const path =
      to === 'triaged'
        ? incident.status === 'new' || incident.status === 'contained' ? ['triaged'] : []
        : incident.status === 'new' ? ['triaged', 'contained'] : incident.status === 'triaged' ? ['contained'] : [];
    for (const step of path) await this.o.desk.transition(incidentId, step as 'triaged' | 'contained', RESPONSE_ACTOR, note);
  }

  private armTimeout(a: Action): void {
    const timeout = typeof a.params['timeoutMs'] === 'number' ? a.params['timeoutMs'] : 30 * 60_000;
    this.arm(a.id, a.requestedTs + timeout, async () => {
      const cur = await this.o.actions.get(a.id);
      if (!cur || cur.status !== 'awaiting-approval') return;
      cur.status = 'expired';
      cur.result = `not approved within ${hours(timeout)}`;
      await this.save(cur, `Expired: ${cur.result}`);
      await this.afterFinal(cur);
    });
  }

  private armExpiry(a: Action): void {
    if (a.status !== 'done' || a.expiresTs === undefined) return;
    this.arm(a.id, a.expiresTs, async () => {
      const cur = await this.o.actions.get(a.id);
      if (!cur || cur.status !== 'done' || cur.expiresTs === undefined || cur.expiresTs > this.o.clock.now()) return;
      try {
        const text = await this.reverse(cur, RESPONSE_ACTOR);
        cur.status = 'expired';
        cur.undoneTs = this.o.clock.now();
        cur.result = `${cur.result ?? ''}\nlifted at expiry: ${text}`.trim();
        await this.save(cur, `Lifted at expiry (not renewed): ${text}`);
      } catch (err) {
        await this.save(cur, `Lifting at expiry failed: ${(err as Error).message}`);
      }
    });
  }

  private arm(id: string, dueMs: number, fn: () => Promise<void>): void {
    this.cancelTimer(id);
    const handle = this.o.clock.after(Math.max(0, dueMs - this.o.clock.now()), () => {
      this.timers.delete(id);
      this.track(this.withLock(id, fn));
    });
    this.timers.set(id, handle);
  }

  private cancelTimer(id: string): void {
    this.timers.get(id)?.cancel();
    this.timers.delete(id);
  }

  private async save(a: Action, text: string | undefined, by?: string, kind: 'action' | 'approval' = 'action'): Promise<void> {
    this.changeCount++;
    await this.o.actions.upsert(a);
    await this.o.onActionChanged?.(structuredClone(a));
    if (text && a.incidentId && (await this.o.desk.get(a.incidentId).catch(() => undefined)))
      await this.o.desk.record(a.incidentId, { kind, text, ref: a.id, ...(by ? { by } : {}) });
  }

  private summary(a: Action): string {
    const approvals = a.requiredApprovals.count > 0 ? `needs ${a.requiredApprovals.count} approval(s)` : 'runs without approval';
    return `${a.kind} ${a.target.id} — ${a.reason} (${approvals}; ${a.cost?.description ?? 'no cost'})`;
  }

  private async load(id: string): Promise<Action> {
    const a = await this.o.actions.get(id);
    if (!a) throw responseNotFound('action', id);
    return structuredClone(a);
  }

  private async incidentActions(incidentId: string): Promise<Action[]> {
    const out: Action[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.o.actions.list({ incidentId, limit: 500, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  private withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return this.track(next);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => this.pending.delete(p);
    p.then(done, done);
    return p;
  }
}

