// Opaque page cursors: the sort key of the last row on a page, base64url-encoded JSON. Pages run
// newest first, so the next page holds rows strictly "before" the cursor's key.
import { storeBadCursor } from '../errors.js';

/** Sort key of a row: its timestamp and a tie-breaker that is unique within the table. */
export type CursorKey = [ts: number, tiebreak: string | number];

/** Encodes the key of the last row on a page. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; throws CG_STORE_BAD_CURSOR for anything else. */
export function decodeCursor(cursor: string, tiebreak: 'string' | 'number'): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw storeBadCursor(cursor);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'number' || typeof parsed[1] !== tiebreak) {
    throw storeBadCursor(cursor);
  }
  return parsed as CursorKey;
}

/** Page size: a default when unset, and never above `max` nor below 1. */
export function pageLimit(limit: number | undefined, fallback = 100, max = 1000): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(limit)));
}
