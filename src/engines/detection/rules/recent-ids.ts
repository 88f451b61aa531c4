// A bounded set of recently seen ids: how the engine recognises a redelivered event or an alert it
// already raised without growing without limit. Two generations: when the young one fills, it
// becomes the old one and the previous old one is dropped whole — cheaper than evicting one id at
// a time on the hot path. Between capacity/2 and capacity ids are remembered.
/** Remembers at least the last `capacity / 2` ids added, at most `capacity`. */
export class RecentIds {
  private young = new Set<string>();
  private old = new Set<string>();
  private readonly half: number;

  constructor(readonly capacity: number) {
    if (!(capacity >= 2)) throw new RangeError(`capacity must be at least 2, got ${capacity}`);
    this.half = Math.floor(capacity / 2);
  }

  /** Records `id`; false when it was already among the recent ones. */
  add(id: string): boolean {
    if (this.young.has(id) || this.old.has(id)) return false;
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Set();
    }
    this.young.add(id);
    return true;
  }

  has(id: string): boolean {
    return this.young.has(id) || this.old.has(id);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Every remembered id, oldest first (for snapshots). */
  ids(): string[] {
    return [...this.old, ...this.young];
  }

  /** Forgets everything, then remembers `ids` in order (a snapshot's `ids()`). */
  replace(ids: Iterable<string>): void {
    this.old = new Set();
    this.young = new Set();
    for (const id of ids) this.add(id);
  }
}
