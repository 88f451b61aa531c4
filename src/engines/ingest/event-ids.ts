// Event ids: a random per-process prefix and a counter, both base 36. Unique across restarts and
// processes with overwhelming probability, sortable within a process, and nearly free to make.
import { randomBytes } from 'node:crypto';

/** Makes event ids like `k3x9q2a1-1z`. */
export class EventIdGenerator {
  private readonly prefix: string;
  private counter = 0;

  constructor(prefix?: string) {
    // 8 base-36 characters of randomness: ~41 bits, so two processes collide with odds of 1 in 10^12.
    this.prefix = prefix ?? BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).slice(0, 8).padStart(8, '0');
  }

  next(): string {
    return `${this.prefix}-${(this.counter++).toString(36)}`;
  }
}
