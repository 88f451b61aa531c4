// Turns a playbook step's target description into concrete targets: asset ids from the alert, its
// incident or the hosts that sent the commands; services those assets (or their sites) support;
// addresses and user accounts read from the alert's evidence facts; people by role; a ticket queue.
import { isIP } from 'node:net';
import type { Action, Asset, PlaybookStep, Scalar } from '../../domain/index.js';
import { fallbackModeFor, fallbackParticipants } from './fallback-modes.js';
import type { MatchContext } from './playbook-match.js';

/** One thing an action will act on. */
export interface ResolvedTarget {
  type: Action['target']['type'];
  id: string;
  /** Extra parameters the target implies (the user and device of an account, roles of a notice). */
  params: Record<string, Scalar>;
}

/** True for loopback, link-local and private (RFC 1918, RFC 6598, RFC 4193) addresses. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = ip.toLowerCase();
  return v6 === '::1' || /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
}

const factText = (m: MatchContext, name: string): string | undefined => {
  const v = m.alert.evidence.facts[name];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
};

/** Assets of the alert, its incident, or the hosts named by the alert's host and srcIp facts. */
function baseAssets(of: 'alert' | 'incident' | 'actor' | 'site', m: MatchContext): Asset[] {
  const { city, alert, incident } = m;
  if (of === 'site') {
    const sites = new Set(baseAssets('alert', m).map((a) => a.site).filter((s) => s !== undefined));
    return city.city.assets.filter((a) => a.site !== undefined && sites.has(a.site));
  }
  if (of === 'actor') {
    const named = ['host', 'srcIp'].map((f) => factText(m, f)).filter((v): v is string => v !== undefined);
    return named.map((n) => city.asset(n) ?? city.assetByAddress(n)).filter((a): a is Asset => a !== undefined);
  }
  const ids = of === 'alert' ? alert.assetIds : incident.assetIds;
  return ids.map((id) => city.asset(id)).filter((a): a is Asset => a !== undefined);
}

function assetTargets(step: PlaybookStep, m: MatchContext): ResolvedTarget[] {
  const t = step.target.assets!;
  const seen = new Set<string>();
  return baseAssets(t.of, m)
    .filter((a) => (!t.kinds || t.kinds.includes(a.kind)) && (!t.zones || t.zones.includes(a.zone)))
    .filter((a) => !t.withoutTags || !a.tags.some((tag) => t.withoutTags!.includes(tag)))
    .filter((a) => !seen.has(a.id) && seen.add(a.id))
    .map((a) => ({ type: 'asset' as const, id: a.id, params: {} }));
}

function serviceTargets(step: PlaybookStep, m: MatchContext): ResolvedTarget[] {
  const t = step.target.services!;
  const { city } = m;
  const assets = baseAssets(t.of, m);
  const direct = city.servicesAffectedBy(assets.map((a) => a.id)).filter((s) => s.via.length === 2);
  const mode = step.params['mode'];
  return direct
    .filter((s) => !t.kinds || t.kinds.includes(s.kind as never))
    .flatMap((s) => {
      const service = city.services.get(s.serviceId)!;
      const chosen = fallbackModeFor(service, typeof mode === 'string' ? mode : undefined);
      // A service none of whose devices takes part in the mode is left to its manual procedure.
      if (step.do === 'fallback-mode' && (!chosen || fallbackParticipants(city, s.serviceId, chosen).length === 0)) return [];
      const params: Record<string, Scalar> = chosen ? { mode: chosen } : {};
      return [{ type: 'service' as const, id: s.serviceId, params }];
    });
}

function addressTargets(step: PlaybookStep, m: MatchContext): ResolvedTarget[] {
  const t = step.target.address!;
  const ip = factText(m, t.fact);
  if (!ip || isIP(ip) === 0) return [];
  if (t.scope === 'external' && (isPrivateAddress(ip) || m.city.assetByAddress(ip))) return [];
  return [{ type: 'address', id: ip, params: {} }];
}

function accountTargets(step: PlaybookStep, m: MatchContext): ResolvedTarget[] {
  const t = step.target.account!;
  const raw = factText(m, t.fact);
  if (!raw) return [];
  const user = raw.includes('\\') ? raw.slice(raw.lastIndexOf('\\') + 1) : raw; // DOMAIN\user → user
  const kinds: readonly string[] = t.kinds;
  const on = t.on === 'city' ? m.city.city.assets : baseAssets('alert', m);
  return on.filter((a) => kinds.includes(a.kind)).map((a) => ({ type: 'account' as const, id: `${user}@${a.id}`, params: { user, on: a.id } }));
}

/** Every concrete target of a step for this alert and incident (possibly none). */
export function resolveTargets(step: PlaybookStep, m: MatchContext): ResolvedTarget[] {
  const t = step.target;
  if (t.assets) return assetTargets(step, m);
  if (t.services) return serviceTargets(step, m);
  if (t.address) return addressTargets(step, m);
  if (t.account) return accountTargets(step, m);
  if (t.people) return [{ type: 'people', id: t.people.roles.join('+'), params: { roles: t.people.roles.join(',') } }];
  if (t.queue) return [{ type: 'people', id: `queue:${t.queue}`, params: { queue: t.queue } }];
  return [];
}
