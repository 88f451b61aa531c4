// The twin's firewalls as an OpenC2 consumer (OpenC2 Language Specification v1.0 with the Stateless
// Packet Filtering profile, SLPF v1.0): `deny` an ipv4/ipv6 host address or connection adds a drop
// rule and answers its rule number; `delete slpf:rule_number` lifts it; `query features` describes
// what it supports. Takes a bare command or the HTTPS transfer envelope (OpenC2 HTTPS v1.1 §3.3.2)
// and answers in the same form, so a test can put it behind a real HTTP endpoint.
import type { TwinNetwork } from './twin-network.js';

/** An OpenC2 response (Language Spec §3.3.2): status code, text and results. */
export interface OpenC2Reply {
  status: number;
  status_text?: string;
  results?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const HOST_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/(32|128))?$/i;

/** Applies OpenC2 packet-filter commands to the twin's network. */
export class OpenC2Firewall {
  constructor(private readonly network: TwinNetwork) {}

  /** Handles one message (bare command or HTTPS envelope); never throws, bad input gets a 400. */
  handle(message: unknown): unknown {
    const request = isObject(message) && isObject(message['body']) && isObject(message['body']['openc2'])
      ? (message['body']['openc2'] as Json)['request']
      : message;
    const reply = this.command(request);
    if (request === message) return reply;
    const headers = isObject(message) && isObject(message['headers']) ? message['headers'] : {};
    return { headers: { request_id: headers['request_id'], from: 'twin-firewall', created: Date.now() }, body: { openc2: { response: reply } } };
  }

  private command(c: unknown): OpenC2Reply {
    if (!isObject(c) || typeof c['action'] !== 'string' || !isObject(c['target'])) return bad('a command needs action and target');
    const target = c['target'];
    switch (c['action']) {
      case 'query':
        return isObject(target) && Array.isArray(target['features'])
          ? { status: 200, results: { versions: ['1.0'], profiles: ['slpf'], pairs: { deny: ['ipv4_net', 'ipv6_net', 'ipv4_connection', 'ipv6_connection'], delete: ['slpf:rule_number'], query: ['features'] } } }
          : notImplemented('query supports features only');
      case 'deny':
        return this.deny(target);
      case 'delete': {
        const rule = target['slpf:rule_number'];
        if (typeof rule !== 'number') return notImplemented('delete supports slpf:rule_number only');
        return this.network.unblock(rule) ? { status: 200 } : { status: 404, status_text: `no rule ${rule}` };
      }
      default:
        return notImplemented(`action ${String(c['action'])} is not supported`);
    }
  }

  private deny(target: Json): OpenC2Reply {
    const addresses: string[] = [];
    for (const key of ['ipv4_net', 'ipv6_net'] as const) if (typeof target[key] === 'string') addresses.push(target[key]);
    for (const key of ['ipv4_connection', 'ipv6_connection'] as const) {
      const conn = target[key];
      if (!isObject(conn)) continue;
      for (const end of ['src_addr', 'dst_addr'] as const) if (typeof conn[end] === 'string') addresses.push(conn[end]);
    }
    if (addresses.length !== 1) return bad('deny needs exactly one host address (ipv4_net, ipv6_net or one end of a connection)');
    const address = addresses[0]!;
    if (!HOST_ADDRESS.test(address)) return notImplemented('only single host addresses can be denied');
    return { status: 200, results: { slpf: { rule_number: this.network.block(address.replace(/\/(32|128)$/, '')) } } };
  }
}

const bad = (text: string): OpenC2Reply => ({ status: 400, status_text: text });
const notImplemented = (text: string): OpenC2Reply => ({ status: 501, status_text: text });
