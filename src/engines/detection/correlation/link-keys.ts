// What an alert is about, as keys two alerts can share: its assets, their sites, the services
// those assets directly support, and the people and addresses its evidence names (including the
// primary user of an affected host, so credentials stolen on a PC link to their later use, and
// any fact ending in ip or host, such as the address a VPN gave a session).
import type { Alert, CityModel } from '../../../domain/index.js';

/** Kinds of shared entity that link an alert to an incident. */
export const LINK_KINDS = ['asset', 'site', 'service', 'user', 'address'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Accounts that many people or machines use; they say nothing about who is behind an alert. */
const GENERIC_USERS = new Set(['admin', 'administrator', 'root', 'system', 'guest', 'user', 'default', 'service']);

/** The link keys of an alert (`asset:br-1`, `site:ss-north`, `service:power-north`, `user:jdoe`, `address:10.0.0.5`). */
export function linkKeys(alert: Alert, city: CityModel | undefined, kinds: ReadonlySet<LinkKind>): string[] {
  const keys = new Set<string>();
  const add = (kind: LinkKind, value: unknown) => {
    if (kinds.has(kind) && typeof value === 'string' && value !== '') keys.add(`${kind}:${value}`);
  };
  for (const id of alert.assetIds) {
    add('asset', id);
    const asset = city?.asset(id);
    if (!asset) continue;
    add('site', asset.site);
    add('address', asset.network.ip);
    const owner = asset.params['user'];
    if (typeof owner === 'string') add('user', owner.toLowerCase());
  }
  if (city && kinds.has('service')) {
    for (const s of city.servicesAffectedBy(alert.assetIds)) if (s.via.length === 2) add('service', s.serviceId);
  }
  const facts = alert.evidence.facts;
  for (const field of ['user']) {
    const v = facts[field];
    if (typeof v === 'string' && !GENERIC_USERS.has(v.toLowerCase())) add('user', v.toLowerCase());
  }
  // Any recorded address links: srcIp, dstIp, host, attrs.assigned_ip (the VPN address of a session), …
  for (const [field, value] of Object.entries(facts)) if (/(ip|host)$/i.test(field)) add('address', value);
  return [...keys].sort();
}
