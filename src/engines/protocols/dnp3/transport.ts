// DNP3 transport function (IEEE 1815-2012 §8): one header octet per segment (FIN, FIR, 6-bit
// sequence); segments between FIR and FIN with consecutive sequence numbers form one fragment.
import { DNP3_MAX_FRAGMENT_BYTES } from './constants.js';

/** Result of accepting one segment. */
export type SegmentResult =
  | { kind: 'fragment'; fragment: Uint8Array; segments: number; seq: number; problem?: string }
  | { kind: 'partial'; problem?: string }
  | { kind: 'problem'; problem: string };

/** Reassembles the fragments sent from one link address to another. */
export class Dnp3Transport {
  private parts: Uint8Array[] = [];
  private bytes = 0;
  private lastSeq = -1;

  /** Accepts the user data of one link frame (transport header first). */
  segment(userData: Uint8Array): SegmentResult {
    if (userData.length < 1) return { kind: 'problem', problem: 'user data frame without a transport header' };
    const header = userData[0]!;
    const fin = (header & 0x80) !== 0;
    const fir = (header & 0x40) !== 0;
    const seq = header & 0x3f;
    const body = userData.subarray(1);
    let problem: string | undefined;
    if (fir) {
      if (this.parts.length > 0) problem = `transport segment FIR discards ${this.parts.length} unfinished segments`;
      this.reset();
    } else if (this.parts.length === 0) {
      return { kind: 'problem', problem: `transport segment ${seq} without a first segment (FIR)` };
    } else if (seq !== ((this.lastSeq + 1) & 0x3f)) {
      this.reset();
      return { kind: 'problem', problem: `transport sequence ${seq} does not follow ${this.lastSeq}` };
    }
    this.parts.push(body);
    this.bytes += body.length;
    this.lastSeq = seq;
    if (this.bytes > DNP3_MAX_FRAGMENT_BYTES) {
      this.reset();
      return { kind: 'problem', problem: `fragment exceeds ${DNP3_MAX_FRAGMENT_BYTES} octets` };
    }
    if (!fin) return problem ? { kind: 'partial', problem } : { kind: 'partial' };
    const segments = this.parts.length;
    const fragment = segments === 1 ? this.parts[0]! : join(this.parts, this.bytes);
    this.reset();
    return problem ? { kind: 'fragment', fragment, segments, seq, problem } : { kind: 'fragment', fragment, segments, seq };
  }

  private reset(): void {
    this.parts = [];
    this.bytes = 0;
  }
}

function join(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
