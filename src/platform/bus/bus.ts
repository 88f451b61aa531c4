// The event stream between layers. Embedded: an in-process bus with bounded queues.
// Scale-out: NATS JetStream. Both honour this contract (test/contracts/bus.contract.ts).

/** Options of one consumer group on a topic. */
export interface SubscribeOptions {
  /** Consumer group: each message goes to one member of each group. */
  group: string;
  /** Most messages handed to the handler at once. */
  maxBatch?: number;
  /** Messages queued for this group before publishers wait (`block`) or messages are dropped and counted (`drop`). */
  capacity?: number;
  overflow?: 'block' | 'drop';
}

/** Handles a batch; a rejected promise counts the batch as failed (redelivered where the bus can). */
export type BatchHandler<T> = (batch: readonly T[]) => void | Promise<void>;

export interface Subscription {
  unsubscribe(): Promise<void>;
}

/** Counters per topic and group; drops are never silent. */
export interface BusStats {
  topics: Record<
    string,
    {
      published: number;
      /** Publishes the bus recognised by message id as already stored (scale-out buses only). */
      duplicates?: number;
      groups: Record<
        string,
        {
          delivered: number;
          dropped: number;
          failed: number;
          queued: number;
          /** Messages of failed batches handed out again (buses that redeliver). */
          redelivered?: number;
        }
      >;
    }
  >;
}

export interface PublishOptions {
  /** Partitioning key: messages with the same key keep their order. Usually the asset id. */
  key: string;
  /** Stable message id for de-duplication on redelivery. */
  id?: string;
}

export interface Bus {
  /** Resolves once the message is accepted; with `block` overflow it waits for room (backpressure). */
  publish<T>(topic: string, value: T, options: PublishOptions): Promise<void>;
  /**
   * Optional fast path for hot producers: publishes and returns true when no publisher would have to
   * wait (every `block` group has room); returns false, publishing nothing, when `publish` must be used.
   */
  tryPublish?<T>(topic: string, value: T, options: PublishOptions): boolean;
  subscribe<T>(topic: string, handler: BatchHandler<T>, options: SubscribeOptions): Subscription;
  /** Resolves when every queued message has been handled. */
  drain(): Promise<void>;
  stats(): BusStats;
  close(): Promise<void>;
}
