// An attack scenario the city twin can play: the real incident it models and timed steps the twin
// performs — logins, remote sessions, commands, firmware uploads, floods, log lines, spoofing,
// service stops and ransomware — and, optionally, what detection is expected to make of it.
// Users write scenarios as YAML (content/scenarios); this schema is what the loader validates.
import Type, { type Static } from 'typebox';
import { AssetSelector } from './asset.js';
import { IcsTactic, TechniqueId } from './attack.js';
import { Id, Scalar, Severity } from './common.js';
import { CommandActor } from './device-messages.js';

const Fields = Type.Record(Type.String(), Scalar);
const seconds = (description: string, dflt?: number) =>
  Type.Number({ minimum: 0, description, ...(dflt !== undefined ? { default: dflt } : {}) });
const repeat = {
  count: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 1,
    description: 'how many times, per target',
  }),
  everyS: Type.Number({ exclusiveMinimum: 0, default: 60, description: 'spacing of repeats, seconds' }),
};
const on = AssetSelector;

/** A login on the selected hosts or gateways (an auth event); VPN logins open a session. */
export const LoginAction = Type.Object(
  {
    do: Type.Literal('login'),
    on,
    user: Type.String({ minLength: 1 }),
    method: Type.String({ minLength: 1, description: 'vpn, rdp, ssh, web, console, ...' }),
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')], { default: 'success' }),
    srcIp: Type.Optional(Type.String()),
    sessionS: Type.Optional(seconds('how long a successful session stays open')),
    attrs: Type.Optional(Fields),
    ...repeat,
  },
  { additionalProperties: false },
);

/** A remote-desktop or remote-admin session landing on the selected hosts. */
export const RemoteSessionAction = Type.Object(
  {
    do: Type.Literal('remote-session'),
    on,
    user: Type.String({ minLength: 1 }),
    tool: Type.String({ minLength: 1, description: 'rdp, radmin, vnc, teamviewer, ...' }),
    fromIp: Type.String({ minLength: 1 }),
    durationS: seconds('how long the session lasts', 600),
  },
  { additionalProperties: false },
);

/** A control command to the selected devices, as sent by `actor`. */
export const CommandAction = Type.Object(
  {
    do: Type.Literal('command'),
    on,
    command: Type.String({ minLength: 1, description: 'a name from DEVICE_COMMANDS, e.g. breaker.open' }),
    args: Type.Optional(Fields),
    actor: CommandActor,
    protocol: Type.Optional(Type.String()),
    spreadS: seconds('spread the commands evenly over this many seconds, in city-file order', 0),
    ...repeat,
  },
  { additionalProperties: false },
);

/** A firmware image pushed to the selected devices; `bricks` images leave the device dead. */
export const FirmwareUploadAction = Type.Object(
  {
    do: Type.Literal('firmware-upload'),
    on,
    image: Type.Object(
      {
        version: Type.String({ minLength: 1 }),
        hash: Type.String({ minLength: 8, maxLength: 128 }),
        signed: Type.Boolean({ default: false }),
        bricks: Type.Boolean({ default: false, description: 'the device never comes back after the reboot' }),
      },
      { additionalProperties: false },
    ),
    actor: CommandActor,
    protocol: Type.Optional(Type.String()),
    spreadS: seconds('spread the uploads over this many seconds', 0),
  },
  { additionalProperties: false },
);

/** Extra load on the selected devices: calls to a dispatch server, dropped packets at a firewall. */
export const FloodAction = Type.Object(
  {
    do: Type.Literal('flood'),
    on,
    ratePerMin: Type.Number({ exclusiveMinimum: 0, description: 'extra calls (or packets) per minute' }),
    durationS: seconds('how long the flood lasts'),
  },
  { additionalProperties: false },
);

/** A log line written on the selected hosts (syslog severity 0 emergency … 7 debug). */
export const LogAction = Type.Object(
  {
    do: Type.Literal('log'),
    on,
    severity: Type.Integer({ minimum: 0, maximum: 7, default: 6 }),
    app: Type.Optional(Type.String()),
    message: Type.String({ minLength: 1 }),
    attrs: Type.Optional(Fields),
    ...repeat,
  },
  { additionalProperties: false },
);

