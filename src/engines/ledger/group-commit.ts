// Group commit: appends queue while one commit is on disk, and the next commit takes everything
// queued (up to a batch limit) in one write + fsync. Work that must not interleave with commits
// (signing a checkpoint) runs between batches on the same loop.

/** What a commit loop has done so far. */
export interface CommitStats {
  commits: number;
  committedItems: number;
  lastBatchItems: number;
  largestBatchItems: number;
  /** Time from the oldest item's submission to its batch being durable, in ms. */
  lastLatencyMs: number;
  maxLatencyMs: number;
}

interface Group<T> {
  /** One item (the common single-append case, without an array) or several. */
  items: T | T[];
  count: number;
  submittedAt: number;
  /** What the submitter's promise resolves with (a receipt), so no second promise is chained. */
  value: unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Task {
  run: () => Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A single-writer loop that batches submitted items into durable commits. */
export class GroupCommit<T> {
  private readonly groups: Group<T>[] = [];
  private readonly tasks: Task[] = [];
  private readonly idleWaiters: Array<() => void> = [];
  private scheduled = false;
  private running = false;
  private failure: unknown;
  readonly stats: CommitStats = { commits: 0, committedItems: 0, lastBatchItems: 0, largestBatchItems: 0, lastLatencyMs: 0, maxLatencyMs: 0 };

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly options: { maxBatchItems: number; now: () => number; afterBatch?: () => Promise<void> },
  ) {}

  /** The error that stopped the loop, if one did; later submissions fail with it. */
  get failed(): unknown {
    return this.failure;
  }

  /** Queues items; resolves when all of them are durable. */
  submit(items: T[]): Promise<void> {
    return this.enqueue(items, items.length, undefined) as Promise<void>;
  }

  /** Queues one item; resolves with `value` when it is durable. */
  submitOne<R = void>(item: T, value?: R): Promise<R> {
    return this.enqueue(item, 1, value) as Promise<R>;
  }

  private enqueue(items: T | T[], count: number, value: unknown): Promise<unknown> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.groups.push({ items, count, submittedAt: this.options.now(), value, resolve, reject });
      this.schedule();
    });
  }

  /** Runs `run` between batches, never concurrently with a commit. */
  exclusive(run: () => Promise<void>): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.tasks.push({ run, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or being written. */
  idle(): Promise<void> {
    if (!this.running && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets every append made in the current turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.loop();
    });
  }

  private takeBatch(): Group<T>[] {
    // Count first and splice once: shifting one group at a time is O(queue) per shift.
    let take = 0;
    let items = 0;
    while (take < this.groups.length && (take === 0 || items + this.groups[take]!.count <= this.options.maxBatchItems)) {
      items += this.groups[take]!.count;
      take += 1;
    }
    return this.groups.splice(0, take);
  }

  private async loop(): Promise<void> {
    this.running = true;
    while (this.failure === undefined && (this.groups.length > 0 || this.tasks.length > 0)) {
      if (this.groups.length > 0) await this.commitBatch(this.takeBatch());
      const task = this.failure === undefined ? this.tasks.shift() : undefined;
      if (task) await task.run().then(task.resolve, task.reject);
    }
    if (this.failure !== undefined) this.rejectAll(this.failure);
    this.running = false;
    this.idleWaiters.splice(0).forEach((w) => w());
  }

  private async commitBatch(batch: Group<T>[]): Promise<void> {
    const items: T[] = [];
    for (const g of batch) {
      if (g.count === 1 && !Array.isArray(g.items)) items.push(g.items);
      else for (const item of g.items as T[]) items.push(item);
    }
    try {
      await this.commit(items);
    } catch (err) {
      this.failure = err;
      batch.forEach((g) => g.reject(err));
      return;
    }
    const latency = this.options.now() - batch[0]!.submittedAt;
    Object.assign(this.stats, {
      commits: this.stats.commits + 1,
      committedItems: this.stats.committedItems + items.length,
      lastBatchItems: items.length,
      largestBatchItems: Math.max(this.stats.largestBatchItems, items.length),
      lastLatencyMs: latency,
      maxLatencyMs: Math.max(this.stats.maxLatencyMs, latency),
    });
    for (const g of batch) g.resolve(g.value);
    if (this.options.afterBatch) await this.options.afterBatch().catch((err: unknown) => (this.failure = err));
  }

  private rejectAll(err: unknown): void {
    this.groups.splice(0).forEach((g) => g.reject(err));
    this.tasks.splice(0).forEach((t) => t.reject(err));
  }
}
