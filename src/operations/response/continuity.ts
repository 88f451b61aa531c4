// Continuity: what an incident puts at risk and what each containment action would cost the city,
// in people and services, from the dependency graph and each service's fallback capacity. Taking a
// share of a service's assets out of normal operation loses that share of its people, less what the
// fallback still serves; services that depend on it lose in turn, less their own fallbacks.
import {
  acceptsCommand,
  type ActionCost,
  type ActionKind,
  type Alert,
  type AffectedService,
  type CityModel,
  type Incident,
  type Scalar,
} from '../../domain/index.js';
import { fallbackModeFor } from './fallback-modes.js';
import { isPrivateAddress } from './step-targets.js';

/** One service an action or attack takes (partly) out of normal operation. */
export interface ServiceLoss {
  serviceId: string;
  name: string;
  /** Share of the service's people who lose it, after fallbacks, 0 … 1. */
  loss: number;
  people: number;
  /** Dependency path from where the loss starts to this service. */
  via: string[];
}

/** An action's cost before anyone approves it. */
export interface ActionAssessment {
  cost: ActionCost;
  /** True when any public service leaves normal operation (even if its fallback serves everyone). */
  interrupts: boolean;
  losses: ServiceLoss[];
}

/** A containment action one could take for an incident, with its cost. */
export interface ContainmentOption {
  kind: ActionKind;
  target: { type: 'asset' | 'address' | 'account' | 'service'; id: string };
  params: Record<string, Scalar>;
  assessment: ActionAssessment;
}

/** What an incident puts at risk: everyone the affected services serve, and who would still lose service with every fallback running. */
export interface BlastRadius {
  people: number;
  peopleWithFallbacks: number;
  services: Array<AffectedService & { fallback?: { mode: string; capacityPct: number } }>;
}

const ACTION_ORDER: readonly ActionKind[] = ['block-address', 'disable-account', 'rotate-credentials', 'safe-mode', 'isolate-device', 'fallback-mode'];

/** Blast radius and action costs over one city. */
export class ContinuityModel {
  private readonly weights = new Map<string, Map<string, number>>();

  constructor(readonly city: CityModel) {
    for (const s of city.services.values()) {
      const members = new Map<string, number>();
      for (const a of city.assetsOfService(s.id)) {
        const mw = a.params['peakMw'];
        members.set(a.id, a.kind === 'breaker' ? Math.max(0.1, typeof mw === 'number' ? mw : 1) : 1);
      }
      this.weights.set(s.id, members);
    }
  }

  /** Everything the incident's assets support, with and without fallbacks. */
  blastRadius(assetIds: readonly string[]): BlastRadius {
    const affected = this.city.servicesAffectedBy(assetIds);
    const pop = this.city.city.city.population;
    const services: BlastRadius['services'] = affected.map((a) => {
      const fb = this.city.services.get(a.serviceId)?.fallback;
      return fb ? { ...a, fallback: { mode: fb.mode, capacityPct: fb.capacityPct } } : a;
    });
    const withFallbacks = services.reduce((n, s) => n + s.peopleServed * (1 - (s.fallback?.capacityPct ?? 0) / 100), 0);
    return { people: Math.min(pop, this.city.peopleServed(affected)), peopleWithFallbacks: Math.min(pop, Math.round(withFallbacks)), services };
  }

  /** What carrying out `kind` on `target` would cost. */
  assess(kind: ActionKind, target: { type: string; id: string }, params: Readonly<Record<string, Scalar>> = {}): ActionAssessment {
    const direct = new Map<string, number>();
    if (kind === 'isolate-device' || kind === 'safe-mode') this.assetShares([target.id], direct);
    else if (kind === 'block-address') {
      const asset = this.city.assetByAddress(target.id);
      if (asset) this.assetShares([asset.id], direct);
    } else if (kind === 'fallback-mode') {
      const s = this.city.services.get(target.id);
      if (s) direct.set(s.id, 1);
    }
    return this.toAssessment(kind, target.id, direct, params);
  }