/** Connections the selected hosts make, to `dstIp`, to each of `dstIps` or to each asset matched by `to`. */
export const NetworkAction = Type.Object(
  {
    do: Type.Literal('network'),
    on,
    srcIp: Type.Optional(Type.String({ description: 'default: the reporting host’s own address' })),
    dstIp: Type.Optional(Type.String()),
    dstIps: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: 'several destinations, one connection each (a scan of outside addresses)',
      }),
    ),
    to: Type.Optional(AssetSelector),
    dstPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    transport: Type.Union(
      [Type.Literal('tcp'), Type.Literal('udp'), Type.Literal('icmp'), Type.Literal('other')],
      { default: 'tcp' },
    ),
    protocol: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    bytes: Type.Optional(Type.Integer({ minimum: 0 })),
    attrs: Type.Optional(Fields),
    ...repeat,
  },
  { additionalProperties: false },
);

/** Telemetry of the selected devices lies: fixed values, or a replay of what it said at the start. */
export const SpoofAction = Type.Object(
  {
    do: Type.Literal('spoof'),
    on,
    mode: Type.Union([Type.Literal('fixed'), Type.Literal('replay')]),
    metrics: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean(), Type.String()])),
    ),
    durationS: seconds('how long the lie lasts'),
  },
  { additionalProperties: false },
);

/** Wiper malware: event logs cleared on the selected hosts, which then go dark for good. */
export const WipeAction = Type.Object(
  {
    do: Type.Literal('wipe'),
    on,
    afterS: seconds('delay between clearing the logs and the host dying', 60),
  },
  { additionalProperties: false },
);

/** Services stopped on the selected hosts, one Service Control Manager event each (ransomware, wipers). */
export const StopServicesAction = Type.Object(
  {
    do: Type.Literal('stop-services'),
    on,
    services: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'service names, e.g. MSSQLSERVER' }),
    actor: Type.Optional(CommandActor),
    spreadS: seconds('spread the stops of one host over this many seconds', 0),
  },
  { additionalProperties: false },
);
export type StopServicesAction = Static<typeof StopServicesAction>;

/**
 * Ransomware encrypting the selected hosts: each renames files to `extension` in batches its agent
 * reports, then drops a ransom note and stops working. Hosts start `spreadS` apart in city-file order;
 * a host already cut off when its turn comes is spared.
 */
export const EncryptFilesAction = Type.Object(
  {
    do: Type.Literal('encrypt-files'),
    on,
    extension: Type.String({ pattern: '^\\.[A-Za-z0-9_-]{1,32}$', description: 'what encrypted files are renamed to end with' }),
    filesPerMin: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 3000, description: 'files renamed a minute on each host' }),
    durationS: Type.Number({ exclusiveMinimum: 0, default: 120, description: 'how long each host takes' }),
    note: Type.Optional(Type.String({ minLength: 1, description: 'file name of the ransom note' })),
    spreadS: seconds('start the hosts this many seconds apart in all', 0),
    process: Type.Optional(Type.String({ minLength: 1, description: 'the encrypting program, as the agent names it' })),
    actor: Type.Optional(CommandActor),
  },
  { additionalProperties: false },
);
export type EncryptFilesAction = Static<typeof EncryptFilesAction>;

/** What a step does; `do` names the kind. */
export const ScenarioAction = Type.Union([
  LoginAction,
  RemoteSessionAction,
  CommandAction,
  FirmwareUploadAction,
  FloodAction,
  LogAction,
  NetworkAction,
  SpoofAction,
  WipeAction,
  StopServicesAction,
  EncryptFilesAction,
]);
export type ScenarioAction = Static<typeof ScenarioAction>;
export type ScenarioActionKind = ScenarioAction['do'];

/** The schema of each action kind, so a loader can report problems against the kind a step names. */
export const SCENARIO_ACTIONS = {
  login: LoginAction,
  'remote-session': RemoteSessionAction,
  command: CommandAction,
  'firmware-upload': FirmwareUploadAction,
  flood: FloodAction,
  log: LogAction,
  network: NetworkAction,
  spoof: SpoofAction,
  wipe: WipeAction,
  'stop-services': StopServicesAction,
  'encrypt-files': EncryptFilesAction,
} as const satisfies Record<ScenarioActionKind, unknown>;

