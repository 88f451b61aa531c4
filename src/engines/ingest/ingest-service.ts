// Ingest assembled from its parts for one process: registry, normalizers, quarantine, pipeline, the
// sources that are configured (embedded broker, external broker, syslog), HTTP batch ingest, the
// store persister and the device commander. The runtime passes the implementations it picked.
import type { CityModel } from '../../domain/index.js';
import type { Bus } from '../../platform/bus/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { DeviceCommander, type CommandTransport } from './device-commander.js';
import type { DeviceEnvelopes } from './device-envelopes.js';
import { DeviceMessageNormalizer } from './device-message-normalizer.js';
import { DeviceRegistry } from './device-registry.js';
import { EmbeddedMqttBroker, type EmbeddedMqttBrokerOptions } from './embedded-mqtt-broker.js';
import { EventIdGenerator } from './event-ids.js';
import { EventPersister, type EventPersisterOptions } from './event-persister.js';
import { createHttpBatchIngest, type HttpBatchResult } from './http-batch-ingest.js';
import { IngestCounters } from './ingest-counters.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { MqttSubscriptionSource, type MqttSubscriptionSourceOptions } from './mqtt-subscription-source.js';
import { Quarantine } from './quarantine.js';
import { SyslogNormalizer } from './syslog-normalizer.js';
import { SyslogReceiver, type SyslogReceiverOptions } from './syslog-receiver.js';

/** What ingest needs from the rest of the process. */
export interface IngestDeps {
  city: CityModel;
  bus: Bus;
  store: Store;
  clock: Clock;
  log?: Logger;
}

/** Which sources to run. Absent sections are off. */
export interface IngestConfig {
  /** The embedded broker; `port` defaults to 18830. */
  mqtt?: Pick<EmbeddedMqttBrokerOptions, 'host' | 'port' | 'tls'>;
  /** An external broker to subscribe to. */
  external?: Pick<MqttSubscriptionSourceOptions, 'url' | 'username' | 'password' | 'sharedGroup' | 'clientId'>;
  syslog?: Pick<SyslogReceiverOptions, 'host' | 'udpPort' | 'tcpPort'>;
  /** Largest device or syslog message, in bytes; default 64 KiB. */
  maxPayloadBytes?: number;
  /** Persist every event to `store.events` (default true); options of that subscriber. */
  persist?: false | EventPersisterOptions;
  /** Largest HTTP batch, in events; default 10,000. */
  httpMaxItems?: number;
  /** End-to-end encrypted devices: sealed messages opened, plaintext from enrolled devices refused, commands sealed. */
  envelopes?: DeviceEnvelopes;
}

/** Running ingest. */
export interface IngestService {
  readonly registry: DeviceRegistry;
  readonly pipeline: IngestPipeline;
  readonly counters: IngestCounters;
  readonly quarantine: Quarantine;
  readonly broker?: EmbeddedMqttBroker;
  readonly external?: MqttSubscriptionSource;
  readonly syslog?: SyslogReceiver;
  /** Sends commands through the embedded broker, else the external one; absent when neither runs. */
  readonly commander?: DeviceCommander;
  readonly persister?: EventPersister;
  /** POST /api/ingest/events: `(body, origin) => counts and per-item problems`. */
  readonly httpBatch: (body: unknown, origin: string) => Promise<HttpBatchResult>;
  /** Stops the sources, then writes out what is buffered. */
  stop(): Promise<void>;
}

/** Builds and starts ingest. On failure, whatever had started is stopped again. */
export async function startIngest(deps: IngestDeps, config: IngestConfig = {}): Promise<IngestService> {
  const { city, bus, store, clock, log } = deps;
  const ids = new EventIdGenerator();
  const counters = new IngestCounters();
  const registry = await DeviceRegistry.open(city, store.state, () => clock.now());
  const quarantine = new Quarantine({ store: store.quarantine, counters, clock, ids, ...(log ? { log } : {}) });
  const pipeline = new IngestPipeline({
    bus,
    normalizer: new DeviceMessageNormalizer(registry, clock, ids, config.envelopes),
    quarantine,
    counters,
    ...(config.maxPayloadBytes !== undefined ? { maxPayloadBytes: config.maxPayloadBytes } : {}),
    ...(log ? { log } : {}),
  });
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  const logged = log ? { log } : {};
  try {
    let persister: EventPersister | undefined;
    if (config.persist !== false) {
      const p = new EventPersister(bus, store.events, { ...logged, ...(config.persist ?? {}) });
      p.start();
      persister = p;
      stops.push(() => p.stop());
      // Sources stop first; then every queued event reaches its consumers before the persister leaves.
      stops.push(() => bus.drain());
    }
    stops.push(() => quarantine.flush());
    const parts: { broker?: EmbeddedMqttBroker; external?: MqttSubscriptionSource; syslog?: SyslogReceiver; commander?: DeviceCommander } = {};
    if (config.mqtt) {
      const broker = await EmbeddedMqttBroker.start({ registry, pipeline, clock, ids, ...config.mqtt, ...logged });
      stops.push(() => broker.close());
      parts.broker = broker;
    }
    if (config.external) {
      const external = new MqttSubscriptionSource({ ...config.external, pipeline, ...logged });
      await external.start();
      stops.push(() => external.close());
      parts.external = external;
    }
    if (config.syslog) {
      const normalizer = new SyslogNormalizer(registry, clock, ids);
      const max = config.maxPayloadBytes !== undefined ? { maxMessageBytes: config.maxPayloadBytes } : {};
      const syslog = await SyslogReceiver.start({ pipeline, normalizer, ...config.syslog, ...max, ...logged });
      stops.push(() => syslog.close());
      parts.syslog = syslog;
    }
    const transport: CommandTransport | undefined = parts.broker ?? parts.external;
    if (transport) {
      const envelopes = config.envelopes;
      const sealing = envelopes ? { sealCommand: envelopes.sealCommand.bind(envelopes) } : {};
      const commander = new DeviceCommander({ registry, transport, pipeline, clock, ids, ...sealing });
      stops.push(() => commander.close());
      parts.commander = commander;
    }
    const maxItems = config.httpMaxItems !== undefined ? { maxItems: config.httpMaxItems } : {};
    const httpBatch = createHttpBatchIngest({ pipeline, registry, clock, ids, ...maxItems });
    return { registry, pipeline, counters, quarantine, httpBatch, stop, ...parts, ...(persister ? { persister } : {}) };
  } catch (error) {
    await stop();
    throw error;
  }
}
