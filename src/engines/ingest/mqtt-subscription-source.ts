// Device messages from an external MQTT broker (Mosquitto, an MQTT 5 cluster): subscribe to every
// device topic `city/+/+/+/+`, or to a shared subscription `$share/<group>/city/+/+/+/+` so several
// ingest processes split the load. The external broker does authentication and ACLs; ingest still
// checks that each topic's device, kind and district match the city model.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../../platform/log/index.js';
import type { CommandTransport } from './device-commander.js';
import { ingestExternalBroker } from './errors.js';
import type { IngestPipeline } from './ingest-pipeline.js';

/** The device topic filter. */
export const DEVICE_TOPIC_FILTER = 'city/+/+/+/+';

/** How to reach and subscribe to the external broker. */
export interface MqttSubscriptionSourceOptions {
  /** e.g. mqtt://127.0.0.1:1883 or mqtts://broker.city.local:8883 */
  url: string;
  pipeline: IngestPipeline;
  username?: string;
  password?: string;
  /** MQTT 5 shared-subscription group; absent for a plain subscription. */
  sharedGroup?: string;
  /** Default `cityguard-ingest-<pid>-<random>`. */
  clientId?: string;
  /** How long `start` waits for the first connection, in milliseconds; default 10 s. */
  connectTimeoutMs?: number;
  log?: Logger;
}

/** Subscribes to device topics on an external broker and feeds the pipeline. */
export class MqttSubscriptionSource implements CommandTransport {
  private client: MqttClient | undefined;

  constructor(private readonly options: MqttSubscriptionSourceOptions) {}

  /** The filter this source subscribes to. */
  get filter(): string {
    return this.options.sharedGroup ? `$share/${this.options.sharedGroup}/${DEVICE_TOPIC_FILTER}` : DEVICE_TOPIC_FILTER;
  }

  /** Connects and subscribes; rejects CG_INGEST_EXTERNAL_BROKER when either fails. Reconnects on its own afterwards. */
  async start(): Promise<void> {
    const o = this.options;
    const clientOptions: IClientOptions = {
      protocolVersion: 5,
      clientId: o.clientId ?? `cityguard-ingest-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
    };
    const client = mqtt.connect(o.url, clientOptions);
    this.client = client;
    // Messages are handed over one at a time and the next is read only once the pipeline has room.
    client.handleMessage = (packet, done) => {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      const wait = o.pipeline.acceptDeviceMessage(packet.topic, payload, `broker ${o.url}`);
      if (wait) void wait.then(() => done());
      else done();
    };
    client.on('error', (error) => o.log?.warn({ err: error, url: o.url }, 'external MQTT broker error'));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no connection within ${clientOptions.connectTimeout} ms`)), clientOptions.connectTimeout);
        client.once('connect', () => (clearTimeout(timer), resolve()));
        client.once('error', (error) => (clearTimeout(timer), reject(error)));
      });
      const granted = await client.subscribeAsync(this.filter, { qos: 1 });
      if (granted.some((g) => g.qos > 2)) throw new Error(`the broker refused the subscription to ${this.filter}`);
    } catch (error) {
      await this.close();
      throw ingestExternalBroker(o.url, error);
    }
  }

  /** Publishes through the external broker (device commands), QoS 1. */
  async publish(topic: string, payload: Buffer): Promise<void> {
    if (!this.client) throw ingestExternalBroker(this.options.url, new Error('not started'));
    await this.client.publishAsync(topic, payload, { qos: 1 });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true);
  }
}
