// The event stream: the Bus interface, its topics and the embedded implementation.
export type { BatchHandler, Bus, BusStats, PublishOptions, SubscribeOptions, Subscription } from './bus.js';
export { TOPICS, type Topic } from './topics.js';
export { InProcessBus, type InProcessBusOptions } from './in-process-bus.js';
export { NatsBus } from './nats/nats-bus.js';
export type { NatsBusOptions } from './nats/nats-bus-options.js';
export { partitionOf } from './nats/partitioning.js';
export { NatsClusterAccess, type PartitionReadOptions, type PartitionLag } from './nats/nats-cluster-access.js';
export { PartitionReader, type PartitionBatch, type PartitionReaderHooks } from './nats/partition-reader.js';
export { PartitionLeases, type LeaseHooks, type LeaseTiming, type MemberRecord } from './nats/partition-leases.js';
export { readClusterView, type MemberView, type LeaseView } from './nats/cluster-view.js';
export { assignPartitions, desiredOwner } from './nats/partition-assignment.js';
