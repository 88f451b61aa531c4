// Sliding anti-replay window over sequence numbers (as in IPsec ESP, RFC 4303 §3.4.3): accepts each
// number once, tolerates reordering within `size` of the highest seen, refuses anything older.
// Check first, then mark only after the message authenticated, so forgeries cannot burn numbers.

/** Whether a sequence number may still be accepted. */
export type ReplayVerdict = 'fresh' | 'duplicate' | 'too-old';

/** The window of one sender (or one session). */
export class ReplayWindow {
  private highest = -1;
  private readonly bits: Uint32Array;

  constructor(private readonly size = 1024) {
    if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) throw new RangeError('window size must be a multiple of 32, at least 32');
    this.bits = new Uint32Array(size / 32);
  }

  /** The highest sequence number accepted so far (-1 before the first). */
  get highestSeen(): number {
    return this.highest;
  }

  /** Judges `seq` without changing the window. */
  check(seq: number): ReplayVerdict {
    if (seq > this.highest) return 'fresh';
    if (this.highest - seq >= this.size) return 'too-old';
    return this.isSet(seq) ? 'duplicate' : 'fresh';
  }

  /** Marks `seq` as seen; call only after `check` returned 'fresh' and the message authenticated. */
  accept(seq: number): void {
    if (seq > this.highest) {
      const advance = this.highest < 0 ? this.size : seq - this.highest;
      if (advance >= this.size) this.bits.fill(0);
      else for (let s = this.highest + 1; s < seq; s++) this.clear(s);
      this.highest = seq;
    }
    this.set(seq);
  }

  private slot(seq: number): [number, number] {
    const bit = seq % this.size;
    return [bit >>> 5, 1 << (bit & 31)];
  }

  private isSet(seq: number): boolean {
    const [word, mask] = this.slot(seq);
    return (this.bits[word]! & mask) !== 0;
  }

  private set(seq: number): void {
    const [word, mask] = this.slot(seq);
    this.bits[word] = this.bits[word]! | mask;
  }

  private clear(seq: number): void {
    const [word, mask] = this.slot(seq);
    this.bits[word] = this.bits[word]! & ~mask;
  }
}
