// A FIFO queue over an array with a moving head: O(1) push, O(batch) take, compacted lazily so
// memory follows the queued length. Capacity is enforced by the caller (the bus decides policy).

/** First-in first-out queue of values, taken from the front in batches. */
export class FifoQueue<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(value: T): void {
    this.items.push(value);
  }

  /** Removes and returns up to `max` values from the front, oldest first. */
  take(max: number): T[] {
    const end = Math.min(this.head + max, this.items.length);
    const batch = this.items.slice(this.head, end);
    this.head = end;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  /** Empties the queue and returns how many values it held. */
  clear(): number {
    const n = this.length;
    this.items = [];
    this.head = 0;
    return n;
  }
}
