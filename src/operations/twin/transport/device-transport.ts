// How simulated devices reach cityguard. One interface, two ways: each device as its own MQTT
// client (the real path), or direct in-process delivery for drills faster than real time.
import type { AssetKind, DeviceChannel } from '../../../domain/index.js';

/** The part of an asset a transport needs: who it is and where it publishes. */
export interface DeviceIdentity {
  readonly assetId: string;
  readonly district: string;
  readonly kind: AssetKind;
  /** `city/<district>/<kind>/<assetId>/`, to which the channel name is appended. */
  readonly topicPrefix: string;
}

/** Called with the parsed JSON of a message that arrived on a device's `cmd` topic (unvalidated). */
export type CommandSink = (assetId: string, payload: unknown) => void;

/** How connecting went: devices that could not connect are listed with the reason. */
export interface ConnectReport {
  connected: number;
  failed: Array<{ assetId: string; reason: string }>;
}

/** Counters every transport keeps. */
export interface TransportStats {
  published: number;
  /** Messages a device could not send (not connected, transport closed). */
  dropped: number;
  connected: number;
}

/** Carries device messages to cityguard and commands back to devices. */
export interface DeviceTransport {
  /** Brings every device online; resolves when each has connected or failed. */
  connect(devices: readonly DeviceIdentity[], onCommand: CommandSink): Promise<ConnectReport>;
  /** Sends one message body on a device channel; never throws (failures are counted as dropped). */
  publish(device: DeviceIdentity, channel: DeviceChannel, body: object): void;
  /** Disconnects every device. */
  close(): Promise<void>;
  stats(): TransportStats;
}

/** The identity of an asset, with its topic prefix built once. */
export function deviceIdentity(asset: { id: string; district: string; kind: AssetKind }): DeviceIdentity {
  return {
    assetId: asset.id,
    district: asset.district,
    kind: asset.kind,
    topicPrefix: `city/${asset.district}/${asset.kind}/${asset.id}/`,
  };
}
