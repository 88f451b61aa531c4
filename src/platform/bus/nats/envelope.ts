// How values travel in NATS messages: one JSON value per message, or — when publishes to one
// partition coalesce — a batch envelope: the byte 0x1E (ASCII record separator, which no JSON text
// starts with) followed by a JSON array of the values. Per-message costs (a stream write, an ack, a
// delivery, an acknowledgement) then fall on the batch instead of on each value.

const RS = 0x1e;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Encodes JSON texts as one message: the text itself when alone, else a batch envelope. */
export function encodeEnvelope(jsons: readonly string[]): Uint8Array {
  if (jsons.length === 1) return encoder.encode(jsons[0]!);
  const body = encoder.encode(`[${jsons.join(',')}]`);
  const out = new Uint8Array(body.length + 1);
  out[0] = RS;
  out.set(body, 1);
  return out;
}

/** The values a message carries, in order; throws SyntaxError when it is not JSON (a foreign publisher). */
export function decodeEnvelope(data: Uint8Array): unknown[] {
  if (data.length > 0 && data[0] === RS) {
    const values: unknown = JSON.parse(decoder.decode(data.subarray(1)));
    if (!Array.isArray(values)) throw new SyntaxError('a batch envelope must hold a JSON array');
    return values;
  }
  return [JSON.parse(decoder.decode(data))];
}
