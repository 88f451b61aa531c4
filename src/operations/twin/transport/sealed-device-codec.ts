// End-to-end encryption for the twin's devices, as a real device's firmware would do it: each
// enrolled device seals every message with its own DeviceClient (HPKE to the platform, channel
// bound inside) and accepts only commands signed by the platform and sealed to its own key.
// Devices without a client (not enrolled) keep speaking plain JSON.
import type { DeviceChannel } from '../../../domain/index.js';
import { COMMAND_MAGIC, frameDeviceMessage, type DeviceClient } from '../../../engines/device-security/index.js';
import { JSON_CODEC, type DecodedCommand, type DeviceMessageCodec } from './device-message-codec.js';
import type { DeviceIdentity } from './device-transport.js';

/** Seals and opens with each device's own client. */
export class SealedDeviceCodec implements DeviceMessageCodec {
  /** Commands refused by devices, by reason (forged, replayed, stale, plaintext …). */
  readonly refusedCommands: Record<string, number> = {};

  constructor(private readonly clients: ReadonlyMap<string, DeviceClient>) {}

  encode(device: DeviceIdentity, channel: DeviceChannel, body: object): Buffer | string {
    const client = this.clients.get(device.assetId);
    if (!client) return JSON_CODEC.encode(device, channel, body);
    return client.sealTelemetry(frameDeviceMessage(channel, JSON.stringify(body)));
  }

  decode(device: DeviceIdentity, payload: Buffer): DecodedCommand {
    const client = this.clients.get(device.assetId);
    if (!client) return JSON_CODEC.decode(device, payload);
    if (payload[0] !== COMMAND_MAGIC) return this.refuse('plaintext', 'a plaintext command: this device accepts only signed, sealed commands');
    const opened = client.openCommand(payload);
    if (!opened.ok) return this.refuse(opened.reason, opened.detail);
    return { ok: true, command: opened.command };
  }

  private refuse(reason: string, detail: string): DecodedCommand {
    this.refusedCommands[reason] = (this.refusedCommands[reason] ?? 0) + 1;
    return { ok: false, reason: `${reason}: ${detail}` };
  }
}
