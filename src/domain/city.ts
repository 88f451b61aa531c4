// The city file: districts, zones and conduits, sites, assets, services and contacts.
// Users edit it as YAML; this schema is what the loader validates against.
import Type, { type Static } from 'typebox';
import { Asset, type AssetKind } from './asset.js';
import { Id, LonLat } from './common.js';
import { Service } from './service.js';

/** A GeoJSON Polygon (RFC 7946 §3.1.6): rings of [lon, lat] positions, first equal to last. */
export const PolygonGeometry = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(LonLat, { minItems: 4 }), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type PolygonGeometry = Static<typeof PolygonGeometry>;

export const District = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    population: Type.Integer({ minimum: 0 }),
    geometry: PolygonGeometry,
  },
  { additionalProperties: false },
);
export type District = Static<typeof District>;

/** An IEC 62443 zone: assets with the same security requirements. */
export const Zone = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    securityLevel: Type.Integer({ minimum: 0, maximum: 4, description: 'IEC 62443 target security level' }),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Zone = Static<typeof Zone>;

/** An IEC 62443 conduit: the traffic allowed between two zones. */
export const Conduit = Type.Object(
  {
    id: Id,
    from: Id,
    to: Id,
    protocols: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Conduit = Static<typeof Conduit>;

/** A physical place holding several assets: a substation, an intersection, a pump station. */
export const Site = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    kind: Type.String({ minLength: 1 }),
    district: Id,
    location: LonLat,
  },
  { additionalProperties: false },
);
export type Site = Static<typeof Site>;

/** Someone the response protocol and plans name for a role. */
export const Contact = Type.Object(
  {
    role: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    phone: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    deputy: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

/** Recurring time when control commands are expected (local time of the city). */
export const MaintenanceWindow = Type.Object(
  {
    id: Id,
    zones: Type.Array(Id, { default: [] }),
    days: Type.Array(Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const), { minItems: 1 }),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    end: Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' }),
  },
  { additionalProperties: false },
);
export type MaintenanceWindow = Static<typeof MaintenanceWindow>;

/** A process signal: `<asset id>.<metric>`, a numeric or on/off reading the asset's kind reports. */
export const ProcessSignal = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{0,127}\\.[a-z][a-z0-9_]*$',
  description: 'asset id and telemetry metric, e.g. res-north.level_m',
});
export type ProcessSignal = Static<typeof ProcessSignal>;

/**
 * When a process detector's evidence becomes an alarm, in samples: persistence to open, a quiet
 * spell to close, and a window in which a reopening continues the same alert. The defaults suit
 * one-minute samples: a single odd minute (devices reporting a pump switch seconds apart, so one
 * sample mixes before and after) never opens an alarm on its own, and one attack raises one alert.
 */
export const ProcessAlarm = Type.Object(
  {
    openAfter: Type.Integer({ minimum: 1, maximum: 31, default: 3, description: 'samples above the threshold within `window` that open an alarm' }),
    window: Type.Integer({ minimum: 1, maximum: 31, default: 5 }),
    instantFactor: Type.Optional(
      Type.Number({ minimum: 1, description: 'one sample at this multiple of the threshold opens an alarm at once; by default no single sample does' }),
    ),
    closeAfter: Type.Integer({ minimum: 1, default: 10, description: 'quiet samples that close an open alarm' }),
    rejoinWithin: Type.Integer({ minimum: 0, default: 60, description: 'an alarm reopening within this many samples continues the same alert' }),
  },
  { additionalProperties: false, default: {} },
);
export type ProcessAlarm = Static<typeof ProcessAlarm>;

/**
 * A physical process watched as one by an anomaly detector: assets whose readings move together,
 * such as a pressure zone's reservoir, booster pumps, valves and pressure sensors.
 */
export const Process = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    assets: Type.Array(Id, { minItems: 1 }),
    signals: Type.Optional(
      Type.Array(ProcessSignal, {
        minItems: 2,
        description: 'readings the detector watches; default: the process metrics of each asset’s kind (PROCESS_METRICS)',
      }),
    ),
    periodS: Type.Number({ minimum: 1, maximum: 3600, default: 60, description: 'one sample of the latest readings per this many seconds' }),
    learningHours: Type.Number({ exclusiveMinimum: 0, default: 168, description: 'normal operation the models are fitted on' }),
    baselineHours: Type.Number({ exclusiveMinimum: 0, default: 48, description: 'normal operation after learning that calibrates the alarm threshold' }),
    falseAlarmBudget: Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.001, description: 'share of normal (baseline) samples alarms may cover' }),
    alarm: ProcessAlarm,
    resolution: Type.Optional(
      Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0 }), { description: 'smallest change a signal can show, by signal' }),
    ),
  },
  { additionalProperties: false },
);
export type Process = Static<typeof Process>;

/** Metrics of each asset kind that describe the physical process (not device health), in report order. */
export const PROCESS_METRICS: Readonly<Partial<Record<AssetKind, readonly string[]>>> = {
  tank: ['level_m', 'inflow_lps'],
  pump: ['running', 'flow_lps', 'speed_pct'],
  valve: ['open_pct', 'flow_lps'],
  'pressure-sensor': ['pressure_bar'],
  'dosing-pump': ['setpoint_ppm', 'rate_lph', 'ph'],
  breaker: ['closed', 'current_a', 'voltage_kv', 'load_mw'],
  ups: ['on_battery', 'charge_pct'],
};

/** The signals a process watches: its own list, else PROCESS_METRICS of each of its assets' kinds. */
export function processSignals(process: Process, kindOf: (assetId: string) => AssetKind | undefined): string[] {
  if (process.signals) return [...process.signals];
  return process.assets.flatMap((id) => {
    const kind = kindOf(id);
    return (kind ? (PROCESS_METRICS[kind] ?? []) : []).map((metric) => `${id}.${metric}`);
  });
}

/** Splits a process signal into its asset id and metric (the metric follows the last dot). */
export function splitProcessSignal(signal: string): { assetId: string; metric: string } {
  const dot = signal.lastIndexOf('.');
  return { assetId: signal.slice(0, dot), metric: signal.slice(dot + 1) };
}

export const City = Type.Object(
  {
    city: Type.Object(
      {
        id: Id,
        name: Type.String({ minLength: 1 }),
        timezone: Type.String({ minLength: 1, description: 'IANA zone, e.g. Europe/Kyiv' }),
        center: LonLat,
        population: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    districts: Type.Array(District, { minItems: 1 }),
    zones: Type.Array(Zone, { minItems: 1 }),
    conduits: Type.Array(Conduit, { default: [] }),
    sites: Type.Array(Site, { default: [] }),
    assets: Type.Array(Asset),
    services: Type.Array(Service),
    contacts: Type.Array(Contact, { default: [] }),
    maintenanceWindows: Type.Array(MaintenanceWindow, { default: [] }),
    processes: Type.Optional(Type.Array(Process, { description: 'processes watched by anomaly detectors' })),
  },
  { additionalProperties: false },
);
export type City = Static<typeof City>;
