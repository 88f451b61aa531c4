// The deployment configuration file (`cityguard serve --config <file>`): which city, which
// embedded or scale-out parts, which ports. Every field has a default that runs on one machine.
import Type, { type Static } from 'typebox';
import { Id } from './common.js';
import { DrillApprover, ResponseSettings } from './playbook.js';
import { Duration } from './rule.js';

const Port = Type.Integer({ minimum: 0, maximum: 65535 });

const TlsFiles = Type.Object(
  { certFile: Type.String({ minLength: 1 }), keyFile: Type.String({ minLength: 1 }), caFile: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

export const RuntimeConfig = Type.Object(
  {
    city: Type.String({ minLength: 1, description: 'path of the city YAML file' }),
    dataDir: Type.String({ minLength: 1, default: './.cityguard' }),
    rules: Type.Optional(Type.String({ description: 'rules file or folder; the shipped library when absent' })),
    advisories: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'advisory feed files or folders (curated YAML, CISA KEV JSON, CSAF 2.0 JSON); the shipped curated feed when absent',
      }),
    ),
    api: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
        tls: Type.Optional(TlsFiles),
      },
      { additionalProperties: false, default: {} },
    ),
    mqtt: Type.Object(
      {
        embedded: Type.Object(
          {
            enabled: Type.Boolean({ default: true }),
            host: Type.String({ default: '127.0.0.1' }),
            port: Type.Integer({ minimum: 0, maximum: 65535, default: 18830 }),
            tls: Type.Optional(
              Type.Object(
                {
                  ...TlsFiles.properties,
                  port: Port,
                  generate: Type.Optional(Type.Boolean({ description: 'make a demo CA and server certificate at these paths when they are missing (as `cityguard certs`)' })),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false, default: {} },
        ),
        external: Type.Optional(
          Type.Object(
            {
              url: Type.String({ minLength: 1, description: 'e.g. mqtt://broker.city.local:1883' }),
              username: Type.Optional(Type.String()),
              passwordEnv: Type.Optional(Type.String({ description: 'environment variable holding the password' })),
              sharedGroup: Type.Optional(Type.String({ description: 'MQTT 5 shared subscription group' })),
            },
            { additionalProperties: false },
          ),
        ),
        maxPayloadBytes: Type.Integer({ minimum: 256, default: 65536 }),
      },
      { additionalProperties: false, default: {} },
    ),
    syslog: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        host: Type.String({ default: '127.0.0.1' }),
        udpPort: Type.Integer({ minimum: 0, maximum: 65535, default: 15514 }),
        tcpPort: Type.Integer({ minimum: 0, maximum: 65535, default: 15514 }),
      },
      { additionalProperties: false, default: {} },
    ),
    store: Type.Union(
      [
        Type.Object({ kind: Type.Literal('sqlite'), path: Type.Optional(Type.String()) }, { additionalProperties: false }),
        Type.Object(
          {
            kind: Type.Literal('postgres'),
            url: Type.String({ minLength: 1 }),
            schema: Type.Optional(Type.String()),
            poolSize: Type.Optional(Type.Integer({ minimum: 1, description: 'pooled connections per process; default 10' })),
          },
          { additionalProperties: false },
        ),
      ],
      { default: { kind: 'sqlite' } },
    ),
    bus: Type.Union(
      [
        Type.Object({ kind: Type.Literal('in-process'), capacity: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        Type.Object(
          {
            kind: Type.Literal('nats'),
            url: Type.String({ minLength: 1 }),
            partitions: Type.Integer({ minimum: 1, default: 16 }),
            streamPrefix: Type.String({ default: 'CITYGUARD' }),
            retention: Type.Optional(
              Type.Union([Type.Literal('interest'), Type.Literal('limits')], {
                description: 'interest (default): kept until every group acknowledged; limits: kept until the limits, so new groups can replay',
              }),
            ),
            maxAgeS: Type.Optional(Type.Number({ minimum: 0, description: 'oldest message a stream keeps; 0 = no limit; default 7 days' })),
            maxBytes: Type.Optional(Type.Integer({ minimum: -1, description: 'bytes per stream before publishes are refused; -1 = no limit' })),
            maxMsgs: Type.Optional(Type.Integer({ minimum: -1, description: 'messages per stream before publishes are refused; -1 = no limit' })),
            duplicateWindowS: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'a repeated message id within this window is stored once; default 120' })),
            ackWaitS: Type.Optional(Type.Number({ minimum: 1, description: 'unacknowledged messages are redelivered after this; default 30' })),
            maxDeliver: Type.Optional(Type.Integer({ minimum: 1, description: 'handler attempts before a message is given up and counted failed; default 5' })),
            replicas: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          },
          { additionalProperties: false },
        ),
      ],
      { default: { kind: 'in-process' } },
    ),
    captures: Type.Optional(
      Type.Object(
        {
          watchDir: Type.String({ minLength: 1, description: 'folder where rotated pcap/pcapng files appear (e.g. tcpdump -G 60 -w dir/cap-%s.pcap)' }),
          learnPackets: Type.Integer({ minimum: 100, default: 50_000, description: 'packets learned as normal before alerting' }),
          pollMs: Type.Integer({ minimum: 100, default: 2000 }),
        },
        { additionalProperties: false },
      ),
    ),
    retention: Type.Object(
      { eventsHours: Type.Number({ exclusiveMinimum: 0, default: 168 }) },
      { additionalProperties: false, default: {} },
    ),
    twin: Type.Object(
      {
        enabled: Type.Boolean({ default: false }),
        seed: Type.Integer({ default: 2015 }),
        speed: Type.Number({ exclusiveMinimum: 0, default: 1 }),
        publishIntervalS: Type.Number({ exclusiveMinimum: 0, default: 5 }),
        scenarios: Type.Array(
          Type.Object(
            { id: Type.String({ minLength: 1 }), afterS: Type.Number({ minimum: 0, description: 'wall-clock seconds after start' }) },
            { additionalProperties: false },
          ),
          { default: [] },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    response: Type.Optional(ResponseSettings),
    drills: Type.Optional(
      Type.Object(
        {
          every: Type.Optional(Type.String({ ...Duration, description: 'run the drills this often, e.g. 24h (give every or at)' })),
          at: Type.Optional(
            Type.String({ minLength: 1, description: 'city-local times, cron-like: "02:30", "mon-fri 02:30,14:30" or five cron fields "30 2 * * 1-5"' }),
          ),
          scenarios: Type.Optional(Type.Array(Id, { minItems: 1, description: 'scenario ids; the whole library when absent' })),
          scenariosDir: Type.Optional(Type.String({ minLength: 1, description: 'scenario library folder; the shipped library when absent' })),
          withoutResponse: Type.Boolean({ default: true, description: 'also run each scenario with no response, for the customer-minutes it saves' }),
          seed: Type.Integer({ default: 2015 }),
          keepRuns: Type.Integer({ minimum: 10, default: 500, description: 'scorecards kept; the oldest are dropped' }),
          approvers: Type.Optional(Type.Array(DrillApprover, { description: 'who approves in drills; response.drillApprovers, then two operators, when absent' })),
        },
        { additionalProperties: false },
      ),
    ),
    ledger: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'append alerts, incidents, actions, approvals, changes, device keys and logins to the ledger' }),
        dataDir: Type.Optional(Type.String({ minLength: 1, description: 'ledger directory; default <dataDir>/ledger' })),
        origin: Type.Optional(Type.String({ minLength: 1, description: 'log name on checkpoints, used when the ledger is created; default cityguard.local/<city>/ledger' })),
        checkpointEveryMs: Type.Integer({ minimum: 0, default: 5000, description: 'sign a checkpoint (and ask the witnesses to cosign it) this often, in real milliseconds, when entries were added; 0 = only on demand' }),
        witnesses: Type.Array(
          Type.Object(
            { vkey: Type.String({ minLength: 1, description: 'the witness verifier key (name+id+base64)' }), url: Type.String({ minLength: 1, description: 'prefix of its POST /add-checkpoint' }) },
            { additionalProperties: false },
          ),
          { default: [] },
        ),
        minWitnesses: Type.Integer({ minimum: 0, default: 0, description: 'cosignatures the dashboard and verify require on the latest checkpoint' }),
        inProcessWitness: Type.Optional(
          Type.Object(
            {
              name: Type.String({ minLength: 1, description: 'witness name on its cosignatures, e.g. witness.neighbour-city.example' }),
              stateDir: Type.String({ minLength: 1, description: 'its own key and state, apart from the ledger' }),
              host: Type.String({ default: '127.0.0.1' }),
              port: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
            },
            { additionalProperties: false, description: 'a witness run inside this process (the demo); production witnesses run elsewhere with `cityguard witness serve`' },
          ),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    devices: Type.Object(
      {
        e2e: Type.Boolean({ default: false, description: 'devices enroll and seal telemetry (HPKE); commands to enrolled devices are signed and sealed' }),
        platformKeyFile: Type.Optional(Type.String({ minLength: 1, description: "the platform's device-security keys; default <dataDir>/device-security/platform.key (created at first start)" })),
        requireSealed: Type.Boolean({ default: true, description: 'refuse plaintext from enrolled devices (a broker or tap could have written it)' }),
        maxSkewS: Type.Number({ exclusiveMinimum: 0, default: 300, description: 'largest age or lead of a sealed message, in real seconds (scaled by the twin speed)' }),
        tokenTtlS: Type.Number({ exclusiveMinimum: 0, default: 86_400, description: 'lifetime of an enrollment token' }),
        alertWindowS: Type.Number({ exclusiveMinimum: 0, default: 600, description: 'refusals of one device for one reason within this many seconds raise one alert' }),
      },
      { additionalProperties: false, default: {} },
    ),
    cluster: Type.Optional(
      Type.Object(
        {
          detection: Type.Union([Type.Literal('in-process'), Type.Literal('workers')], {
            default: 'in-process',
            description: 'workers: `cityguard serve` leaves detection to `cityguard worker` processes (needs the nats bus)',
          }),
          bucket: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', description: 'NATS KV bucket for leases and heartbeats; default <streamPrefix>-cluster' })),
          leaseS: Type.Number({ minimum: 1, default: 10, description: 'a worker silent this long is dead and its partitions move' }),
          heartbeatS: Type.Number({ exclusiveMinimum: 0, default: 2, description: 'how often workers renew leases and rebalance' }),
          checkpointS: Type.Number({ exclusiveMinimum: 0, default: 2, description: 'most time between snapshots of a partition’s detector state' }),
          checkpointEvents: Type.Integer({ minimum: 1, default: 20_000, description: 'most events between snapshots of a partition' }),
          capacity: Type.Integer({ minimum: 1, default: 1_000_000, description: 'events a detection group may owe before publishers wait' }),
          time: Type.Union([Type.Literal('clock'), Type.Literal('events')], {
            default: 'clock',
            description: 'what moves time-based rules forward in workers: the system clock, or the newest event time seen (replays, a twin faster than real time)',
          }),
          worker: Type.Object(
            { host: Type.String({ default: '127.0.0.1' }), port: Type.Integer({ minimum: 0, maximum: 65535, default: 9464, description: 'health, readiness and metrics of a worker' }) },
            { additionalProperties: false, default: {} },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RuntimeConfig = Static<typeof RuntimeConfig>;
