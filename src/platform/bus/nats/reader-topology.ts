// The durable consumers behind partition readers. A reader gets a consumer of its own, created just
// after the position its owner's checkpoint covers (or after the group's acknowledged position), and
// every older consumer of that group and partition is then removed: whoever still read through one
// (a process that lost its lease) stops getting messages, and messages the dead owner had been
// handed come back at once instead of after the acknowledgement wait. The new consumer exists before
// the old ones go, so an interest stream never loses the messages in between.
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';
import { nuid } from '@nats-io/transport-node';
import type { GroupDeclaration } from './jetstream-topology.js';
import type { TopicNames } from './partitioning.js';

const NS_PER_MS = 1_000_000;

/** Where a new reader starts and the consumer it reads through. */
export interface ReaderConsumer {
  name: string;
  /** The last stream sequence the reader will not see (its first message comes after it). */
  startAfter: number;
}

/** The group's consumers on one partition, found by the declaration in their descriptions. */
export async function partitionConsumers(jsm: JetStreamManager, names: TopicNames, group: string, partition: number): Promise<ConsumerInfo[]> {
  const found: ConsumerInfo[] = [];
  for await (const info of jsm.consumers.list(names.stream)) {
    try {
      const d = JSON.parse(info.config.description ?? '') as Partial<GroupDeclaration>;
      if (d.group === group && d.partition === partition) found.push(info);
    } catch {
      // not one of ours
    }
  }
  return found;
}

/** The last stream sequence a consumer's group is done with: all delivered when nothing awaits an ack. */
export function handledThrough(info: ConsumerInfo): number {
  return info.num_ack_pending === 0 ? info.delivered.stream_seq : info.ack_floor.stream_seq;
}

/**
 * Creates the reader's consumer starting after `startAfter` (a checkpoint) or, without one, after
 * the position the group's consumers on this partition reached; then removes those consumers.
 */
export async function replaceReaderConsumer(
  jsm: JetStreamManager,
  names: TopicNames,
  declaration: GroupDeclaration,
  o: { startAfter?: number | undefined; maxAckPending: number; ackWaitMs: number },
): Promise<ReaderConsumer> {
  const previous = await partitionConsumers(jsm, names, declaration.group, declaration.partition);
  const groupAt = previous.length > 0 ? Math.max(...previous.map(handledThrough)) : undefined;
  const startAfter = o.startAfter ?? groupAt;
  const name = `${declaration.group}_p${declaration.partition}_${nuid.next().slice(-10)}`;
  await jsm.consumers.add(names.stream, {
    durable_name: name,
    description: JSON.stringify({ ...declaration, reader: true }),
    filter_subject: names.subject(declaration.partition),
    ack_policy: AckPolicy.All,
    ...(startAfter === undefined ? { deliver_policy: DeliverPolicy.New } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startAfter + 1 }),
    max_ack_pending: o.maxAckPending,
    ack_wait: o.ackWaitMs * NS_PER_MS,
    max_deliver: -1,
  });
  for (const old of previous) await deleteConsumer(jsm, names.stream, old.name);
  const info = await jsm.consumers.info(names.stream, name);
  return { name, startAfter: startAfter ?? info.delivered.stream_seq };
}

/** Removes a consumer; one already gone is fine. */
export async function deleteConsumer(jsm: JetStreamManager, stream: string, name: string): Promise<void> {
  try {
    await jsm.consumers.delete(stream, name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
  }
}
