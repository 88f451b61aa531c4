// Water supply: reservoirs whose level follows a mass balance (pump inflow minus zone demand, through
// inlet and outlet valves), pumps, valves and network pressure sensors. Level in metres, flows in
// litres per second, area in square metres: Δh = (Qin − Qout) · Δt / 1000 / A. A tank with
// `weeklyDemand` or `demandNoise` params draws a ZoneDemand (weekend shape, random swings); a
// pressure sensor with `headLossM` loses head to friction as the zone draws more (Hazen–Williams).
import type { Asset } from '../../../domain/index.js';
import { profileAt } from '../daily-profile.js';
import type { DeviceIdentity } from '../transport/device-transport.js';
import type { TwinContext } from '../twin-context.js';
import { round } from './power-devices.js';
import { ZoneDemand } from './zone-demand.js';
import {
  type CommandOutcome,
  type CommandRequest,
  type DeviceLinks,
  type Metrics,
  numParam,
  rejected,
  SimDevice,
  strParam,
} from './sim-device.js';

/** Hydrostatic pressure of one metre of water, bar. */
const BAR_PER_M = 0.0981;
/** Below this level the outlet starts to draw air and outflow falls off, metres. */
const EMPTY_M = 0.05;
/** Hazen–Williams flow exponent: friction head loss grows with flow to this power. */
const HAZEN_WILLIAMS_EXPONENT = 1.852;

/** A reservoir or clear-water tank with its level radar. */
export class Tank extends SimDevice {
  levelM: number;
  inLps = 0;
  outLps = 0;
  readonly heightM: number;
  private readonly areaM2: number;
  private readonly demandLps: number;
  private demand: ZoneDemand | null | undefined;
  private pumps: Pump[] = [];
  private inlets: Valve[] = [];
  private outlets: Valve[] = [];

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.heightM = Math.max(0.5, numParam(asset, 'heightM', 5));
    this.areaM2 = Math.max(1, numParam(asset, 'areaM2', 500));
    this.levelM = Math.min(this.heightM, Math.max(0, numParam(asset, 'initialLevelM', this.heightM * 0.7)));
    this.demandLps = Math.max(0, numParam(asset, 'demandLps', 0));
  }

  /** Registers a pump that fills this tank. */
  addPump(p: Pump): void {
    this.pumps.push(p);
  }

  /** Registers an inlet or outlet valve. */
  addValve(v: Valve, role: 'inlet' | 'outlet'): void {
    (role === 'inlet' ? this.inlets : this.outlets).push(v);
  }

  /** The zone's mean draw, litres per second (the `demandLps` param). */
  get meanDemandLps(): number {
    return this.demandLps;
  }

  /** Share of the inlet path open, 0 … 1. */
  inletOpen(): number {
    return meanOpen(this.inlets);
  }

  override step(dtS: number, ctx: TwinContext): void {
    const inlet = this.inletOpen();
    this.inLps = this.pumps.reduce((q, p) => q + p.flowLps(ctx), 0) * inlet;
    const draw = this.zoneDraw(dtS, ctx) * meanOpen(this.outlets);
    this.outLps = draw * Math.min(1, this.levelM / EMPTY_M);
    this.levelM = Math.min(
      this.heightM,
      Math.max(0, this.levelM + ((this.inLps - this.outLps) * dtS) / 1000 / this.areaM2),
    );
  }

  /** What the zone draws now: the plain daily shape, or a ZoneDemand when the params ask for one. */
  private zoneDraw(dtS: number, ctx: TwinContext): number {
    if (this.demand === undefined) {
      const noise = Math.max(0, numParam(this.asset, 'demandNoise', 0));
      const weekly = this.asset.params['weeklyDemand'] === true;
      this.demand = noise > 0 || weekly ? new ZoneDemand({ meanLps: this.demandLps, weekly, noise, seed: `${String(ctx.seed ?? 1)}/${this.asset.id}/demand` }) : null;
    }
    return this.demand === null ? this.demandLps * profileAt('water', ctx.local.hour) : this.demand.step(dtS, ctx.local);
  }

  metrics(ctx: TwinContext): Metrics {
    return {
      level_m: round(this.levelM + 0.003 * ctx.rng.normal(), 3),
      inflow_lps: round(this.inLps - this.outLps, 1),
    };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}

function meanOpen(valves: readonly Valve[]): number {
  return valves.length === 0 ? 1 : valves.reduce((s, v) => s + v.openPct, 0) / valves.length / 100;
}

