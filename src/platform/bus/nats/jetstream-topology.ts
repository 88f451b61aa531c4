// Creates and checks what the bus needs on the server: a stream per topic (limits and retention from
// the options, the partition count recorded in its description) and a durable pull consumer per
// group and partition, whose description carries the group's capacity so any publisher can apply
// backpressure for consumers in other processes.
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { busPartitionsChanged } from './errors.js';
import type { ResolvedNatsBusOptions } from './nats-bus-options.js';
import type { TopicNames } from './partitioning.js';

const NS_PER_MS = 1_000_000;

/** What a group declared when it subscribed, stored in each of its consumers' descriptions. */
export interface GroupDeclaration {
  group: string;
  partition: number;
  capacity: number;
  overflow: 'block' | 'drop';
}

/** Backlog of one group on one topic, summed over the partitions it has consumers for. */
export interface GroupBacklog {
  capacity: number;
  overflow: 'block' | 'drop';
  /** Messages not yet delivered plus delivered but unacknowledged. */
  backlog: number;
  /** Per partition: [not yet delivered, delivered but unacknowledged]. */
  partitions: Map<number, [pending: number, ackPending: number]>;
}

function isNotFound(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the topic's stream, or checks and updates the limits of the one that exists. */
export async function ensureStream(jsm: JetStreamManager, names: TopicNames, o: ResolvedNatsBusOptions): Promise<void> {
  const limits = {
    max_age: Math.max(0, o.maxAgeMs) * NS_PER_MS,
    max_bytes: o.maxBytes,
    max_msgs: o.maxMsgs,
    duplicate_window: o.duplicateWindowMs * NS_PER_MS,
  };
  try {
    const info = await jsm.streams.info(names.stream);
    const recorded = parseJson(info.config.description)?.['partitions'];
    if (typeof recorded === 'number' && recorded !== o.partitions) throw busPartitionsChanged(names.stream, recorded, o.partitions);
    const c = info.config;
    if (c.max_age !== limits.max_age || c.max_bytes !== limits.max_bytes || c.max_msgs !== limits.max_msgs || c.duplicate_window !== limits.duplicate_window) {
      await jsm.streams.update(names.stream, { ...limits, subjects: c.subjects });
    }
    return;
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name: names.stream,
      description: JSON.stringify({ cityguard: 1, topic: names.topic, partitions: o.partitions }),
      subjects: [names.allSubjects],
      retention: o.retention === 'limits' ? RetentionPolicy.Limits : RetentionPolicy.Interest,
      storage: o.storage === 'memory' ? StorageType.Memory : StorageType.File,
      discard: DiscardPolicy.New,
      num_replicas: o.replicas,
      ...limits,
    });
  } catch (error) {
    // Another process may have created it between our look-up and our create: accept theirs if it fits.
    const info = await jsm.streams.info(names.stream).catch(() => undefined);
    if (!info) throw error;
    const recorded = parseJson(info.config.description)?.['partitions'];
    if (typeof recorded === 'number' && recorded !== o.partitions) throw busPartitionsChanged(names.stream, recorded, o.partitions);
  }
}

/** Creates the durable consumer of a group on one partition, or updates the settings a member may change. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  names: TopicNames,
  declaration: GroupDeclaration,
  prefetch: number,
  o: ResolvedNatsBusOptions,
): Promise<void> {
  const name = names.consumer(declaration.group, declaration.partition);
  const update = {
    description: JSON.stringify(declaration),
    max_ack_pending: prefetch,
    ack_wait: o.ackWaitMs * NS_PER_MS,
    // A drop group accepts loss (live feeds, dashboards): when nobody reads it for a while the server
    // removes it, so an abandoned one cannot pin messages in an interest stream. Block groups stay.
    ...(declaration.overflow === 'drop' ? { inactive_threshold: o.dropGroupInactiveMs * NS_PER_MS } : {}),
  };
  let existing: ConsumerInfo | undefined;
  try {
    existing = await jsm.consumers.info(names.stream, name);
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
  }
  if (existing) {
    const c = existing.config;
    const changed = (Object.keys(update) as Array<keyof typeof update>).some((k) => c[k] !== update[k]);
    if (changed) {
      await jsm.consumers.update(names.stream, name, update);
    }
    return;
  }
  const config: Partial<ConsumerConfig> = {
    ...update,
    durable_name: name,
    filter_subject: names.subject(declaration.partition),
    ack_policy: AckPolicy.Explicit,
    // A new group starts with what is published from now on, as on the in-process bus; an existing
    // durable consumer keeps its position, so a restarted worker continues where it stopped.
    deliver_policy: DeliverPolicy.New,
    // Give-up is decided by the bus (it terminates and counts), so the server never stops redelivering silently.
    max_deliver: -1,
  };
  try {
    await jsm.consumers.add(names.stream, config);
  } catch (error) {
    // Created concurrently by another member: fine if it is there now.
    await jsm.consumers.info(names.stream, name).catch(() => Promise.reject(error));
  }
}

/** Backlog per group of a topic, from every cityguard consumer on its stream (in any process). */
export async function listGroupBacklogs(jsm: JetStreamManager, names: TopicNames): Promise<Map<string, GroupBacklog>> {
  const groups = new Map<string, GroupBacklog>();
  for await (const info of jsm.consumers.list(names.stream)) {
    const d = parseJson(info.config.description);
    if (!d || typeof d['group'] !== 'string' || typeof d['partition'] !== 'number' || typeof d['capacity'] !== 'number') continue;
    let g = groups.get(d['group']);
    if (!g) {
      g = { capacity: d['capacity'], overflow: d['overflow'] === 'drop' ? 'drop' : 'block', backlog: 0, partitions: new Map() };
      groups.set(d['group'], g);
    }
    g.backlog += info.num_pending + info.num_ack_pending;
    g.partitions.set(d['partition'], [info.num_pending, info.num_ack_pending]);
  }
  return groups;
}
