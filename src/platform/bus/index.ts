// The event stream: the Bus interface, its topics and the embedded implementation.
export type { BatchHandler, Bus, BusStats, PublishOptions, SubscribeOptions, Subscription } from './bus.js';
export { TOPICS, type Topic } from './topics.js';
export { InProcessBus, type InProcessBusOptions } from './in-process-bus.js';
export { NatsBus } from './nats/nats-bus.js';
export type { NatsBusOptions } from './nats/nats-bus-options.js';
export { partitionOf } from './nats/partitioning.js';
