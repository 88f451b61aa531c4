// Distribution grid devices: feeder and incomer breakers (load on a daily curve, P = √3·V·I·cosφ),
// the substation RTU, protection relays and serial-to-Ethernet gateways. Breakers change the power
// flow; everything else reports through the gateways, so a dead gateway blinds the substation.
import type { Asset } from '../../../domain/index.js';
import { loadProfile, profileAt, type ProfileName } from '../daily-profile.js';
import type { PowerGrid, PowerSource } from '../power-grid.js';
import type { DeviceIdentity } from '../transport/device-transport.js';
import type { TwinContext } from '../twin-context.js';
import {
  type CommandOutcome,
  type CommandRequest,
  type DeviceLinks,
  type Metrics,
  numParam,
  SimDevice,
  strParam,
} from './sim-device.js';

const POWER_FACTOR = 0.95;

/**
 * A feeder or incomer circuit breaker with its bay unit. In safe mode (the power service's manual
 * fallback) remote control stops and a crew is sent: `crewMinutes` (asset param, default 30) after
 * the switch it reaches the bay and closes a normally closed breaker that was left open.
 */
export class Breaker extends SimDevice implements PowerSource {
  closed: boolean;
  /** When the crew sent at the switch to manual reaches this breaker; undefined when none is on its way. */
  private crewDueMs: number | undefined;
  private readonly upstream: string | undefined;
  private readonly profile: ProfileName;
  private readonly peakMw: number;
  private readonly voltageKv: number;
  /** Feeders below an incomer; its load is theirs. */
  private feeders: Breaker[] = [];

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.closed = asset.params['normallyOpen'] !== true;
    this.upstream = strParam(asset, 'upstream');
    this.profile = loadProfile(asset.params['profile']);
    this.peakMw = numParam(asset, 'peakMw', 0);
    this.voltageKv = numParam(asset, 'voltageKv', 20);
  }

  override link(links: DeviceLinks): void {
    const up = this.upstream !== undefined ? links.device(this.upstream) : undefined;
    if (up instanceof Breaker) up.feeders.push(this);
  }

  supplies(grid: PowerGrid): boolean {
    return this.closed && grid.powered(this.upstream);
  }

  /** Load carried now, megawatts, before measurement noise. */
  loadMw(ctx: TwinContext): number {
    if (!ctx.grid.powered(this.identity.assetId)) return 0;
    if (this.feeders.length > 0) return this.feeders.reduce((sum, f) => sum + f.loadMw(ctx), 0);
    return this.peakMw * profileAt(this.profile, ctx.local.hour);
  }

  metrics(ctx: TwinContext): Metrics {
    const energised = ctx.grid.powered(this.identity.assetId);
    const loadMw = energised ? this.loadMw(ctx) * (1 + 0.01 * ctx.rng.normal()) : 0;
    const voltageKv = energised ? this.voltageKv * (1 + 0.004 * ctx.rng.normal()) : 0;
    const currentA =
      energised && voltageKv > 0 ? (loadMw * 1000) / (Math.sqrt(3) * voltageKv * POWER_FACTOR) : 0;
    return {
      closed: this.closed,
      current_a: round(Math.max(0, currentA), 1),
      voltage_kv: round(voltageKv, 2),
      load_mw: round(Math.max(0, loadMw), 3),
      mode: this.safeMode ? 'local' : 'remote',
    };
  }

  protected override onSafeMode(on: boolean, ctx: TwinContext): void {
    this.crewDueMs = on ? this.crewArrival(ctx) : undefined;
  }

  /** The station went to local control (its RTU): remote switching stops and a crew is on its way, reachable bay unit or not. */
  stationToLocal(on: boolean, ctx: TwinContext): void {
    this.safeMode = on;
    if (!on) this.crewDueMs = undefined;
    else this.crewDueMs ??= this.crewArrival(ctx);
  }

  private crewArrival(ctx: TwinContext): number {
    return ctx.nowMs + numParam(this.asset, 'crewMinutes', 30) * 60_000;
  }

  override step(_dtS: number, ctx: TwinContext): void {
    if (this.crewDueMs === undefined || ctx.nowMs < this.crewDueMs) return;
    this.crewDueMs = undefined;
    if (!this.closed && this.asset.params['normallyOpen'] !== true) {
      this.closed = true;
      ctx.grid.changed();
    }
  }

  protected apply(req: CommandRequest, ctx: TwinContext): CommandOutcome | undefined {
    if (req.command !== 'breaker.open' && req.command !== 'breaker.close') return undefined;
    this.closed = req.command === 'breaker.close';
    ctx.grid.changed();
    return { result: 'ok' };
  }
}

/**
 * A substation RTU: reports how many field points it still reaches through the gateways. Safe mode
 * puts the whole station under local control: its breakers refuse remote switching and the crew
 * sent out closes the ones left open, even behind a gateway that no longer works.
 */
export class Rtu extends SimDevice {
  private gateways: SimDevice[] = [];
  private breakers: Breaker[] = [];

  override link(links: DeviceLinks): void {
    const site = this.asset.site;
    const here = site === undefined ? [] : links.atSite(site);
    this.gateways = here.filter((d) => d.asset.kind === 'serial-gateway');
    this.breakers = here.filter((d): d is Breaker => d instanceof Breaker);
  }

  protected override onSafeMode(on: boolean, ctx: TwinContext): void {
    for (const b of this.breakers) b.stationToLocal(on, ctx);
  }

  metrics(ctx: TwinContext): Metrics {
    const points = numParam(this.asset, 'points', 64);
    const up =
      this.gateways.length === 0
        ? 1
        : this.gateways.filter((g) => g.reachable(ctx)).length / this.gateways.length;
    return { online: true, points: Math.round(points * up), cpu_pct: round(12 + 3 * ctx.rng.next(), 1) };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}

/** A serial-to-Ethernet gateway (e.g. Moxa NPort) carrying bay units' serial lines to the network. */
export class SerialGateway extends SimDevice {
  metrics(): Metrics {
    return {
      link_up: true,
      ports_active: numParam(this.asset, 'ports', 1),
      firmware_hash: this.firmwareHash,
    };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}

/** A protection relay; trips when its breaker opens under protection (not by remote command). */
export class ProtectionRelay extends SimDevice {
  metrics(): Metrics {
    return { tripped: false, mode: 'normal' };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}

/** Rounds to `digits` decimals. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
