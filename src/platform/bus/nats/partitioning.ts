// How a topic and a key map onto JetStream: one stream per topic, one subject per partition, and
// a stable hash from key to partition. The hash must never change: it decides which worker owns
// which assets, and changing it would reorder every key in flight.

const TOPIC_TOKEN = /^[a-z0-9-]+$/;
const NAME = /^[A-Za-z0-9-]+$/;

/** FNV-1a (32-bit) of the key's UTF-8 bytes, reduced to a partition in [0, partitions). */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/** True for a topic like `ingest.event.received`: dot-separated tokens of `a-z`, `0-9` and `-`. */
export function isTopicName(topic: string): boolean {
  return topic.length > 0 && topic.split('.').every((token) => TOPIC_TOKEN.test(token));
}

/** True for a consumer group or stream prefix usable in JetStream names: `A-Z`, `a-z`, `0-9` and `-`. */
export function isPlainName(name: string): boolean {
  return NAME.test(name);
}

/** Names of one topic's stream, subjects and consumers under a prefix. */
export class TopicNames {
  readonly stream: string;
  /** Subject filter covering every partition of the topic. */
  readonly allSubjects: string;

  constructor(
    readonly prefix: string,
    readonly topic: string,
  ) {
    // Topic tokens never contain `_`, so replacing `.` with `_` cannot make two topics collide.
    this.stream = `${prefix}_${topic.replace(/\./g, '_')}`;
    this.allSubjects = `${prefix}.${topic}.*`;
  }

  /** The subject messages of one partition are published on. */
  subject(partition: number): string {
    return `${this.prefix}.${this.topic}.${partition}`;
  }

  /** The durable consumer of one group on one partition. */
  consumer(group: string, partition: number): string {
    return `${group}_p${partition}`;
  }
}
