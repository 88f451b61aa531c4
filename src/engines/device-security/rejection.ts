// Why a device message was refused, each mapped to the quarantine reason ingest records and counts
// (src/domain/quarantine.ts). The finer code says exactly what failed; the quarantine reason groups them.
import type { QuarantineReason } from '../../domain/index.js';

/** Every reason an envelope can be refused. */
export const ENVELOPE_REJECTIONS = [
  'malformed',
  'unknown-device',
  'revoked-device',
  'bad-signature',
  'wrong-platform-key',
  'wrong-device-key',
  'decrypt-failed',
  'replayed',
  'stale',
] as const;
export type EnvelopeRejection = (typeof ENVELOPE_REJECTIONS)[number];

/** The quarantine reason each rejection is filed under. */
export const QUARANTINE_REASON_OF: Readonly<Record<EnvelopeRejection, QuarantineReason>> = {
  malformed: 'malformed',
  'unknown-device': 'unknown-device',
  'revoked-device': 'unauthorised',
  'bad-signature': 'forged',
  'wrong-platform-key': 'decrypt-failed',
  'wrong-device-key': 'decrypt-failed',
  'decrypt-failed': 'decrypt-failed',
  replayed: 'replayed',
  stale: 'stale',
};

/** A refused envelope: why, under which quarantine reason, and what the operator should read. */
export interface EnvelopeRejected {
  ok: false;
  reason: EnvelopeRejection;
  quarantineReason: QuarantineReason;
  detail: string;
  /** The claimed sender, when the header could be read (unauthenticated). */
  deviceId?: string;
}

/** Builds a rejection result. */
export function rejected(reason: EnvelopeRejection, detail: string, deviceId?: string): EnvelopeRejected {
  return { ok: false, reason, quarantineReason: QUARANTINE_REASON_OF[reason], detail, ...(deviceId !== undefined ? { deviceId } : {}) };
}

/** Per-reason counters, every reason present from the start so metrics show zeros. */
export function emptyRejectionCounts(): Record<EnvelopeRejection, number> {
  return Object.fromEntries(ENVELOPE_REJECTIONS.map((r) => [r, 0])) as Record<EnvelopeRejection, number>;
}
