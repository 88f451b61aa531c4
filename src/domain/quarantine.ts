// Quarantine: input that could not be used, kept with the reason so nothing bad vanishes silently.
import Type, { type Static } from 'typebox';
import { EpochMs } from './common.js';

/** Why a message was quarantined; each reason is counted separately in metrics. */
export const QUARANTINE_REASONS = [
  'malformed',
  'schema',
  'oversized',
  'unknown-device',
  'unauthorised',
  'bad-topic',
  'forged',
  'replayed',
  'stale',
  'decrypt-failed',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];
export const QuarantineReason = Type.Enum(QUARANTINE_REASONS);

export const QuarantineItem = Type.Object(
  {
    id: Type.String(),
    ts: EpochMs,
    source: Type.String({ description: 'mqtt, syslog, http, pcap' }),
    reason: QuarantineReason,
    detail: Type.String({ description: 'what exactly was wrong, for the operator' }),
    origin: Type.Optional(Type.String({ description: 'topic, client id, peer address or file' })),
    sizeBytes: Type.Integer({ minimum: 0 }),
    excerpt: Type.String({ description: 'the first bytes of the payload, printable characters only' }),
  },
  { additionalProperties: false },
);
export type QuarantineItem = Static<typeof QuarantineItem>;
