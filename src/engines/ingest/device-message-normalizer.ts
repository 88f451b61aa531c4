// Device message → Event. The topic names the device and channel (`city/<district>/<kind>/<id>/<channel>`,
// src/domain/telemetry.ts); the body is JSON checked against the channel's schema and, for telemetry,
// against the device kind's metric schema. Mapping per channel:
//   telemetry → TelemetryEvent · events → Command/Auth/Log/NetworkEvent by `type` ·
//   status → LogEvent (app `mqtt-status`, attrs.online) · cmd-ack → LogEvent (app `cmd-ack`).
// Acks become log events, not command events: the device already reports the command itself on `events`.
// With end-to-end encryption (`DeviceEnvelopes`), a sealed body is opened first and must name the
// topic's device and channel; plaintext from an enrolled device is refused, except its last will.
import type {
  Asset,
  DeviceCommandAck,
  DeviceEventMessage,
  DeviceStatusMessage,
  Event,
  EventSource,
  QuarantineReason,
  TelemetryMessage,
} from '../../domain/index.js';
import { parseDeviceTopic } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { looksSealed, unframeDeviceMessage } from '../device-security/index.js';
import type { DeviceEnvelopes, SealedRefusalReason } from './device-envelopes.js';
import type { DeviceRegistry } from './device-registry.js';
import type { EventIdGenerator } from './event-ids.js';
import { deviceMessageChecks, type DeviceMessageChecks } from './schema-validators.js';

/** A command acknowledgement, with the device it came from. */
export type ReceivedAck = DeviceCommandAck & { assetId: string };

/** The outcome of normalizing one message. `skip` is traffic that is not a device report (commands). */
export type NormalizeResult =
  | { ok: true; event: Event; ack?: ReceivedAck }
  | { ok: false; reason: QuarantineReason; detail: string }
  | { ok: 'skip' };

const fail = (reason: QuarantineReason, detail: string): NormalizeResult => ({ ok: false, reason, detail });

/** TelemetryMessage's envelope: only `ts` (epoch ms ≥ 0), `seq` (integer ≥ 0) and a `metrics` object. */
function isTelemetryEnvelope(body: unknown): body is TelemetryMessage {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  let fields = 0;
  if ('ts' in b) {
    if (typeof b['ts'] !== 'number' || !(b['ts'] >= 0)) return false;
    fields++;
  }
  if ('seq' in b) {
    if (!Number.isInteger(b['seq']) || (b['seq'] as number) < 0) return false;
    fields++;
  }
  const m = b['metrics'];
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  return Object.keys(b).length === fields + 1;
}

/** The broker's last will (`{"online":false,...}`): set at connect time, so it cannot be sealed fresh. */
function isLastWill(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown> | null;
    return typeof body === 'object' && body !== null && body['online'] === false;
  } catch {
    return false;
  }
}

/** Turns device messages into Events, checking topic, device and body. */
export class DeviceMessageNormalizer {
  private readonly checks: DeviceMessageChecks = deviceMessageChecks();

  constructor(
    private readonly registry: DeviceRegistry,
    private readonly clock: Clock,
    private readonly ids: EventIdGenerator,
    private readonly envelopes?: DeviceEnvelopes,
  ) {}

  normalize(topic: string, payload: Buffer | string, source: EventSource = 'mqtt'): NormalizeResult {
    const parts = parseDeviceTopic(topic);
    if (!parts) return fail('bad-topic', `topic "${topic}" is not city/<district>/<kind>/<assetId>/<channel>`);
    if (parts.channel === 'cmd') return { ok: 'skip' };
    const asset = this.registry.asset(parts.assetId);
    if (!asset) return fail('unknown-device', `no asset "${parts.assetId}" in the city model`);
    if (asset.kind !== parts.kind || asset.district !== parts.district) {
      return fail('bad-topic', `asset ${asset.id} is a ${asset.kind} in ${asset.district}, but the topic says ${parts.kind} in ${parts.district}`);
    }
    let text: string;
    if (this.envelopes) {
      const unsealed = this.unseal(this.envelopes, asset, parts.channel, payload);
      if (typeof unsealed !== 'string') return unsealed;
      text = unsealed;
    } else text = typeof payload === 'string' ? payload : payload.toString('utf8');
    if (parts.channel === 'status' && (text === 'online' || text === 'offline')) {
      return this.status(asset, { online: text === 'online' }, source);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return fail('malformed', `not JSON: ${(error as Error).message}`);
    }
    switch (parts.channel) {
      case 'telemetry':
        return this.telemetry(asset, body, source);
      case 'events':
        return this.checks.events.check(body) ? this.deviceEvent(asset, body as DeviceEventMessage, source) : fail('schema', this.checks.events.describe(body));
      case 'status':
        return this.checks.status.check(body) ? this.status(asset, body as DeviceStatusMessage, source) : fail('schema', this.checks.status.describe(body));
      case 'cmd-ack':
        return this.checks.ack.check(body) ? this.ack(asset, body as DeviceCommandAck, source) : fail('schema', this.checks.ack.describe(body));
      default:
        return fail('bad-topic', `unknown channel "${parts.channel}"`);
    }
  }

