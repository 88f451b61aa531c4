// What an attack touched and who it acted as — the assets its steps acted on or reached, the
// addresses, hosts and users it worked from — and whether an alert belongs to it. Detection is
// measured only on alerts that belong: on a weekday the city's ordinary staff log in to the same
// VPN gateway the attacker uses, and an alert about them is not the attack being noticed.
import type { Alert, Asset, CityModel, ScenarioAction } from '../../../domain/index.js';

/** Who and what one step involved. */
export interface StepFootprint {
  /** Assets the step acted on, and those a network step connected to. */
  assets: string[];
  /** Addresses it acted from, and those of the assets it acted on. */
  addresses: string[];
  /** Host names it acted from, and those of the assets it acted on. */
  hosts: string[];
  /** Accounts it acted as. */
  users: string[];
}

/** The footprint of one fired step: its action's own fields plus what its targets (and `to` assets) are called on the network. */
export function stepFootprint(action: ScenarioAction, targets: readonly Asset[], city: CityModel): StepFootprint {
  // Destinations are assets the attack reached, not names it acted as: a swept office PC's own
  // alerts are not the attacker's unless they name the attacker.
  const reached = action.do === 'network' && action.to ? city.select(action.to) : [];
  const fp: StepFootprint = {
    assets: [...targets, ...reached].map((a) => a.id),
    addresses: targets.flatMap((a) => (a.network.ip ? [a.network.ip] : [])),
    hosts: targets.flatMap((a) => (a.network.hostname ? [a.network.hostname] : [])),
    users: [],
  };
  const add = (list: string[], v: string | undefined) => void (v ? list.push(v) : undefined);
  switch (action.do) {
    case 'login':
      add(fp.users, action.user);
      add(fp.addresses, action.srcIp);
      add(fp.addresses, typeof action.attrs?.['assigned_ip'] === 'string' ? action.attrs['assigned_ip'] : undefined);
      break;
    case 'remote-session':
      add(fp.users, action.user);
      add(fp.addresses, action.fromIp);
      break;
    case 'network':
      add(fp.addresses, action.srcIp);
      break;
    case 'command':
    case 'firmware-upload':
    case 'stop-services':
    case 'encrypt-files':
      add(fp.users, action.actor?.user);
      add(fp.hosts, action.actor?.host);
      add(fp.addresses, action.actor?.ip);
      break;
    default:
      break; // connections, floods, log lines, spoofing and wipers act from or on their targets only
  }
  return fp;
}

/** Everything an attack's steps touched, merged; `belongs` judges an alert against it. */
export class ScenarioFootprint {
  private readonly assets = new Set<string>();
  private readonly names = new Set<string>();

  constructor(steps: Iterable<StepFootprint>) {
    for (const s of steps) {
      for (const a of s.assets) this.assets.add(a);
      for (const n of [...s.addresses, ...s.hosts]) this.names.add(n.toLowerCase());
      for (const u of s.users) this.names.add(account(u));
    }
  }

  /**
   * True when the alert is about this attack: one of the accounts, addresses or hosts in its
   * evidence is one the attack acted as or on; or, when its evidence names no account or source
   * address (telemetry, a flood, a host's own log), it names an asset the attack touched. An alert
   * naming someone else's account or address is someone else's, even on the attacked gateway.
   */
  belongs(alert: Alert): boolean {
    const facts = alert.evidence?.facts ?? {};
    const text = (k: string) => (typeof facts[k] === 'string' && facts[k] !== '' ? (facts[k] as string) : undefined);
    const user = text('user');
    const srcIp = text('srcIp');
    const host = text('host');
    if (user !== undefined && this.names.has(account(user))) return true;
    if (srcIp !== undefined && this.names.has(srcIp.toLowerCase())) return true;
    if (host !== undefined && this.names.has(host.toLowerCase()) && user === undefined && srcIp === undefined) return true;
    if (user !== undefined || srcIp !== undefined) return false;
    return alert.assetIds.some((id) => this.assets.has(id));
  }
}

/** An account name without its domain ("RIVENAU\\p.lindner", "p.lindner@rivenau" → "p.lindner"), lower case. */
function account(user: string): string {
  const bare = user.includes('\\') ? user.slice(user.lastIndexOf('\\') + 1) : user;
  return (bare.includes('@') ? bare.slice(0, bare.indexOf('@')) : bare).toLowerCase();
}
