// Coalesces one topic's publishes to the same partition into batch envelopes (envelope.ts): values
// published to a partition in the same turn of the event loop leave as one NATS message, up to a
// count and a size. A lone value leaves as itself, with the caller's message id, so de-duplication
// by id keeps working for publishers that await each publish. Order per partition is kept: an
// envelope is handed on when it closes, and envelopes of a partition close in the order they opened.

/** Values bound for one partition, and whom to tell when the server confirmed them. */
export interface Envelope {
  partition: number;
  jsons: string[];
  ids: Array<string | undefined>;
  bytes: number;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

/** Largest envelope, from the options and what backpressure allows at the moment. */
export type EnvelopeLimits = () => { maxMessages: number; maxBytes: number };

/** Collects publishes per partition and hands closed envelopes to `send`. */
export class PublishBatcher {
  private readonly open = new Map<number, Envelope>();

  constructor(
    private readonly limits: EnvelopeLimits,
    private readonly send: (envelope: Envelope) => void,
  ) {}

  /** Adds a value; resolves or rejects when its envelope is confirmed or refused. */
  add(partition: number, json: string, id: string | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const { maxMessages, maxBytes } = this.limits();
      let env = this.open.get(partition);
      if (env && (env.jsons.length >= maxMessages || env.bytes + json.length > maxBytes)) env = undefined;
      const fresh = env === undefined;
      if (!env) {
        env = { partition, jsons: [], ids: [], bytes: 0, waiters: [] };
        this.open.set(partition, env);
      }
      env.jsons.push(json);
      env.ids.push(id);
      env.bytes += json.length;
      env.waiters.push({ resolve, reject });
      if (!fresh) return;
      const e = env;
      if (maxMessages <= 1) this.close(e);
      else setImmediate(() => this.close(e));
    });
  }

  private close(e: Envelope): void {
    if (this.open.get(e.partition) === e) this.open.delete(e.partition);
    this.send(e);
  }
}
