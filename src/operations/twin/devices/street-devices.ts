// Street furniture: lighting segment controllers (dusk to dawn, dimmed to half after 23:00),
// cameras and their video recorders. All lose their electronics with the mains and fall silent.
import type { Asset } from '../../../domain/index.js';
import type { DeviceIdentity } from '../transport/device-transport.js';
import type { TwinContext } from '../twin-context.js';
import { round } from './power-devices.js';
import {
  type CommandOutcome,
  type CommandRequest,
  type Metrics,
  numParam,
  rejected,
  SimDevice,
} from './sim-device.js';

/** A street-light segment controller switching a street's luminaires. */
export class StreetLight extends SimDevice {
  private override: { on: boolean; dimPct: number } | undefined;
  private readonly ratedW: number;

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.ratedW = Math.max(0, numParam(asset, 'ratedW', 1500));
  }

  metrics(ctx: TwinContext): Metrics {
    const h = ctx.local.hour;
    const on = this.override ? this.override.on : ctx.local.dark;
    const dimPct = this.override ? this.override.dimPct : h >= 23 || h < 5 ? 50 : 100;
    const watts = on ? this.ratedW * (0.1 + (0.9 * dimPct) / 100) * (1 + 0.01 * ctx.rng.normal()) : 0;
    return { on, power_w: round(Math.max(0, watts), 0), dim_pct: dimPct };
  }

  protected override onSafeMode(on: boolean): void {
    if (on) this.override = undefined;
  }

  protected apply(req: CommandRequest, ctx: TwinContext): CommandOutcome | undefined {
    if (req.command === 'light.auto') {
      this.override = undefined;
      return { result: 'ok' };
    }
    if (req.command !== 'light.set') return undefined;
    const on = req.args['on'];
    const dim = req.args['dimPct'];
    if (on !== undefined && typeof on !== 'boolean') return rejected('on must be true or false');
    if (dim !== undefined && (typeof dim !== 'number' || dim < 0 || dim > 100))
      return rejected('dimPct must be 0 to 100');
    this.override = {
      on: on ?? this.override?.on ?? ctx.local.dark,
      dimPct: dim ?? this.override?.dimPct ?? 100,
    };
    return { result: 'ok' };
  }
}

/**
 * An IP camera streaming to its recorder; bitrate rises at night (sensor noise in low light). A
 * botnet that took it over can make it flood: its outbound connections a minute jump (Mirai, 2016).
 */
export class Camera extends SimDevice {
  private floodPerMin = 0;
  private floodUntilMs = 0;

  /** Adds `perMin` outbound connections a minute until `untilMs` (floods overlap by adding up). */
  flood(perMin: number, untilMs: number, ctx: TwinContext): void {
    this.floodPerMin = ctx.nowMs < this.floodUntilMs ? this.floodPerMin + perMin : perMin;
    this.floodUntilMs = Math.max(this.floodUntilMs, untilMs);
  }

  metrics(ctx: TwinContext): Metrics {
    const kbps =
      numParam(this.asset, 'bitrateKbps', 4096) * (ctx.local.dark ? 1.25 : 1) * (1 + 0.05 * ctx.rng.normal());
    const flood = ctx.nowMs < this.floodUntilMs ? Math.round(this.floodPerMin) : 0;
    return {
      recording: true,
      bitrate_kbps: round(Math.max(0, kbps), 0),
      conns_out_per_min: ctx.rng.poisson(2) + flood,
    };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}

/** A network video recorder overwriting its oldest footage once the disks are full. */
export class Nvr extends SimDevice {
  metrics(ctx: TwinContext): Metrics {
    const weekFraction = (ctx.nowMs / 604_800_000) % 1;
    return { recording: true, disk_pct: round(70 + 25 * weekFraction, 1) };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}
