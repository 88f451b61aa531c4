// Each simulated device is its own MQTT 3.1.1 client: its asset id as client id and username, its
// own password, JSON on `city/<district>/<kind>/<assetId>/<channel>`, commands on its `cmd` topic,
// and a last will that says it went offline. This is the path a real field device takes.
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { DeviceChannel } from '../../../domain/index.js';
import { JSON_CODEC, type DeviceMessageCodec } from './device-message-codec.js';
import type {
  CommandSink,
  ConnectReport,
  DeviceIdentity,
  DeviceTransport,
  TransportStats,
} from './device-transport.js';

/** How to reach the broker and which password each device uses. */
export interface MqttDeviceTransportOptions {
  /** Broker URL, e.g. mqtt://127.0.0.1:1883. */
  url: string;
  /** The device's own password; the broker checks it against the device's credential. */
  password: (assetId: string) => string;
  /** Devices connecting at once, so thousands do not hit the broker in one burst (default 50). */
  connectConcurrency?: number;
  /** Give up on a device's first connection after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** Extra mqtt.js options (TLS material, keepalive); protocol, identity and will are set here. */
  clientOptions?: Partial<IClientOptions>;
  /** How bodies and commands look on the wire (default plain JSON; SealedDeviceCodec for end-to-end encryption). */
  codec?: DeviceMessageCodec;
}

/** CONNACK return codes (MQTT 3.1.1 §3.2.2.3) after which retrying cannot help. */
const FATAL_CONNACK: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'client identifier rejected',
  4: 'bad user name or password',
  5: 'not authorised',
};

/** Socket errors on the first connection that mean no broker is there: fail fast instead of retrying. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/** One mqtt.js client per device. */
export class MqttDeviceTransport implements DeviceTransport {
  private readonly clients = new Map<string, MqttClient>();
  private counts = { published: 0, dropped: 0, commandsRefused: 0 };
  private readonly codec: DeviceMessageCodec;

  constructor(private readonly options: MqttDeviceTransportOptions) {
    this.codec = options.codec ?? JSON_CODEC;
  }

  async connect(devices: readonly DeviceIdentity[], onCommand: CommandSink): Promise<ConnectReport> {
    const failed: ConnectReport['failed'] = [];
    const width = Math.max(1, this.options.connectConcurrency ?? 50);
    for (let i = 0; i < devices.length; i += width) {
      const batch = devices.slice(i, i + width);
      const results = await Promise.all(batch.map((d) => this.connectOne(d, onCommand)));
      results.forEach((reason, j) => {
        if (reason !== null) failed.push({ assetId: batch[j]!.assetId, reason });
      });
    }
    return { connected: devices.length - failed.length, failed };
  }

  publish(device: DeviceIdentity, channel: DeviceChannel, body: object): void {
    const client = this.clients.get(device.assetId);
    if (!client || !client.connected) {
      this.counts.dropped++;
      return;
    }
    this.counts.published++;
    client.publish(device.topicPrefix + channel, this.codec.encode(device, channel, body), { qos: 0 });
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.endAsync(false).catch(() => undefined)));
  }

  stats(): TransportStats & { commandsRefused: number } {
    let connected = 0;
    for (const c of this.clients.values()) if (c.connected) connected++;
    return { ...this.counts, connected };
  }

  /** Resolves null once connected and subscribed, or the reason it could not connect. */
  private connectOne(device: DeviceIdentity, onCommand: CommandSink): Promise<string | null> {
    const cmdTopic = `${device.topicPrefix}cmd`;
    const client = connect(this.options.url, {
      reconnectPeriod: 2000,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      ...this.options.clientOptions,
      protocolVersion: 4,
      clientId: device.assetId,
      username: device.assetId,
      password: this.options.password(device.assetId),
      clean: true,
      queueQoSZero: false,
      will: {
        topic: `${device.topicPrefix}status`,
        payload: Buffer.from(JSON.stringify({ online: false, reason: 'connection lost' })),
        qos: 1,
        retain: false,
      },
    });
    client.on('message', (topic, payload) => {
      if (topic !== cmdTopic) return;
      const decoded = this.codec.decode(device, payload);
      if (decoded.ok) return onCommand(device.assetId, decoded.command);
      // Forged, replayed or stale: the device never acts on it, and says so on its events channel.
      this.counts.commandsRefused++;
      this.publish(device, 'events', { type: 'log', severity: 4, app: 'command-guard', message: `refused a command: ${decoded.reason}`, attrs: { reason: decoded.reason.split(':')[0]! } });
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish('connect timed out'), this.options.connectTimeoutMs ?? 10_000);
      const finish = (reason: string | null) => {
        clearTimeout(timer);
        client.removeListener('error', onError);
        if (reason === null) {
          this.clients.set(device.assetId, client);
          client.on('error', () => undefined); // later errors: mqtt.js reconnects on its own
        } else {
          client.end(true);
        }
        resolve(reason);
      };
      const onError = (err: Error & { code?: number | string }) => {
        if (typeof err.code === 'string' && UNREACHABLE.has(err.code))
          return finish(`broker unreachable: ${err.code}`);
        const fatal = typeof err.code === 'number' ? FATAL_CONNACK[err.code] : undefined;
        if (fatal) finish(`broker refused the connection: ${fatal}`);
      };
      client.on('error', onError);
      client.once('connect', () => {
        client.subscribe(cmdTopic, { qos: 1 }, (err) =>
          finish(err ? `could not subscribe to ${cmdTopic}: ${err.message}` : null),
        );
      });
    });
  }
}
