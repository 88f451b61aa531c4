// What each kind of device reports, and the MQTT topic layout it reports on.
// Ingest validates every telemetry message against its kind's schema; the twin produces exactly these.
import Type, { type Static, type TSchema } from 'typebox';
import type { AssetKind } from './asset.js';
import { EpochMs } from './common.js';

const num = (description: string, min?: number, max?: number) =>
  Type.Number({ description, ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) });
const flag = (description: string) => Type.Boolean({ description });
const oneOf = <const T extends string[]>(...values: T) => Type.Enum(values);

const it = { cpu_pct: Type.Optional(num('processor load', 0, 100)), online: Type.Optional(flag('host reachable')) };
/** A closed set of metrics: a device that starts sending unknown fields is quarantined, not half-read. */
const metrics = (props: Record<string, TSchema>) => Type.Object(props, { additionalProperties: false });
const lamp = oneOf('green', 'yellow', 'red', 'dark', 'flashing-yellow', 'flashing-red');

/** Metric schemas by asset kind. Optional fields may be absent in a message; extra fields are rejected. */
export const TELEMETRY_SCHEMAS: Readonly<Record<AssetKind, TSchema>> = {
  breaker: metrics({
    closed: flag('breaker contacts closed, feeder energised'),
    current_a: num('phase current, amperes', 0, 20000),
    voltage_kv: num('line voltage, kilovolts', 0, 800),
    load_mw: Type.Optional(num('feeder load, megawatts', 0, 2000)),
    mode: Type.Optional(oneOf('remote', 'local', 'manual')),
  }),
  rtu: metrics({ online: flag('RTU communicating'), points: Type.Optional(Type.Integer({ minimum: 0 })), cpu_pct: it.cpu_pct }),
  'serial-gateway': metrics({
    link_up: flag('serial link to field devices up'),
    ports_active: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
    firmware_hash: Type.Optional(Type.String({ minLength: 8, maxLength: 128 })),
  }),
  'protection-relay': metrics({ tripped: flag('relay tripped'), mode: oneOf('normal', 'test', 'firmware-update') }),
  ups: metrics({
    on_battery: flag('running on battery'),
    charge_pct: num('battery charge', 0, 100),
    shutdown_scheduled: Type.Optional(flag('a shutdown is scheduled')),
  }),
  'signal-controller': metrics({
    mode: oneOf('coordinated', 'fixed-time', 'flashing', 'dark', 'manual'),
    phase_ns: lamp,
    phase_ew: lamp,
    cycle_s: Type.Optional(num('cycle length, seconds', 0, 600)),
    conflict: Type.Optional(flag('malfunction management unit reports conflicting greens')),
  }),
  plc: metrics({ ...it, mode: oneOf('remote', 'local', 'stop'), program_hash: Type.Optional(Type.String()) }),
  tank: metrics({ level_m: num('water level, metres', -100, 100), inflow_lps: Type.Optional(num('net inflow, litres per second')) }),
  pump: metrics({ running: flag('motor running'), flow_lps: num('flow, litres per second', -10000, 10000), speed_pct: Type.Optional(num('drive speed', 0, 100)) }),
  valve: metrics({ open_pct: num('opening', 0, 100), flow_lps: Type.Optional(num('flow, litres per second', -10000, 10000)) }),
  'pressure-sensor': metrics({ pressure_bar: num('pressure, bar', -10, 1000) }),
  'dosing-pump': metrics({
    setpoint_ppm: num('chemical dose setpoint, parts per million', 0, 1_000_000),
    rate_lph: num('dosing rate, litres per hour', 0, 100_000),
    ph: Type.Optional(num('treated water pH', 0, 14)),
  }),
  siren: metrics({ active: flag('sounding'), battery_pct: Type.Optional(num('battery charge', 0, 100)) }),
  'dispatch-server': metrics({ ...it, calls_per_min: num('incoming emergency calls per minute', 0, 1_000_000), queue: Type.Optional(Type.Integer({ minimum: 0 })) }),
  'street-light': metrics({ on: flag('lamp lit'), power_w: num('power draw, watts', 0, 5000), dim_pct: Type.Optional(num('dimming level', 0, 100)) }),
  camera: metrics({
    recording: flag('streaming to the recorder'),
    bitrate_kbps: num('video bitrate', 0, 1_000_000),
    conns_out_per_min: Type.Optional(num('outbound connections per minute', 0, 1_000_000)),
  }),
  nvr: metrics({ recording: flag('recording'), disk_pct: num('disk used', 0, 100) }),
  workstation: metrics(it),
  hmi: metrics(it),
  'scada-server': metrics(it),
  'vpn-gateway': metrics({ ...it, sessions: Type.Optional(Type.Integer({ minimum: 0 })) }),
  'domain-controller': metrics(it),
  firewall: metrics({ ...it, dropped_per_min: Type.Optional(num('packets dropped per minute', 0)) }),
  server: metrics(it),
  historian: metrics(it),
};

/** Body of a message on a device's `telemetry` channel. */
export const TelemetryMessage = Type.Object(
  {
    ts: Type.Optional(EpochMs),
    seq: Type.Optional(Type.Integer({ minimum: 0 })),
    metrics: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean(), Type.String()])),
  },
  { additionalProperties: false },
);
export type TelemetryMessage = Static<typeof TelemetryMessage>;

/** Channels a device may publish on: `city/<district>/<kind>/<assetId>/<channel>`. */
export const DEVICE_CHANNELS = ['telemetry', 'events', 'status', 'cmd-ack'] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

/** The topic a device publishes a channel on. */
export function deviceTopic(district: string, kind: AssetKind, assetId: string, channel: DeviceChannel | 'cmd'): string {
  return `city/${district}/${kind}/${assetId}/${channel}`;
}

/** Splits a device topic; null when the topic is not in the layout. */
export function parseDeviceTopic(topic: string): { district: string; kind: string; assetId: string; channel: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'city') return null;
  const [, district, kind, assetId, channel] = parts as [string, string, string, string, string];
  if (!district || !kind || !assetId || !channel) return null;
  return { district, kind, assetId, channel };
}
