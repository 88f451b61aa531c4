// In-process transport: device messages go straight to subscribers, commands straight to devices.
// For drills on a ManualClock, where an hour of city runs in a second and no broker could keep up.
import type { DeviceChannel } from '../../../domain/index.js';
import type {
  CommandSink,
  ConnectReport,
  DeviceIdentity,
  DeviceTransport,
  TransportStats,
} from './device-transport.js';

/** One message a device sent: the topic it would have used on MQTT, and its body (not serialised). */
export interface DeviceMessage {
  topic: string;
  assetId: string;
  channel: DeviceChannel;
  body: object;
}

/** Receives device messages synchronously, in the order devices send them. */
export type DeviceMessageListener = (message: DeviceMessage) => void;

/** Delivers device messages to listeners in the same process. */
export class DirectDeviceTransport implements DeviceTransport {
  private readonly listeners = new Set<DeviceMessageListener>();
  private sink: CommandSink | undefined;
  private devices = new Set<string>();
  private counts = { published: 0, dropped: 0, listenerErrors: 0 };

  constructor(listener?: DeviceMessageListener) {
    if (listener) this.listeners.add(listener);
  }

  /** Adds a listener; returns a function that removes it. */
  subscribe(listener: DeviceMessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a command to a device as if it had arrived on its `cmd` topic. False when no such device is connected. */
  sendCommand(assetId: string, payload: unknown): boolean {
    if (!this.sink || !this.devices.has(assetId)) return false;
    this.sink(assetId, payload);
    return true;
  }

  async connect(devices: readonly DeviceIdentity[], onCommand: CommandSink): Promise<ConnectReport> {
    this.sink = onCommand;
    this.devices = new Set(devices.map((d) => d.assetId));
    return { connected: devices.length, failed: [] };
  }

  publish(device: DeviceIdentity, channel: DeviceChannel, body: object): void {
    if (!this.sink) {
      this.counts.dropped++;
      return;
    }
    this.counts.published++;
    const message: DeviceMessage = {
      topic: device.topicPrefix + channel,
      assetId: device.assetId,
      channel,
      body,
    };
    for (const l of this.listeners) {
      try {
        l(message);
      } catch {
        this.counts.listenerErrors++; // a failing consumer must not stop the simulated city
      }
    }
  }

  async close(): Promise<void> {
    this.sink = undefined;
    this.devices.clear();
  }

  stats(): TransportStats & { listenerErrors: number } {
    return { ...this.counts, connected: this.devices.size };
  }
}
