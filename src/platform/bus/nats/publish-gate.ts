// Backpressure and order for one topic's publishes. Publishes leave in call order; one waits while
// any `block` group of the topic (in any process) has `capacity` messages unhandled. The backlog
// comes from the server's consumer counts, polled when it may be near a limit, plus everything
// this process sent since the poll began — an over-estimate, so a group is never overrun.
import { FifoQueue } from '../bounded-queue.js';
import type { GroupBacklog } from './jetstream-topology.js';

/** Polls the backlog of every group on the topic. */
export type BacklogPoll = () => Promise<Map<string, GroupBacklog>>;

const REFRESH_MS = 1000;
const MAX_WAIT_MS = 100;

/** Orders a topic's publishes and holds them while a block-overflow group is full. */
export class PublishGate {
  private readonly queue = new FifoQueue<() => void>();
  private groups: Map<string, GroupBacklog> | undefined;
  private polledAtMs = 0;
  private sent = 0;
  private settled = 0;
  private settledAtPoll = 0;
  private pumping = false;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly poll: BacklogPoll,
    /** Resolves when publishing may begin (stream created, subscriptions set up), or undefined when it may now. */
    private readonly ready: () => Promise<void> | undefined,
    private readonly onPollError: (error: unknown) => void,
  ) {}

  /** Runs `send` now when nothing is ahead of it and there is room, else queues it in order. */
  submit(send: () => void): void {
    if (this.queue.length === 0 && !this.pumping && this.groups && this.hasRoom() && this.ready() === undefined) {
      if (Date.now() - this.polledAtMs > REFRESH_MS) void this.refresh();
      this.sent++;
      send();
      return;
    }
    this.queue.push(send);
    void this.pump();
  }

  /** Records that a sent publish was confirmed or refused by the server. */
  settle(): void {
    this.settled++;
  }

  /** The smallest capacity of a block group on the topic at the last poll; undefined before the first (or with none, Infinity). */
  smallestBlockCapacity(): number | undefined {
    if (!this.groups) return undefined;
    let least = Number.POSITIVE_INFINITY;
    for (const g of this.groups.values()) if (g.overflow === 'block' && g.capacity < least) least = g.capacity;
    return least;
  }

  /** Publishes accepted by the gate but not yet sent. */
  get waiting(): number {
    return this.queue.length;
  }

  private hasRoom(): boolean {
    if (!this.groups) return false;
    // Sent but not settled when the poll began, or sent since: the poll may not have counted them.
    const uncounted = this.sent - this.settledAtPoll;
    for (const g of this.groups.values()) {
      if (g.overflow === 'block' && g.backlog + uncounted >= g.capacity) return false;
    }
    return true;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    let waitMs = 1;
    try {
      while (this.queue.length > 0) {
        // A failed set-up is reported where it happened; the publish then fails on its own and says why.
        const before = this.ready();
        if (before) await before.catch(() => undefined);
        if (!this.hasRoom()) {
          await this.refresh();
          if (!this.hasRoom()) {
            await new Promise((resolve) => setTimeout(resolve, waitMs));
            waitMs = Math.min(waitMs * 2, MAX_WAIT_MS);
            continue;
          }
        }
        waitMs = 1;
        const [send] = this.queue.take(1);
        this.sent++;
        send!();
      }
    } finally {
      this.pumping = false;
    }
  }

  private refresh(): Promise<void> {
    this.polling ??= (async () => {
      const settledBefore = this.settled;
      try {
        this.groups = await this.poll();
        this.settledAtPoll = settledBefore;
      } catch (error) {
        // Without counts the gate cannot judge room: let publishes through rather than stall ingest.
        this.groups ??= new Map();
        this.onPollError(error);
      } finally {
        this.polledAtMs = Date.now();
        this.polling = undefined;
      }
    })();
    return this.polling;
  }
}
