// Counters the twin keeps, so every message it did or did not send can be accounted for.
import type { CommandOutcome } from './devices/sim-device.js';

/** A point-in-time copy of the twin's counters. */
export interface TwinStatsSnapshot {
  devices: number;
  ticks: number;
  /** Telemetry messages published. */
  telemetry: number;
  /** Publish slots skipped because the device could not talk (no power, dead gateway, rebooting, dead). */
  silent: number;
  events: number;
  acks: number;
  commands: { ok: number; rejected: number; error: number };
  /** Messages on a `cmd` topic that were not a valid command. */
  malformedCommands: number;
  /** Exceptions inside device models, caught so the loop goes on. */
  deviceErrors: number;
}

/** Mutable counters behind TwinStatsSnapshot. */
export class TwinStats {
  telemetry = 0;
  silent = 0;
  events = 0;
  acks = 0;
  malformedCommands = 0;
  deviceErrors = 0;
  private readonly commands = { ok: 0, rejected: 0, error: 0 };

  /** Counts a command outcome and returns it. */
  command(outcome: CommandOutcome): CommandOutcome {
    this.commands[outcome.result]++;
    return outcome;
  }

  snapshot(devices: number, ticks: number): TwinStatsSnapshot {
    const { telemetry, silent, events, acks, malformedCommands, deviceErrors } = this;
    return {
      devices,
      ticks,
      telemetry,
      silent,
      events,
      acks,
      commands: { ...this.commands },
      malformedCommands,
      deviceErrors,
    };
  }
}
