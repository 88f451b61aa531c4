// An intersection signal controller: a two-phase plan (north–south, east–west) with yellow and
// all-red clearance, coordinated by offset or fixed-time, flashing on command, dark without power,
// and a conflict monitor (MMU) that puts the cabinet into red flash when conflicting greens appear.
import type { Asset, Scalar } from '../../../domain/index.js';
import type { DeviceIdentity } from '../transport/device-transport.js';
import type { TwinContext } from '../twin-context.js';
import {
  type CommandOutcome,
  type CommandRequest,
  type Metrics,
  numParam,
  rejected,
  SimDevice,
} from './sim-device.js';

type Lamp = 'green' | 'yellow' | 'red' | 'dark' | 'flashing-yellow' | 'flashing-red';
type Mode = 'coordinated' | 'fixed-time' | 'flashing' | 'manual';

const YELLOW_S = 3;
const ALL_RED_S = 2;
const LAMPS: readonly Lamp[] = ['green', 'yellow', 'red', 'dark', 'flashing-yellow', 'flashing-red'];
const MODES: readonly Mode[] = ['coordinated', 'fixed-time', 'flashing'];

/** Lamps that let traffic move; two of them on crossing approaches is a conflict. */
const moving = (l: Lamp) => l === 'green' || l === 'yellow';

/** A traffic signal controller with its malfunction management unit. */
export class SignalController extends SimDevice {
  mode: Mode = 'coordinated';
  private forced: [Lamp, Lamp] = ['red', 'red'];
  private conflict = false;
  /** The timing plan: cycle length and offset in seconds, north–south share of the cycle. */
  private cycleS: number;
  private offsetS: number;
  private splitNs: number;

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.cycleS = Math.max(20, numParam(asset, 'cycleS', 90));
    this.offsetS = numParam(asset, 'offsetS', 0);
    this.splitNs = Math.min(0.8, Math.max(0.2, numParam(asset, 'splitNs', 0.5)));
  }

  /** The lamps showing now, north–south then east–west. */
  lamps(ctx: TwinContext): [Lamp, Lamp] {
    if (!this.powered(ctx)) return ['dark', 'dark'];
    if (this.conflict) return ['flashing-red', 'flashing-red'];
    if (this.mode === 'flashing') return ['flashing-yellow', 'flashing-red'];
    if (this.mode === 'manual') return this.forced;
    const offset = this.mode === 'coordinated' ? this.offsetS : 0;
    const t = (((ctx.nowMs / 1000 + offset) % this.cycleS) + this.cycleS) % this.cycleS;
    const nsGreen = this.cycleS * this.splitNs - YELLOW_S - ALL_RED_S;
    const ewGreen = this.cycleS * (1 - this.splitNs) - YELLOW_S - ALL_RED_S;
    if (t < nsGreen) return ['green', 'red'];
    if (t < nsGreen + YELLOW_S) return ['yellow', 'red'];
    const ew = t - nsGreen - YELLOW_S - ALL_RED_S;
    if (ew < 0) return ['red', 'red'];
    if (ew < ewGreen) return ['red', 'green'];
    if (ew < ewGreen + YELLOW_S) return ['red', 'yellow'];
    return ['red', 'red'];
  }

  metrics(ctx: TwinContext): Metrics {
    const [ns, ew] = this.lamps(ctx);
    const mode = ns === 'dark' ? 'dark' : this.conflict ? 'flashing' : this.mode;
    return { mode, phase_ns: ns, phase_ew: ew, cycle_s: this.cycleS, conflict: this.conflict };
  }

  /** Safe mode runs the local fixed-time plan, or flashing when asked (`mode: flashing`). */
  protected override onSafeMode(on: boolean, _ctx: TwinContext, args?: Readonly<Record<string, Scalar>>): void {
    if (on) {
      this.mode = args?.['mode'] === 'flashing' ? 'flashing' : 'fixed-time';
      this.conflict = false;
    }
  }

  protected apply(req: CommandRequest, ctx: TwinContext): CommandOutcome | undefined {
    if (req.command === 'signal.set-mode') {
      const mode = req.args['mode'];
      if (!MODES.includes(mode as Mode)) return rejected(`mode must be one of ${MODES.join(', ')}`);
      this.mode = mode as Mode;
      this.conflict = false; // a new plan from the controller resets the monitor, as a technician would
      return { result: 'ok' };
    }
    if (req.command === 'signal.set-plan') return this.setPlan(req.args);
    if (req.command !== 'signal.set-phase') return undefined;
    const ns = req.args['ns'];
    const ew = req.args['ew'];
    if (!LAMPS.includes(ns as Lamp) || !LAMPS.includes(ew as Lamp))
      return rejected(`ns and ew must be one of ${LAMPS.join(', ')}`);
    this.mode = 'manual';
    this.forced = [ns as Lamp, ew as Lamp];
    if (moving(ns as Lamp) && moving(ew as Lamp)) {
      this.conflict = true;
      ctx.emit(
        this,
        this.log(2, 'mmu', `Conflict monitor: NS ${ns} and EW ${ew} at once; cabinet in red flash`, {
          ns: String(ns),
          ew: String(ew),
        }),
      );
    }
    return { result: 'ok' };
  }

  /** Installs a new timing plan; any of cycleS (20–300), splitNs (0.2–0.8), offsetS (0–cycle) may change. */
  private setPlan(args: Readonly<Record<string, Scalar>>): CommandOutcome {
    const num = (name: string, fallback: number): number | undefined => {
      const v = args[name];
      return v === undefined ? fallback : typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    };
    const cycleS = num('cycleS', this.cycleS);
    const splitNs = num('splitNs', this.splitNs);
    const offsetS = num('offsetS', this.offsetS);
    if (!['cycleS', 'splitNs', 'offsetS'].some((k) => args[k] !== undefined))
      return rejected('signal.set-plan needs cycleS, splitNs or offsetS');
    if (cycleS === undefined || cycleS < 20 || cycleS > 300) return rejected('cycleS must be 20 to 300 seconds');
    if (splitNs === undefined || splitNs < 0.2 || splitNs > 0.8) return rejected('splitNs must be 0.2 to 0.8');
    if (offsetS === undefined || offsetS < 0 || offsetS >= cycleS) return rejected('offsetS must be 0 to the cycle length');
    this.cycleS = cycleS;
    this.splitNs = splitNs;
    this.offsetS = offsetS;
    return { result: 'ok' };
  }
}