  /** The body of a sealed message (opened and checked), of allowed plaintext, or the refusal. */
  private unseal(envelopes: DeviceEnvelopes, asset: Asset, channel: string, payload: Buffer | string): string | NormalizeResult {
    if (typeof payload !== 'string' && looksSealed(payload)) {
      const opened = envelopes.open(payload);
      if (!opened.ok) return this.refuse(envelopes, asset, channel, opened.reason, opened.quarantineReason, opened.detail, opened.deviceId);
      if (opened.deviceId !== asset.id) {
        return this.refuse(envelopes, asset, channel, 'device-mismatch', 'forged', `sealed by ${opened.deviceId} but published on the topic of ${asset.id}`, opened.deviceId);
      }
      const framed = unframeDeviceMessage(opened.payload);
      if (!framed || framed.channel !== channel) {
        return this.refuse(envelopes, asset, channel, 'channel-mismatch', 'forged', `sealed for channel "${framed?.channel ?? '?'}" but published on "${channel}"`, opened.deviceId);
      }
      return framed.body.toString('utf8');
    }
    const text = typeof payload === 'string' ? payload : payload.toString('utf8');
    if (envelopes.sealedOnly(asset.id) && !(channel === 'status' && isLastWill(text))) {
      return this.refuse(envelopes, asset, channel, 'plaintext', 'forged', `plaintext on ${channel} from ${asset.id}, which is enrolled for end-to-end encryption`);
    }
    return text;
  }

  private refuse(
    envelopes: DeviceEnvelopes,
    asset: Asset,
    channel: string,
    reason: SealedRefusalReason,
    quarantineReason: QuarantineReason,
    detail: string,
    claimedDeviceId?: string,
  ): NormalizeResult {
    envelopes.refused({ assetId: asset.id, channel, reason, quarantineReason, detail, ...(claimedDeviceId !== undefined ? { claimedDeviceId } : {}) });
    return fail(quarantineReason, `${reason}: ${detail}`);
  }

  private telemetry(asset: Asset, body: unknown, source: EventSource): NormalizeResult {
    // The hand-written envelope check costs a sixth of the compiled TelemetryMessage check (whose
    // `metrics` record tests every key against a pattern); the kind's closed metric schema then
    // checks every value. The compiled check only words the problem when the fast one fails.
    if (!isTelemetryEnvelope(body)) return fail('schema', this.checks.telemetry.describe(body) || 'not a telemetry message');
    const msg = body;
    const metricsCheck = this.checks.metrics.get(asset.kind)!;
    if (!metricsCheck.check(msg.metrics)) return fail('schema', `metrics of a ${asset.kind}: ${metricsCheck.describe(msg.metrics)}`);
    const now = this.clock.now();
    const event: Event = {
      id: this.ids.next(),
      ts: msg.ts ?? now,
      receivedTs: now,
      source,
      type: 'telemetry',
      assetId: asset.id,
      district: asset.district,
      metrics: msg.metrics,
    };
    if (msg.seq !== undefined) event.seq = msg.seq;
    return { ok: true, event };
  }

  private deviceEvent(asset: Asset, body: DeviceEventMessage, source: EventSource): NormalizeResult {
    const now = this.clock.now();
    const base = { id: this.ids.next(), ts: body.ts ?? now, receivedTs: now, source, assetId: asset.id, district: asset.district };
    switch (body.type) {
      case 'command': {
        const { type: _t, ts: _ts, reason, args, ...rest } = body;
        return { ok: true, event: { ...base, ...rest, type: 'command', args: { ...args, ...(reason !== undefined ? { reason } : {}) } } };
      }
      case 'auth':
      case 'log':
      case 'network': {
        const { ts: _ts, attrs, ...rest } = body;
        return { ok: true, event: { ...base, ...rest, attrs: attrs ?? {} } as Event };
      }
    }
  }

  private status(asset: Asset, body: DeviceStatusMessage, source: EventSource): NormalizeResult {
    const now = this.clock.now();
    const attrs: Record<string, string | boolean> = { online: body.online };
    if (body.reason !== undefined) attrs['reason'] = body.reason;
    if (body.firmware !== undefined) attrs['firmware'] = body.firmware;
    const event: Event = {
      id: this.ids.next(),
      ts: body.ts ?? now,
      receivedTs: now,
      source,
      type: 'log',
      assetId: asset.id,
      district: asset.district,
      severity: body.online ? 6 : 4,
      app: 'mqtt-status',
      message: `${asset.id} is ${body.online ? 'online' : 'offline'}${body.reason ? `: ${body.reason}` : ''}`,
      attrs,
    };
    return { ok: true, event };
  }

  private ack(asset: Asset, body: DeviceCommandAck, source: EventSource): NormalizeResult {
    const now = this.clock.now();
    const attrs: Record<string, string> = { command: body.command, result: body.result };
    if (body.id !== undefined) attrs['commandId'] = body.id;
    if (body.reason !== undefined) attrs['reason'] = body.reason;
    const event: Event = {
      id: this.ids.next(),
      ts: body.ts ?? now,
      receivedTs: now,
      source,
      type: 'log',
      assetId: asset.id,
      district: asset.district,
      severity: body.result === 'ok' ? 6 : 4,
      app: 'cmd-ack',
      message: `${asset.id} answered ${body.command}: ${body.result}${body.reason ? ` (${body.reason})` : ''}`,
      attrs,
    };
    return { ok: true, event, ack: { ...body, assetId: asset.id } };
  }
}
