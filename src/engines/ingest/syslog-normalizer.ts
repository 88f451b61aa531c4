// Syslog message → Event: a recognised login (auth-line-patterns.ts) becomes an AuthEvent, anything
// else a LogEvent. The sender is mapped to an asset by the hostname in the message, else by the peer
// address; lines from hosts the city does not list are kept without an asset id.
import type { Event, QuarantineReason } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { recogniseLogin } from './auth-line-patterns.js';
import type { DeviceRegistry } from './device-registry.js';
import type { EventIdGenerator } from './event-ids.js';
import { parseSyslog } from './syslog-parse.js';

/** Timestamps further ahead than this are not trusted (RFC 3164 has no year): received time is used. */
const MAX_FUTURE_MS = 24 * 3_600_000;

/** The outcome of normalizing one syslog message. */
export type SyslogResult = { ok: true; event: Event } | { ok: false; reason: QuarantineReason; detail: string };

/** Turns syslog messages into Events. */
export class SyslogNormalizer {
  constructor(
    private readonly registry: DeviceRegistry,
    private readonly clock: Clock,
    private readonly ids: EventIdGenerator,
  ) {}

  normalize(line: string, peerAddress: string): SyslogResult {
    const record = parseSyslog(line);
    if (!record) return { ok: false, reason: 'malformed', detail: 'not syslog: the line does not start with a priority such as <34>' };
    const now = this.clock.now();
    const ts = record.ts !== undefined && record.ts <= now + MAX_FUTURE_MS ? record.ts : now;
    const peer = peerAddress.replace(/^::ffff:/, '');
    const asset = (record.host ? this.registry.assetByAddress(record.host) : undefined) ?? this.registry.assetByAddress(peer);
    const attrs: Record<string, string | number> = { format: record.format, facility: record.facility, peer };
    if (record.procId) attrs['procId'] = record.procId;
    if (record.msgId) attrs['msgId'] = record.msgId;
    for (const [id, params] of Object.entries(record.structuredData)) {
      for (const [k, v] of Object.entries(params)) attrs[`sd.${id}.${k}`] = v;
    }
    const base = {
      id: this.ids.next(),
      ts,
      receivedTs: now,
      source: 'syslog' as const,
      ...(asset ? { assetId: asset.id, district: asset.district } : {}),
    };
    const login = recogniseLogin(record.message);
    if (login) {
      if (record.host) attrs['host'] = record.host;
      if (record.app) attrs['app'] = record.app;
      attrs['message'] = record.message.slice(0, 500);
      return { ok: true, event: { ...base, type: 'auth', ...login, attrs } };
    }
    return {
      ok: true,
      event: {
        ...base,
        type: 'log',
        severity: record.severity,
        ...(record.host ? { host: record.host } : {}),
        ...(record.app ? { app: record.app } : {}),
        message: record.message,
        attrs,
      },
    };
  }
}
