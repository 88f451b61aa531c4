// DNS wire format (RFC 1035 §4.1): header, questions and resource records, with name
// compression (§4.1.4). Reading stops with a problem at the first field that does not fit.
import { ipv4Text, ipv6Text } from '../packet/address-text.js';
import { DNS_MAX_POINTER_HOPS } from './constants.js';

/** A cursor over one DNS message. */
export class DnsReader {
  constructor(
    readonly b: Uint8Array,
    public off: number,
  ) {}

  /** Reads a possibly compressed name; undefined when it runs off the message or loops. */
  name(): string | undefined {
    const labels: string[] = [];
    let off = this.off;
    let hops = 0;
    let end = -1;
    for (;;) {
      if (off >= this.b.length) return undefined;
      const len = this.b[off]!;
      if (len === 0) {
        off++;
        break;
      }
      if ((len & 0xc0) === 0xc0) {
        if (off + 1 >= this.b.length || ++hops > DNS_MAX_POINTER_HOPS) return undefined;
        if (end < 0) end = off + 2;
        off = ((len & 0x3f) << 8) | this.b[off + 1]!;
        continue;
      }
      if (len > 63 || off + 1 + len > this.b.length) return undefined;
      labels.push(String.fromCharCode(...this.b.subarray(off + 1, off + 1 + len)));
      off += 1 + len;
    }
    this.off = end >= 0 ? end : off;
    return labels.length === 0 ? '.' : labels.join('.');
  }

  /** Reads a big-endian 16-bit value, or undefined past the end. */
  u16(): number | undefined {
    if (this.off + 2 > this.b.length) return undefined;
    const v = (this.b[this.off]! << 8) | this.b[this.off + 1]!;
    this.off += 2;
    return v;
  }

  /** Reads a big-endian 32-bit value, or undefined past the end. */
  u32(): number | undefined {
    if (this.off + 4 > this.b.length) return undefined;
    const v = ((this.b[this.off]! << 24) | (this.b[this.off + 1]! << 16) | (this.b[this.off + 2]! << 8) | this.b[this.off + 3]!) >>> 0;
    this.off += 4;
    return v;
  }

  /** Text of record data of `type` and `length` at the cursor (advances past it). */
  rdata(type: number, length: number): string | undefined {
    const start = this.off;
    if (start + length > this.b.length) return undefined;
    this.off = start + length;
    if (type === 1 && length === 4) return ipv4Text(this.b, start);
    if (type === 28 && length === 16) return ipv6Text(this.b, start);
    if (type === 2 || type === 5 || type === 12 || type === 15) {
      const sub = new DnsReader(this.b, type === 15 ? start + 2 : start);
      return sub.name();
    }
    return undefined;
  }
}
