// Error codes of the protocols engine. Damage inside a capture is data (a CaptureStop with one of
// these codes); only a source that is not a capture at all, or cannot be opened, is thrown.
import { CityguardError } from '../../domain/index.js';

/** Code reported when a capture ends in the middle of a record. */
export const CAPTURE_TRUNCATED = 'CG_CAPTURE_TRUNCATED';
/** Code reported when a capture record or block is malformed and reading cannot go on. */
export const CAPTURE_CORRUPT = 'CG_CAPTURE_CORRUPT';

/** The first bytes match neither pcap nor pcapng. */
export function captureFormatUnknown(origin: string, magicHex: string): CityguardError {
  return new CityguardError(
    'CG_CAPTURE_FORMAT_UNKNOWN',
    `${origin} is not a pcap or pcapng capture (first bytes ${magicHex})`,
    { origin, magicHex },
  );
}

/** The capture file or stream could not be opened or read. */
export function captureUnreadable(origin: string, cause: unknown): CityguardError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new CityguardError('CG_CAPTURE_UNREADABLE', `cannot read capture ${origin}: ${why}`, { origin }, cause);
}

