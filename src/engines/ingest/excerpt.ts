// Printable excerpts of raw payloads for the quarantine: an operator sees what came in without a
// terminal-breaking control character or a megabyte of noise.

/** Bytes of a payload kept in a quarantine excerpt. */
export const EXCERPT_BYTES = 256;

/** The first bytes of `payload` as text, each non-printable character replaced by `.`. */
export function printableExcerpt(payload: Buffer | string, maxBytes = EXCERPT_BYTES): string {
  const text = typeof payload === 'string' ? payload.slice(0, maxBytes) : payload.subarray(0, maxBytes).toString('utf8');
  // Printable: space … tilde and any letter beyond ASCII, except the replacement character of bad UTF-8.
  return text.replace(/[^\x20-\x7e\u00a0-\ufffc]/g, '.');
}

/** Size of a payload in bytes. */
export function payloadBytes(payload: Buffer | string): number {
  return typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
}
