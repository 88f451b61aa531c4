// What a simulated device may ask of the twin while it runs: the time, the city's light and power,
// its neighbours, randomness, and a way to report events. The twin implements it; devices see only this.
import type { Asset, DeviceEventMessage } from '../../domain/index.js';
import type { LocalReading } from './local-time.js';
import type { PowerGrid } from './power-grid.js';
import type { SeededRandom } from './seeded-random.js';
import type { DeviceIdentity } from './transport/device-transport.js';

/** A simulated device as other devices and the twin see it (SimDevice implements it). */
export interface TwinDevice {
  readonly asset: Asset;
  readonly identity: DeviceIdentity;
  /** Whether the device can talk right now. */
  reachable(ctx: TwinContext): boolean;
}

/** The twin as one device sees it during a tick or a command. */
export interface TwinContext {
  /** Simulation time, epoch milliseconds. */
  readonly nowMs: number;
  /** City-local time of day, weekday and daylight. */
  readonly local: LocalReading;
  readonly rng: SeededRandom;
  /**
   * The twin's seed. Devices that need a random stream of their own (a zone's demand) derive it from
   * this and their asset id, so they add noise without shifting the shared stream other devices use.
   */
  readonly seed?: number | string;
  readonly grid: PowerGrid;
  /** Seconds between two telemetry messages of one device. */
  readonly publishIntervalS: number;
  device(id: string): TwinDevice | undefined;
  /** Publishes an event on the device's `events` channel if the device can talk right now. */
  emit(device: TwinDevice, body: DeviceEventMessage): void;
}