  /** Candidate containment actions for an incident, cheapest first (people lost, then non-interrupting first). */
  options(incident: Incident, alerts: readonly Alert[]): ContainmentOption[] {
    const out: ContainmentOption[] = [];
    const add = (kind: ActionKind, target: ContainmentOption['target'], params: Record<string, Scalar> = {}) =>
      out.push({ kind, target, params, assessment: this.assess(kind, target, params) });
    for (const id of incident.assetIds) {
      const asset = this.city.asset(id);
      if (!asset) continue;
      add('isolate-device', { type: 'asset', id });
      if (acceptsCommand(asset.kind, 'device.safe-mode')) add('safe-mode', { type: 'asset', id });
    }
    for (const s of this.city.servicesAffectedBy(incident.assetIds).filter((a) => a.via.length === 2)) {
      const service = this.city.services.get(s.serviceId);
      const mode = service && fallbackModeFor(service);
      if (mode) add('fallback-mode', { type: 'service', id: s.serviceId }, { mode });
    }
    const seen = new Set<string>();
    for (const a of alerts) {
      for (const f of ['srcIp', 'dstIp']) {
        const ip = a.evidence.facts[f];
        if (typeof ip !== 'string' || seen.has(ip) || isPrivateAddress(ip) || this.city.assetByAddress(ip)) continue;
        seen.add(ip);
        add('block-address', { type: 'address', id: ip });
      }
      const user = a.evidence.facts['user'];
      const gateway = a.assetIds.map((id) => this.city.asset(id)).find((x) => x?.kind === 'vpn-gateway');
      if (typeof user === 'string' && gateway && !seen.has(`${user}@${gateway.id}`)) {
        seen.add(`${user}@${gateway.id}`);
        add('disable-account', { type: 'account', id: `${user}@${gateway.id}` }, { user, on: gateway.id });
      }
    }
    return out.sort(
      (x, y) =>
        x.assessment.cost.people - y.assessment.cost.people ||
        Number(x.assessment.interrupts) - Number(y.assessment.interrupts) ||
        ACTION_ORDER.indexOf(x.kind) - ACTION_ORDER.indexOf(y.kind),
    );
  }

  /** Share of each service's (weighted) assets among `assetIds`. */
  private assetShares(assetIds: readonly string[], into: Map<string, number>): void {
    for (const [serviceId, members] of this.weights) {
      let total = 0;
      let hit = 0;
      for (const [id, w] of members) {
        total += w;
        if (assetIds.includes(id)) hit += w;
      }
      if (hit > 0) into.set(serviceId, hit / total);
    }
  }

  private capacity(serviceId: string, mode?: Scalar): number {
    const c = (this.city.services.get(serviceId)?.fallback?.capacityPct ?? 0) / 100;
    return mode === 'flashing' ? c / 2 : c;
  }

  private toAssessment(kind: ActionKind, targetId: string, direct: Map<string, number>, params: Readonly<Record<string, Scalar>>): ActionAssessment {
    const loss = new Map<string, ServiceLoss>();
    const note = (serviceId: string, value: number, via: string[]) => {
      const s = this.city.services.get(serviceId);
      const prev = loss.get(serviceId);
      if (!s || (prev && prev.loss >= value)) return;
      loss.set(serviceId, { serviceId, name: s.name, loss: value, people: Math.round(s.peopleServed * value), via });
    };
    for (const [serviceId, share] of direct) {
      const first = share * (1 - this.capacity(serviceId, kind === 'fallback-mode' ? params['mode'] : undefined));
      note(serviceId, first, [targetId, serviceId]);
      for (const dep of this.city.servicesDependingOn([serviceId])) {
        const onPath = dep.via.slice(1).reduce((v, id) => v * (1 - this.capacity(id)), first);
        note(dep.serviceId, onPath, [targetId, ...dep.via]);
      }
    }
    const losses = [...loss.values()].sort((a, b) => b.people - a.people);
    const people = Math.min(this.city.city.city.population, losses.reduce((n, l) => n + l.people, 0));
    const interrupts = direct.size > 0;
    const named = losses.filter((l) => l.people > 0).slice(0, 4).map((l) => `${l.name} (${l.people.toLocaleString('en')})`);
    const description = !interrupts
      ? 'No public service leaves normal operation.'
      : `Takes ${[...direct.keys()].join(', ')} out of normal operation; ${people.toLocaleString('en')} people lose service even with fallbacks running${named.length > 0 ? `: ${named.join(', ')}` : ''}.`;
    return { cost: { people, services: losses.map((l) => l.serviceId), description }, interrupts, losses };
  }
}
