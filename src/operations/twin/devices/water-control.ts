// Water control: the PLC keeping a tank between its start and stop levels by switching its pumps,
// and the flow-paced dosing pump whose setpoint (mg/l) and stock strength give the dosing rate:
// rate [l/h] = setpoint [mg/l] · inflow [l/s] · 3600 / stock [mg/l].
import type { Asset } from '../../../domain/index.js';
import type { DeviceIdentity } from '../transport/device-transport.js';
import type { TwinContext } from '../twin-context.js';
import { round } from './power-devices.js';
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
import { type Pump, Tank } from './water-devices.js';

/** pH of the raw water before correction. */
const RAW_PH = 7.1;

/** A PLC running two-point level control over the pumps that fill its tank. */
export class Plc extends SimDevice {
  mode: 'remote' | 'local' | 'stop' = 'remote';
  startLevelM: number;
  stopLevelM: number;
  private demand = false;
  private tank: Tank | undefined;
  private readonly pumps: Pump[] = [];

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.startLevelM = numParam(asset, 'startLevelM', 2);
    this.stopLevelM = numParam(asset, 'stopLevelM', 4);
  }

  override link(links: DeviceLinks): void {
    const tank = links.device(strParam(this.asset, 'tank') ?? '');
    if (tank instanceof Tank) this.tank = tank;
  }

  /** Registers a pump this PLC switches. */
  addPump(p: Pump): void {
    this.pumps.push(p);
  }

  override step(_dtS: number, ctx: TwinContext): void {
    const working = this.alive && this.mode !== 'stop' && this.powered(ctx);
    if (!working || !this.tank) this.demand = false;
    else if (this.tank.levelM < this.startLevelM) this.demand = true;
    else if (this.tank.levelM > this.stopLevelM) this.demand = false;
    for (const p of this.pumps) p.plcDemand = this.demand;
  }

  metrics(ctx: TwinContext): Metrics {
    return {
      cpu_pct: round(18 + 4 * ctx.rng.next(), 1),
      online: true,
      mode: this.mode,
      program_hash: this.firmwareHash,
    };
  }

  protected override onSafeMode(on: boolean): void {
    if (on) this.mode = 'local';
  }

  protected apply(req: CommandRequest): CommandOutcome | undefined {
    if (req.command === 'plc.set-mode') {
      const mode = req.args['mode'];
      if (mode !== 'remote' && mode !== 'local' && mode !== 'stop')
        return rejected('mode must be remote, local or stop');
      this.mode = mode;
      return { result: 'ok' };
    }
    if (req.command !== 'plc.set-levels') return undefined;
    if (this.mode === 'local') return rejected('PLC in local mode: remote setpoints refused');
    const start = req.args['startLevelM'];
    const stop = req.args['stopLevelM'];
    if (typeof start !== 'number' || typeof stop !== 'number' || start < 0 || stop <= start) {
      return rejected('needs numbers 0 ≤ startLevelM < stopLevelM');
    }
    this.startLevelM = start;
    this.stopLevelM = stop;
    return { result: 'ok' };
  }
}

/** A chemical dosing pump paced by the flow into its tank. */
export class DosingPump extends SimDevice {
  setpointPpm: number;
  hold: 'auto' | 'on' | 'off' = 'auto';
  private tank: Tank | undefined;
  private readonly stockPpm: number;
  private readonly caustic: boolean;

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.setpointPpm = Math.max(0, numParam(asset, 'setpointPpm', 1));
    this.stockPpm = Math.max(1, numParam(asset, 'stockPpm', 150_000));
    this.caustic = asset.params['chemical'] === 'naoh';
  }

  override link(links: DeviceLinks): void {
    const tank = links.device(strParam(this.asset, 'tank') ?? '');
    if (tank instanceof Tank) this.tank = tank;
  }

  /** Dosing rate now, litres per hour. */
  rateLph(ctx: TwinContext): number {
    const inflow = this.tank?.inLps ?? 0;
    const running = this.powered(ctx) && this.hold !== 'off' && (this.hold === 'on' || inflow > 0);
    return running ? (this.setpointPpm * Math.max(inflow, 0) * 3600) / this.stockPpm : 0;
  }

  metrics(ctx: TwinContext): Metrics {
    const rate = this.rateLph(ctx);
    const m: Metrics = { setpoint_ppm: this.setpointPpm, rate_lph: round(rate, 2) };
    // Caustic soda raises pH roughly with the log of the dose; dosing stopped leaves raw water.
    if (this.caustic)
      m['ph'] = round(rate > 0 ? RAW_PH + 1.8 * Math.log10(1 + this.setpointPpm / 40) : RAW_PH, 2);
    return m;
  }

  protected override onSafeMode(on: boolean): void {
    if (!on) return;
    this.setpointPpm = Math.max(0, numParam(this.asset, 'setpointPpm', 1));
    this.hold = 'auto';
  }

  protected apply(req: CommandRequest): CommandOutcome | undefined {
    switch (req.command) {
      case 'dosing.set-setpoint': {
        const ppm = req.args['ppm'];
        if (typeof ppm !== 'number' || ppm < 0 || ppm > 1_000_000)
          return rejected('ppm must be a number from 0 to 1,000,000');
        this.setpointPpm = ppm;
        return { result: 'ok' };
      }
      case 'pump.start':
        this.hold = 'on';
        return { result: 'ok' };
      case 'pump.stop':
        this.hold = 'off';
        return { result: 'ok' };
    }
    return undefined;
  }
}
