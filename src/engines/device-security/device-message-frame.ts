// What a device seals for one MQTT message: the channel it is meant for, a newline, then the body.
// Binding the channel inside the ciphertext stops a broker from moving a sealed `events` message
// onto the `telemetry` topic (or a `cmd-ack` onto `events`) without it being noticed.
import { TELEMETRY_MAGIC } from './telemetry-envelope.js';

const NEWLINE = 0x0a;

/** The plaintext of a sealed device message on `channel`. */
export function frameDeviceMessage(channel: string, body: string | Uint8Array): Buffer {
  const head = Buffer.from(`${channel}\n`, 'utf8');
  const rest = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const out = Buffer.allocUnsafe(head.length + rest.length);
  head.copy(out, 0);
  out.set(rest, head.length);
  return out;
}

/** Splits an opened device message into its channel and body; undefined when it has no channel line. */
export function unframeDeviceMessage(plaintext: Buffer): { channel: string; body: Buffer } | undefined {
  const at = plaintext.indexOf(NEWLINE);
  if (at <= 0 || at > 32) return undefined;
  return { channel: plaintext.toString('latin1', 0, at), body: plaintext.subarray(at + 1) };
}

/** True when `payload` starts like a sealed telemetry envelope (never the case for JSON or text). */
export function looksSealed(payload: Uint8Array): boolean {
  return payload.length > 0 && payload[0] === TELEMETRY_MAGIC;
}
