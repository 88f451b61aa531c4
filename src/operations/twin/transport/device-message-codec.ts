// How a device's messages look on the wire. Plain JSON by default; with end-to-end encryption each
// body is sealed by the device's own keys and each command opened (and checked) by them.
import type { DeviceChannel } from '../../../domain/index.js';
import type { DeviceIdentity } from './device-transport.js';

/** A command payload read from the wire, or why the device refused it. */
export type DecodedCommand = { ok: true; command: unknown } | { ok: false; reason: string };

/** Encodes device messages and decodes commands for one fleet of simulated devices. */
export interface DeviceMessageCodec {
  /** The bytes (or text) a device publishes for `body` on `channel`. */
  encode(device: DeviceIdentity, channel: DeviceChannel, body: object): Buffer | string;
  /** What a device makes of a payload on its `cmd` topic. */
  decode(device: DeviceIdentity, payload: Buffer): DecodedCommand;
}

/** Plain JSON both ways; an unreadable command is passed on as `{ malformed }` for the device to refuse. */
export const JSON_CODEC: DeviceMessageCodec = {
  encode: (_device, _channel, body) => JSON.stringify(body),
  decode: (_device, payload) => {
    try {
      return { ok: true, command: JSON.parse(payload.toString('utf8')) as unknown };
    } catch {
      return { ok: true, command: { malformed: payload.toString('utf8').slice(0, 200) } };
    }
  },
};
