// What a device says besides telemetry — its `events`, `status` and `cmd-ack` channels — and the
// commands it accepts on `cmd`. Ingest maps an events body onto an Event by adding id, receivedTs,
// source, assetId and district from the topic; the twin publishes exactly these shapes.
import Type, { type Static } from 'typebox';
import type { AssetKind } from './asset.js';
import { EpochMs, Scalar } from './common.js';

const Fields = Type.Record(Type.String(), Scalar);

/** Who sent a command, as the device saw it: the account and the host it came from. */
export const CommandActor = Type.Object(
  {
    user: Type.Optional(Type.String()),
    host: Type.Optional(Type.String()),
    ip: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type CommandActor = Static<typeof CommandActor>;

/** Outcome of a command at the device. */
export const CommandResult = Type.Union([
  Type.Literal('ok'),
  Type.Literal('rejected'),
  Type.Literal('error'),
]);
export type CommandResult = Static<typeof CommandResult>;

/** Events body: a command the device executed or refused, and who sent it (maps to CommandEvent). */
export const DeviceCommandEventBody = Type.Object(
  {
    type: Type.Literal('command'),
    ts: Type.Optional(EpochMs),
    command: Type.String({ minLength: 1 }),
    args: Type.Optional(Fields),
    actor: CommandActor,
    protocol: Type.Optional(Type.String()),
    result: CommandResult,
    reason: Type.Optional(Type.String({ description: 'why the device refused or failed it' })),
  },
  { additionalProperties: false },
);

/** Events body: a login attempt on the device or host (maps to AuthEvent). */
export const DeviceAuthEventBody = Type.Object(
  {
    type: Type.Literal('auth'),
    ts: Type.Optional(EpochMs),
    user: Type.String(),
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
    method: Type.String({ description: 'vpn, ssh, rdp, web, telnet, console, remote-desktop, ...' }),
    srcIp: Type.Optional(Type.String()),
    mfa: Type.Optional(Type.Boolean()),
    attrs: Type.Optional(Fields),
  },
  { additionalProperties: false },
);

/** Events body: a log line the device or host wrote (maps to LogEvent; severity as syslog, 0 … 7). */
export const DeviceLogEventBody = Type.Object(
  {
    type: Type.Literal('log'),
    ts: Type.Optional(EpochMs),
    severity: Type.Integer({ minimum: 0, maximum: 7 }),
    host: Type.Optional(Type.String()),
    app: Type.Optional(Type.String()),
    message: Type.String(),
    attrs: Type.Optional(Fields),
  },
  { additionalProperties: false },
);

/** Events body: a connection the host's own agent saw it make or receive (maps to NetworkEvent). */
export const DeviceNetworkEventBody = Type.Object(
  {
    type: Type.Literal('network'),
    ts: Type.Optional(EpochMs),
    srcIp: Type.String(),
    dstIp: Type.String(),
    srcPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    dstPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    transport: Type.Union([
      Type.Literal('tcp'),
      Type.Literal('udp'),
      Type.Literal('icmp'),
      Type.Literal('other'),
    ]),
    protocol: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    bytes: Type.Optional(Type.Integer({ minimum: 0 })),
    packets: Type.Optional(Type.Integer({ minimum: 0 })),
    attrs: Type.Optional(Fields),
  },
  { additionalProperties: false },
);

/** Body of a message on a device's `events` channel; `type` says which Event it becomes. */
export const DeviceEventMessage = Type.Union([
  DeviceCommandEventBody,
  DeviceAuthEventBody,
  DeviceLogEventBody,
  DeviceNetworkEventBody,
]);
export type DeviceCommandEventBody = Static<typeof DeviceCommandEventBody>;
export type DeviceAuthEventBody = Static<typeof DeviceAuthEventBody>;
export type DeviceLogEventBody = Static<typeof DeviceLogEventBody>;
export type DeviceNetworkEventBody = Static<typeof DeviceNetworkEventBody>;
export type DeviceEventMessage = Static<typeof DeviceEventMessage>;

/** Body of a message on a device's `status` channel (also its MQTT last will, with online false). */
export const DeviceStatusMessage = Type.Object(
  {
    ts: Type.Optional(EpochMs),
    online: Type.Boolean(),
    reason: Type.Optional(Type.String()),
    firmware: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type DeviceStatusMessage = Static<typeof DeviceStatusMessage>;

/** Body of a message published to a device's `cmd` topic. */
export const DeviceCommandMessage = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'echoed in the ack' })),
    ts: Type.Optional(EpochMs),
    command: Type.String({ minLength: 1 }),
    args: Type.Optional(Fields),
    actor: Type.Optional(CommandActor),
  },
  { additionalProperties: false },
);
export type DeviceCommandMessage = Static<typeof DeviceCommandMessage>;