/**
 * One timed step of a scenario, tagged with the ATT&CK for ICS techniques it exercises. A step that
 * `looksNormal` is ordinary activity (staff, scheduled jobs) played for contrast: detection must not
 * alert on it alone; `detectedBy` names the rules that should alert on an attack step.
 */
export const ScenarioStep = Type.Object(
  {
    id: Id,
    atS: seconds('offset from the scenario start'),
    name: Type.String({ minLength: 1 }),
    tactic: Type.Optional(IcsTactic),
    techniques: Type.Array(TechniqueId, {
      description: 'at least one for an attack step; may be empty for a step that looks normal',
    }),
    description: Type.Optional(Type.String()),
    enterpriseTechniques: Type.Optional(
      Type.Array(Type.String({ pattern: '^T1[0-9]{3}(\\.[0-9]{3})?$' }), {
        minItems: 1,
        description: 'ATT&CK for Enterprise ids where MITRE (or we) map the step only there, e.g. T1486',
      }),
    ),
    detectedBy: Type.Optional(
      Type.Array(Id, { minItems: 1, description: 'ids of the rules that should alert on this step' }),
    ),
    looksNormal: Type.Optional(
      Type.Boolean({ description: 'ordinary-looking activity that must not raise an alert on its own' }),
    ),
    action: ScenarioAction,
  },
  { additionalProperties: false },
);
export type ScenarioStep = Static<typeof ScenarioStep>;

/** An attack scenario: the incident it models, where that account comes from, and its steps. */
export const Scenario = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    description: Type.String({ minLength: 1 }),
    models: Type.Object(
      {
        incident: Type.String({ minLength: 1 }),
        date: Type.Optional(Type.String({ format: 'date' })),
        sources: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        notes: Type.Optional(Type.String()),
        confirmed: Type.Optional(
          Type.Boolean({ description: 'false when sources have not established that an attack took place' }),
        ),
      },
      { additionalProperties: false },
    ),
    startLocalTime: Type.Optional(
      Type.String({
        pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
        description: 'city-local time the scenario is written to start at',
      }),
    ),
    steps: Type.Array(ScenarioStep, { minItems: 1 }),
    expectedIncident: Type.Optional(
      Type.Object(
        {
          stage: IcsTactic,
          severity: Severity,
        },
        {
          additionalProperties: false,
          description: 'the incident detection should open: the stage it reaches and at least this severity',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Scenario = Static<typeof Scenario>;

/** Problems a schema-valid scenario can still have, by path: duplicate step ids, contradictory fields. */
export function checkScenario(s: Scenario): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Map<string, number>();
  s.steps.forEach((step, i) => {
    const first = seen.get(step.id);
    if (first !== undefined)
      problems.push({
        path: `/steps/${i}/id`,
        message: `duplicate step id "${step.id}" (first at index ${first})`,
      });
    else seen.set(step.id, i);
    const a = step.action;
    const at = `/steps/${i}/action`;
    if (a.do === 'network' && [a.dstIp, a.dstIps, a.to].filter((d) => d !== undefined).length !== 1) {
      problems.push({ path: at, message: 'a network action needs exactly one of dstIp, dstIps or to' });
    }
    if (step.techniques.length === 0 && step.looksNormal !== true)
      problems.push({
        path: `/steps/${i}/techniques`,
        message: 'an attack step needs at least one ATT&CK for ICS technique id',
      });
    if (step.looksNormal === true && step.detectedBy)
      problems.push({
        path: `/steps/${i}/detectedBy`,
        message: 'a step that looks normal must not expect an alert; remove detectedBy or looksNormal',
      });
    if (a.do === 'spoof' && a.mode === 'fixed' && !a.metrics)
      problems.push({ path: at, message: 'a fixed spoof needs metrics' });
    if (a.do === 'spoof' && a.mode === 'replay' && a.metrics)
      problems.push({ path: `${at}/metrics`, message: 'a replay spoof repeats real values; remove metrics' });
  });
  return problems;
}
