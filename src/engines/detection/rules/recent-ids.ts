// A bounded set of recently seen ids, oldest forgotten first: how the engine recognises a
// redelivered event or an alert it already raised without growing without limit.
/** First-in-first-out set of at most `capacity` ids. */
export class RecentIds {
  private readonly ring: Array<string | undefined>;
  private readonly set = new Set<string>();
  private next = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
    this.ring = new Array<string | undefined>(capacity);
  }

  /** Records `id`; false when it was already among the recent ones. */
  add(id: string): boolean {
    if (this.set.has(id)) return false;
    const old = this.ring[this.next];
    if (old !== undefined) this.set.delete(old);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.set.add(id);
    return true;
  }

  has(id: string): boolean {
    return this.set.has(id);
  }

  get size(): number {
    return this.set.size;
  }
}
