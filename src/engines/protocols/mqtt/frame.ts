// MQTT fixed header (MQTT 3.1.1 §2.2): type and flags, then the remaining length as a
// variable byte integer of one to four bytes.

/** Stream framing: total packet length at `off`, 0 when more bytes are needed, -1 when impossible. */
export function mqttLength(b: Uint8Array, off: number, available: number): number {
  if (available < 2) return 0;
  if (b[off]! >> 4 === 0) return -1;
  let remaining = 0;
  let multiplier = 1;
  for (let i = 1; i <= 4; i++) {
    if (i >= available) return 0;
    const byte = b[off + i]!;
    remaining += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return available >= 1 + i + remaining ? 1 + i + remaining : 0;
    multiplier *= 128;
  }
  return -1;
}

/** Header bytes (type byte + length bytes) of a packet cut by mqttLength. */
export function mqttHeaderBytes(b: Uint8Array): number {
  let i = 1;
  while (i < 5 && b[i]! & 0x80) i++;
  return i + 1;
}

/** MQTT cannot find a packet start inside a stream: after damage decoding restarts at the next segment. */
export function mqttResync(_b: Uint8Array, from: number): number {
  return from === 0 ? 0 : -1;
}

/** Reads MQTT fields: UTF-8 strings with a 2-byte length (§1.5.3) and 2-byte integers. */
export class MqttReader {
  constructor(
    readonly b: Uint8Array,
    public off: number,
  ) {}

  u8(): number | undefined {
    return this.off < this.b.length ? this.b[this.off++] : undefined;
  }

  u16(): number | undefined {
    if (this.off + 2 > this.b.length) return undefined;
    const v = (this.b[this.off]! << 8) | this.b[this.off + 1]!;
    this.off += 2;
    return v;
  }

  text(): string | undefined {
    const len = this.u16();
    if (len === undefined || this.off + len > this.b.length) return undefined;
    const s = new TextDecoder().decode(this.b.subarray(this.off, this.off + len));
    this.off += len;
    return s;
  }

  /** Skips an MQTT 5 property block (variable byte length, §2.2.2.1). */
  skipProperties(): boolean {
    let length = 0;
    let multiplier = 1;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8();
      if (byte === undefined) return false;
      length += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) {
        this.off += length;
        return this.off <= this.b.length;
      }
      multiplier *= 128;
    }
    return false;
  }
}
