// Small value types shared by every domain schema.
import Type, { type Static } from 'typebox';

/** Identifier of a city object: lower-case words joined by dashes, dots or underscores. */
export const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,127}$', description: 'lower-case id' });
export type Id = Static<typeof Id>;

/** Milliseconds since the Unix epoch. */
export const EpochMs = Type.Number({ minimum: 0, description: 'milliseconds since 1970-01-01T00:00:00Z' });
export type EpochMs = Static<typeof EpochMs>;

/** How bad an alert or incident is, in ascending order. */
export const Severity = Type.Union([
  Type.Literal('info'),
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);
export type Severity = Static<typeof Severity>;

/** Severities from least to most severe, for comparisons. */
export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Numeric rank of a severity: info 0 … critical 4. */
export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}

/** How much the city depends on an asset or service. */
export const Criticality = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);
export type Criticality = Static<typeof Criticality>;

/** A WGS84 position as GeoJSON orders it: [longitude, latitude]. */
export const LonLat = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]);
export type LonLat = Static<typeof LonLat>;

/** A scalar field value carried by events. */
export const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
export type Scalar = string | number | boolean | null;