/** Body of a device's `cmd-ack`: the answer to one command. */
export const DeviceCommandAck = Type.Object(
  {
    ts: Type.Optional(EpochMs),
    id: Type.Optional(Type.String()),
    command: Type.String(),
    result: CommandResult,
    reason: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type DeviceCommandAck = Static<typeof DeviceCommandAck>;

const HOSTS: AssetKind[] = ['workstation', 'hmi', 'scada-server', 'server', 'historian', 'domain-controller'];
const FIELD_SAFE: AssetKind[] = [
  'breaker',
  'signal-controller',
  'plc',
  'pump',
  'valve',
  'dosing-pump',
  'siren',
  'street-light',
  'ups',
  'serial-gateway',
  'rtu',
];

/** A command devices understand: which kinds accept it and what its arguments mean. */
export interface DeviceCommandSpec {
  kinds: readonly AssetKind[] | 'any';
  args: string;
  description: string;
}

/** Every command name a device obeys. Other names, or a name sent to the wrong kind, are rejected. */
export const DEVICE_COMMANDS: Readonly<Record<string, DeviceCommandSpec>> = {
  'breaker.open': {
    kinds: ['breaker'],
    args: '',
    description: 'open the breaker: the feeder and everything it powers lose power',
  },
  'breaker.close': {
    kinds: ['breaker'],
    args: '',
    description: 'close the breaker and re-energise the feeder',
  },
  'signal.set-mode': {
    kinds: ['signal-controller'],
    args: 'mode: coordinated | fixed-time | flashing',
    description: 'change the controller plan',
  },
  'signal.set-plan': {
    kinds: ['signal-controller'],
    args: 'cycleS?, splitNs?, offsetS?',
    description: 'upload a new timing plan: cycle length, north–south split, coordination offset',
  },
  'signal.set-phase': {
    kinds: ['signal-controller'],
    args: 'ns, ew: lamp colour',
    description: 'force lamps (manual); the conflict monitor flashes red on conflicting greens',
  },
  'pump.start': {
    kinds: ['pump', 'dosing-pump'],
    args: '',
    description: 'run the pump (held until pump.auto or a PLC command)',
  },
  'pump.stop': {
    kinds: ['pump', 'dosing-pump'],
    args: '',
    description: 'stop the pump (held until pump.auto)',
  },
  'pump.auto': { kinds: ['pump'], args: '', description: 'hand the pump back to its PLC' },
  'pump.set-speed': { kinds: ['pump'], args: 'pct: 0..100', description: 'set the drive speed' },
  'valve.set': { kinds: ['valve'], args: 'openPct: 0..100', description: 'move the valve' },
  'plc.set-mode': {
    kinds: ['plc'],
    args: 'mode: remote | local | stop',
    description: 'stop halts level control; local ignores remote setpoints',
  },
  'plc.set-levels': {
    kinds: ['plc'],
    args: 'startLevelM, stopLevelM',
    description: 'level band the PLC keeps its tank in',
  },
  'dosing.set-setpoint': { kinds: ['dosing-pump'], args: 'ppm', description: 'chemical dose setpoint' },
  'siren.on': {
    kinds: ['siren'],
    args: 'durationS?, ticket?',
    description: 'sound the siren (a dispatch ticket number when ordered by 112)',
  },
  'siren.off': { kinds: ['siren'], args: '', description: 'silence the siren' },
  'light.set': {
    kinds: ['street-light'],
    args: 'on?, dimPct?',
    description: 'override the lighting schedule',
  },
  'light.auto': { kinds: ['street-light'], args: '', description: 'back to the dusk-to-dawn schedule' },
  'ups.schedule-shutdown': {
    kinds: ['ups'],
    args: 'delayS',
    description: 'cut the UPS output after the delay',
  },
  'ups.cancel-shutdown': { kinds: ['ups'], args: '', description: 'cancel a scheduled shutdown' },
  'host.isolate': {
    kinds: HOSTS,
    args: 'on',
    description: 'cut the host off the network except from cityguard',
  },
  'account.disable': {
    kinds: ['vpn-gateway', 'domain-controller'],
    args: 'user',
    description: 'refuse further logins by the user',
  },
  'account.enable': {
    kinds: ['vpn-gateway', 'domain-controller'],
    args: 'user',
    description: 'allow logins by a disabled user again',
  },
  'device.safe-mode': {
    kinds: FIELD_SAFE,
    args: 'on, mode? (signal-controller: fixed-time | flashing)',
    description: 'fall back to the kind’s safe local behaviour and refuse remote control',
  },
  'device.reboot': { kinds: 'any', args: '', description: 'restart: silent for a short while, then back' },
  'firmware.upload': { kinds: 'any', args: 'version, hash, signed', description: 'install a firmware image' },
};

/** True when a device of `kind` accepts `command`. */
export function acceptsCommand(kind: AssetKind, command: string): boolean {
  if (!Object.hasOwn(DEVICE_COMMANDS, command)) return false;
  const spec = DEVICE_COMMANDS[command]!;
  return spec.kinds === 'any' || spec.kinds.includes(kind);
}
