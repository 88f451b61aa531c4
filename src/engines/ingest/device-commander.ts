// Commands to devices for the response layer: publish a DeviceCommandMessage on the device's `cmd`
// topic through whichever broker carries device traffic, and match the device's `cmd-ack` by id.
// Commands to devices enrolled for end-to-end encryption go signed and sealed (`sealCommand`).
import { acceptsCommand, deviceTopic, type CommandActor, type DeviceCommandMessage, type Scalar } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { DeviceRegistry } from './device-registry.js';
import type { ReceivedAck } from './device-message-normalizer.js';
import type { EventIdGenerator } from './event-ids.js';
import { ingestCommandNotAccepted, ingestCommandTimeout, ingestUnknownDevice } from './errors.js';
import type { IngestPipeline } from './ingest-pipeline.js';

/** Something that can publish a message on a topic: the embedded broker or an external one. */
export interface CommandTransport {
  publish(topic: string, payload: Buffer): Promise<void>;
}

/** A command to send. */
export interface CommandRequest {
  command: string;
  args?: Record<string, Scalar>;
  /** Who orders it (a user or playbook); recorded by the device in its command event. */
  actor?: CommandActor;
}

/** Options of the commander. */
export interface DeviceCommanderOptions {
  registry: DeviceRegistry;
  transport: CommandTransport;
  pipeline: IngestPipeline;
  clock: Clock;
  ids: EventIdGenerator;
  /** How long `sendAndWait` waits for an ack, in clock milliseconds; default 10 s. */
  ackTimeoutMs?: number;
  /** Signs and seals a command for an enrolled device (end-to-end encryption); undefined sends plain JSON. */
  sealCommand?: (assetId: string, message: DeviceCommandMessage) => Buffer | undefined;
}

/** Sends commands to devices and reads their acknowledgements. */
export class DeviceCommander {
  private readonly waiting = new Map<string, { assetId: string; resolve: (ack: ReceivedAck) => void }>();
  private readonly stopListening: () => void;

  constructor(private readonly options: DeviceCommanderOptions) {
    this.stopListening = options.pipeline.onAck((ack) => {
      const w = ack.id !== undefined ? this.waiting.get(ack.id) : undefined;
      if (w && w.assetId === ack.assetId) {
        this.waiting.delete(ack.id!);
        w.resolve(ack);
      }
    });
  }

  /** Publishes a command; resolves with its id and topic once the broker has taken it. */
  async send(assetId: string, request: CommandRequest): Promise<{ id: string; topic: string }> {
    return this.publish(assetId, request, `cmd-${this.options.ids.next()}`);
  }

  /** Publishes a command and resolves with the device's ack; rejects CG_INGEST_COMMAND_TIMEOUT without one. */
  sendAndWait(assetId: string, request: CommandRequest, timeoutMs = this.options.ackTimeoutMs ?? 10_000): Promise<ReceivedAck> {
    const id = `cmd-${this.options.ids.next()}`;
    return new Promise<ReceivedAck>((resolve, reject) => {
      // Registered before publishing: a fast device may answer before the broker confirms the publish.
      const timer = this.options.clock.after(timeoutMs, () => {
        this.waiting.delete(id);
        reject(ingestCommandTimeout(assetId, id, timeoutMs));
      });
      this.waiting.set(id, { assetId, resolve: (ack) => (timer.cancel(), resolve(ack)) });
      this.publish(assetId, request, id).catch((error: unknown) => {
        timer.cancel();
        this.waiting.delete(id);
        reject(error);
      });
    });
  }

  private async publish(assetId: string, request: CommandRequest, id: string): Promise<{ id: string; topic: string }> {
    const asset = this.options.registry.asset(assetId);
    if (!asset) throw ingestUnknownDevice(assetId);
    if (!acceptsCommand(asset.kind, request.command)) throw ingestCommandNotAccepted(assetId, asset.kind, request.command);
    const message: DeviceCommandMessage = { id, ts: this.options.clock.now(), command: request.command };
    if (request.args) message.args = request.args;
    if (request.actor) message.actor = request.actor;
    const topic = deviceTopic(asset.district, asset.kind, asset.id, 'cmd');
    const sealed = this.options.sealCommand?.(asset.id, message);
    await this.options.transport.publish(topic, sealed ?? Buffer.from(JSON.stringify(message)));
    return { id, topic };
  }

  /** Stops matching acks; pending waits run into their timeouts. */
  close(): void {
    this.stopListening();
  }
}
