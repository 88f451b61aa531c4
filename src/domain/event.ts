// Event: one normalized observation — telemetry, network, command, authentication or log —
// whatever channel it arrived on. Detection only ever sees Events.
import Type, { type Static } from 'typebox';
import { EpochMs, Id, Scalar } from './common.js';

/** Where an event entered cityguard. */
export const EventSource = Type.Union([
  Type.Literal('mqtt'),
  Type.Literal('syslog'),
  Type.Literal('http'),
  Type.Literal('pcap'),
  Type.Literal('modbus'),
  Type.Literal('twin'),
  Type.Literal('platform'),
]);
export type EventSource = Static<typeof EventSource>;

const base = {
  id: Type.String({ minLength: 1, description: 'unique id, assigned at ingest' }),
  ts: EpochMs,
  receivedTs: EpochMs,
  source: EventSource,
  assetId: Type.Optional(Id),
  district: Type.Optional(Id),
};

const Fields = Type.Record(Type.String(), Scalar);

/** Periodic readings of a device, keyed by metric name (validated per asset kind at ingest). */
export const TelemetryEvent = Type.Object(
  { ...base, type: Type.Literal('telemetry'), assetId: Id, seq: Type.Optional(Type.Integer({ minimum: 0 })), metrics: Fields },
  { additionalProperties: false },
);

/** A network flow or protocol message seen on the wire; `action` names the protocol operation. */
export const NetworkEvent = Type.Object(
  {
    ...base,
    type: Type.Literal('network'),
    srcIp: Type.String(),
    dstIp: Type.String(),
    srcPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    dstPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    transport: Type.Union([Type.Literal('tcp'), Type.Literal('udp'), Type.Literal('icmp'), Type.Literal('other')]),
    protocol: Type.Optional(Type.String({ description: 'application protocol: modbus, dnp3, iec104, mqtt, http, rdp, ...' })),
    action: Type.Optional(Type.String({ description: 'protocol operation, e.g. write_single_coil, operate, select' })),
    bytes: Type.Optional(Type.Integer({ minimum: 0 })),
    packets: Type.Optional(Type.Integer({ minimum: 0 })),
    attrs: Fields,
  },
  { additionalProperties: false },
);

/** A control command issued to a device: who sent it, from where, and what it asked. */
export const CommandEvent = Type.Object(
  {
    ...base,
    type: Type.Literal('command'),
    assetId: Id,
    command: Type.String({ minLength: 1, description: 'e.g. breaker.open, signal.set-phase, firmware.upload' }),
    args: Fields,
    actor: Type.Object(
      { user: Type.Optional(Type.String()), host: Type.Optional(Type.String()), ip: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    protocol: Type.Optional(Type.String()),
    result: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('rejected'), Type.Literal('error')])),
  },
  { additionalProperties: false },
);

/** A login attempt on a device, host or remote-access gateway. */
export const AuthEvent = Type.Object(
  {
    ...base,
    type: Type.Literal('auth'),
    user: Type.String(),
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
    method: Type.String({ description: 'vpn, ssh, rdp, web, telnet, console, mqtt, api, remote-desktop' }),
    srcIp: Type.Optional(Type.String()),
    mfa: Type.Optional(Type.Boolean()),
    attrs: Fields,
  },
  { additionalProperties: false },
);

/** A log line from a host or device, after parsing (syslog severity 0 = emergency … 7 = debug). */
export const LogEvent = Type.Object(
  {
    ...base,
    type: Type.Literal('log'),
    severity: Type.Integer({ minimum: 0, maximum: 7 }),
    host: Type.Optional(Type.String()),
    app: Type.Optional(Type.String()),
    message: Type.String(),
    attrs: Fields,
  },
  { additionalProperties: false },
);

export const Event = Type.Union([TelemetryEvent, NetworkEvent, CommandEvent, AuthEvent, LogEvent]);
export type TelemetryEvent = Static<typeof TelemetryEvent>;
export type NetworkEvent = Static<typeof NetworkEvent>;
export type CommandEvent = Static<typeof CommandEvent>;
export type AuthEvent = Static<typeof AuthEvent>;
export type LogEvent = Static<typeof LogEvent>;
export type Event = Static<typeof Event>;
export type EventType = Event['type'];
export const EVENT_TYPES: readonly EventType[] = ['telemetry', 'network', 'command', 'auth', 'log'];
