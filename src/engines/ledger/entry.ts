// Ledger entries: a kind, a JSON payload and a timestamp, stored as one line of JSON that also
// carries the entry's own index, so an entry moved to another position no longer verifies.
import { entryInvalid } from './errors.js';
import { fail, ok, type Checked } from './result.js';

/** Largest serialised payload accepted, in bytes. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
const KIND_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;

/** What a caller appends. `ts` defaults to the ledger clock's now. */
export interface LedgerAppend {
  kind: string;
  payload: unknown;
  /** Milliseconds since the epoch. */
  ts?: number;
}

/** An entry as stored and read back. */
export interface LedgerEntry {
  index: number;
  /** Milliseconds since the epoch. */
  ts: number;
  kind: string;
  payload: unknown;
}

/** Kinds the runtime appends; any kind matching the pattern is accepted. */
export const LEDGER_KINDS = {
  alertRaised: 'alert.raised',
  incidentChanged: 'incident.changed',
  actionChanged: 'action.changed',
  actionApproved: 'action.approved',
  configChanged: 'config.changed',
  ruleChanged: 'rule.changed',
  playbookChanged: 'playbook.changed',
  deviceEnrolled: 'device.enrolled',
  deviceKeyRotated: 'device.key-rotated',
  deviceRevoked: 'device.revoked',
  keyChanged: 'key.changed',
  login: 'auth.login',
} as const;

/**
 * Serialises an entry for position `index`, returned after one spare leading byte (0x00) so the
 * RFC 9162 leaf hash can be taken over the same buffer without a copy; the entry is `.subarray(1)`.
 * Throws CG_LEDGER_ENTRY_INVALID on unusable input.
 */
export function encodeEntryWithLeafPrefix(index: number, entry: LedgerAppend, defaultTs: number): Buffer {
  if (typeof entry.kind !== 'string' || !KIND_PATTERN.test(entry.kind)) {
    throw entryInvalid(`kind ${JSON.stringify(entry.kind)} must match ${KIND_PATTERN.source}`);
  }
  const ts = entry.ts ?? defaultTs;
  if (!Number.isSafeInteger(ts) || ts < 0) throw entryInvalid(`timestamp ${ts} must be whole milliseconds since the epoch`);
  let payload: string | undefined;
  try {
    payload = JSON.stringify(entry.payload);
  } catch (err) {
    throw entryInvalid('payload cannot be serialised as JSON', err);
  }
  if (payload === undefined) throw entryInvalid('payload is missing or not JSON (undefined, a function or a symbol)');
  const bytes = Buffer.from(`\u0000{"index":${index},"ts":${ts},"kind":"${entry.kind}","payload":${payload}}`, 'utf8');
  if (bytes.length > MAX_PAYLOAD_BYTES + 256) throw entryInvalid(`payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);
  return bytes;
}

/** Parses stored entry bytes; the result says what is wrong instead of throwing. */
export function decodeEntry(bytes: Uint8Array): Checked<LedgerEntry> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return fail('entry is not JSON');
  }
  if (typeof value !== 'object' || value === null) return fail('entry is not a JSON object');
  const { index, ts, kind, payload } = value as Record<string, unknown>;
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return fail('entry has no valid index');
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) return fail('entry has no valid timestamp');
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) return fail('entry has no valid kind');
  if (!('payload' in (value as object))) return fail('entry has no payload');
  return ok({ index, ts, kind, payload });
}