/** A pump filling a tank, started and stopped by its PLC unless held on or off by command. */
export class Pump extends SimDevice {
  hold: 'auto' | 'on' | 'off' = 'auto';
  speedPct = 100;
  /** What the PLC asks for; pumps without a PLC run whenever powered. */
  plcDemand = true;
  private readonly ratedLps: number;
  private tank: Tank | undefined;

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.ratedLps = Math.max(0, numParam(asset, 'ratedFlowLps', 50));
  }

  override link(links: DeviceLinks): void {
    const tank = links.device(strParam(this.asset, 'tank') ?? '');
    if (tank instanceof Tank) {
      this.tank = tank;
      tank.addPump(this);
    }
    const plc = links.device(strParam(this.asset, 'plc') ?? '') as
      (SimDevice & { addPump?: (p: Pump) => void }) | undefined;
    plc?.addPump?.(this);
  }

  running(ctx: TwinContext): boolean {
    return this.powered(ctx) && (this.hold === 'on' || (this.hold === 'auto' && this.plcDemand));
  }

  /** Delivered flow, litres per second (before the tank's inlet valve). */
  flowLps(ctx: TwinContext): number {
    return this.running(ctx) ? (this.ratedLps * this.speedPct) / 100 : 0;
  }

  metrics(ctx: TwinContext): Metrics {
    const q = this.flowLps(ctx) * (this.tank ? this.tank.inletOpen() : 1);
    return {
      running: this.running(ctx),
      flow_lps: round(q > 0 ? q * (1 + 0.01 * ctx.rng.normal()) : 0, 1),
      speed_pct: this.speedPct,
    };
  }

  protected override onSafeMode(on: boolean): void {
    if (on) this.hold = 'auto';
  }

  protected apply(req: CommandRequest): CommandOutcome | undefined {
    switch (req.command) {
      case 'pump.start':
        this.hold = 'on';
        return { result: 'ok' };
      case 'pump.stop':
        this.hold = 'off';
        return { result: 'ok' };
      case 'pump.auto':
        this.hold = 'auto';
        return { result: 'ok' };
      case 'pump.set-speed': {
        const pct = req.args['pct'];
        if (typeof pct !== 'number' || pct < 0 || pct > 100)
          return rejected('pct must be a number from 0 to 100');
        this.speedPct = pct;
        return { result: 'ok' };
      }
    }
    return undefined;
  }
}

/** A motorised valve on a tank's inlet or outlet. */
export class Valve extends SimDevice {
  openPct: number;
  private tank: Tank | undefined;
  private readonly role: 'inlet' | 'outlet';

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.openPct = Math.min(100, Math.max(0, numParam(asset, 'initialOpenPct', 100)));
    this.role = asset.params['role'] === 'inlet' ? 'inlet' : 'outlet';
  }

  override link(links: DeviceLinks): void {
    const tank = links.device(strParam(this.asset, 'tank') ?? '');
    if (tank instanceof Tank) {
      this.tank = tank;
      tank.addValve(this, this.role);
    }
  }

  metrics(): Metrics {
    const q = !this.tank ? 0 : this.role === 'inlet' ? this.tank.inLps : this.tank.outLps;
    return { open_pct: this.openPct, flow_lps: round(this.openPct > 0 ? q : 0, 1) };
  }

  protected apply(req: CommandRequest): CommandOutcome | undefined {
    if (req.command !== 'valve.set') return undefined;
    const pct = req.args['openPct'];
    if (typeof pct !== 'number' || pct < 0 || pct > 100)
      return rejected('openPct must be a number from 0 to 100');
    this.openPct = pct;
    return { result: 'ok' };
  }
}

/** A network pressure sensor below a reservoir: static head plus the water in the tank. */
export class PressureSensor extends SimDevice {
  private tank: Tank | undefined;

  override link(links: DeviceLinks): void {
    const tank = links.device(strParam(this.asset, 'tank') ?? '');
    if (tank instanceof Tank) this.tank = tank;
  }

  metrics(ctx: TwinContext): Metrics {
    const head = numParam(this.asset, 'elevationHeadM', 40);
    const level = this.tank?.levelM ?? 3;
    const bar = level <= EMPTY_M ? 0.2 : BAR_PER_M * (head + level - this.frictionM());
    return { pressure_bar: round(bar + 0.01 * ctx.rng.normal(), 2) };
  }

  /** Friction head lost between the reservoir and this sensor at the zone's present draw, metres. */
  private frictionM(): number {
    const atMean = numParam(this.asset, 'headLossM', 0);
    const mean = this.tank?.meanDemandLps ?? 0;
    if (atMean <= 0 || !this.tank || mean <= 0) return 0;
    return atMean * (Math.max(0, this.tank.outLps) / mean) ** HAZEN_WILLIAMS_EXPONENT;
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}
