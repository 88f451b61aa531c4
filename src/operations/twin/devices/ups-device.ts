// A UPS (with or without a standby generator): carries its loads on battery when the mains fail,
// hands over to the generator where there is one, and cuts its output when a shutdown it was told
// to schedule comes due — as the control-centre UPS units were in Ukraine, December 2015.
import type { Asset } from '../../../domain/index.js';
import type { PowerGrid, PowerSource } from '../power-grid.js';
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
  strParam,
} from './sim-device.js';

/** Seconds from mains failure until a standby generator carries the load (start and transfer). */
const GENERATOR_TRANSFER_S = 12;
/** Recharge speed relative to discharge at full load. */
const RECHARGE_RATIO = 0.2;

/** An uninterruptible power supply feeding loads that name it as their `ups`. */
export class UpsDevice extends SimDevice implements PowerSource {
  chargePct = 100;
  private shutdownAtMs: number | undefined;
  private outputOff = false;
  private mainsLostAtMs: number | undefined;
  private readonly feeder: string | undefined;
  private readonly backupS: number;
  private readonly generator: boolean;

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.feeder = strParam(asset, 'feeder');
    this.backupS = numParam(asset, 'backupMin', 15) * 60;
    this.generator = asset.params['generator'] === true;
  }

  /** The UPS itself draws from its feeder, not from itself. */
  override powered(ctx: TwinContext): boolean {
    return ctx.grid.powered(this.feeder);
  }

  supplies(grid: PowerGrid): boolean {
    return !this.outputOff && (grid.powered(this.feeder) || this.chargePct > 0 || this.onGenerator());
  }

  override step(dtS: number, ctx: TwinContext): void {
    const mains = ctx.grid.powered(this.feeder);
    if (this.shutdownAtMs !== undefined && ctx.nowMs >= this.shutdownAtMs) {
      this.shutdownAtMs = undefined;
      this.cutOutput(ctx, 'UPS output turned off by scheduled shutdown');
    }
    if (!mains && this.mainsLostAtMs === undefined) {
      this.mainsLostAtMs = ctx.nowMs;
      ctx.emit(this, this.log(3, 'ups', 'Mains failure: load on battery', { event: 'on-battery' }));
    } else if (mains && this.mainsLostAtMs !== undefined) {
      this.mainsLostAtMs = undefined;
      ctx.emit(this, this.log(5, 'ups', 'Mains restored: load back on utility', { event: 'mains-restored' }));
    }
    if (this.generator && !mains && this.mainsLostAtMs !== undefined && this.generatorJustStarted(ctx, dtS)) {
      ctx.emit(
        this,
        this.log(4, 'ups', 'Standby generator running: load transferred', { event: 'on-generator' }),
      );
    }
    if (this.onBattery(ctx)) this.chargePct = Math.max(0, this.chargePct - (100 * dtS) / this.backupS);
    else if (this.chargePct < 100)
      this.chargePct = Math.min(100, this.chargePct + (100 * dtS * RECHARGE_RATIO) / this.backupS);
    if (this.chargePct === 0 && !this.outputOff && this.onBattery(ctx))
      this.cutOutput(ctx, 'Battery exhausted: UPS output off');
  }

  /** Whether loads behind the UPS have power now, and whether that power comes from the mains. */
  delivery(ctx: TwinContext): { delivering: boolean; onMains: boolean } {
    return { delivering: this.supplies(ctx.grid), onMains: !this.outputOff && ctx.grid.powered(this.feeder) };
  }

  /** Safe mode cancels a pending shutdown; remote commands are refused while it lasts. */
  protected override onSafeMode(on: boolean): void {
    if (on) this.shutdownAtMs = undefined;
  }

  metrics(ctx: TwinContext): Metrics {
    return {
      on_battery: this.onBattery(ctx),
      charge_pct: round(this.chargePct, 1),
      shutdown_scheduled: this.shutdownAtMs !== undefined,
    };
  }

  protected apply(req: CommandRequest, ctx: TwinContext): CommandOutcome | undefined {
    if (req.command === 'ups.cancel-shutdown') {
      this.shutdownAtMs = undefined;
      return { result: 'ok' };
    }
    if (req.command !== 'ups.schedule-shutdown') return undefined;
    const delayS = req.args['delayS'];
    if (typeof delayS !== 'number' || !(delayS >= 0))
      return rejected('ups.schedule-shutdown needs delayS ≥ 0');
    this.shutdownAtMs = ctx.nowMs + delayS * 1000;
    ctx.emit(
      this,
      this.log(4, 'ups', `UPS shutdown scheduled in ${delayS} s`, {
        event: 'shutdown-scheduled',
        delay_s: delayS,
      }),
    );
    return { result: 'ok' };
  }

  private onGenerator(): boolean {
    return this.generator && this.mainsLostAtMs !== undefined;
  }

  private generatorJustStarted(ctx: TwinContext, dtS: number): boolean {
    const sinceS = (ctx.nowMs - (this.mainsLostAtMs ?? ctx.nowMs)) / 1000;
    return sinceS >= GENERATOR_TRANSFER_S && sinceS - dtS < GENERATOR_TRANSFER_S;
  }

  private onBattery(ctx: TwinContext): boolean {
    if (this.outputOff || ctx.grid.powered(this.feeder)) return false;
    const sinceS = (ctx.nowMs - (this.mainsLostAtMs ?? ctx.nowMs)) / 1000;
    return !this.generator || sinceS < GENERATOR_TRANSFER_S;
  }

  private cutOutput(ctx: TwinContext, message: string): void {
    this.outputOff = true;
    ctx.grid.changed();
    ctx.emit(this, this.log(2, 'ups', message, { event: 'output-off' }));
  }
}
