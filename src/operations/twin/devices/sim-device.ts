// The base of every simulated device: identity, reachability (power, gateway, reboot, bricked),
// telemetry sequence numbers, spoofing, and the commands every kind understands (reboot, firmware
// upload, safe mode). Kinds add their physics in `metrics`/`step` and their commands in `apply`.
import type { Asset, AssetKind, CommandActor, CommandResult, Scalar } from '../../../domain/index.js';
import { hashString } from '../seeded-random.js';
import type { DeviceIdentity } from '../transport/device-transport.js';
import type { TwinContext, TwinDevice } from '../twin-context.js';

/** Readings of one telemetry message, as TELEMETRY_SCHEMAS defines them for the kind. */
export type Metrics = Record<string, number | boolean | string>;

/** A command as the device receives it. */
export interface CommandRequest {
  command: string;
  args: Readonly<Record<string, Scalar>>;
  actor: CommandActor;
  protocol?: string;
  /** Simulation-only: a firmware image that leaves the device dead after its reboot. */
  bricks?: boolean;
}

/** What the device answers. */
export interface CommandOutcome {
  result: CommandResult;
  reason?: string;
}

/** Kinds whose electronics lose power with the mains: they fall silent when their feeder or UPS does. */
const MAINS_ONLY: ReadonlySet<AssetKind> = new Set<AssetKind>([
  'street-light',
  'camera',
  'nvr',
  'workstation',
  'hmi',
  'scada-server',
  'server',
  'historian',
  'domain-controller',
  'vpn-gateway',
  'firewall',
  'dispatch-server',
]);

const OK: CommandOutcome = { result: 'ok' };

/** A rejection with its reason. */
export function rejected(reason: string): CommandOutcome {
  return { result: 'rejected', reason };
}

/** A string param of an asset, or undefined. */
export function strParam(asset: Asset, name: string): string | undefined {
  const v = asset.params[name];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric param of an asset, or `fallback`. */
export function numParam(asset: Asset, name: string, fallback: number): number {
  const v = asset.params[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** What a device may look up while the twin links devices together after creating them all. */
export interface DeviceLinks {
  device(id: string): SimDevice | undefined;
  /** Devices at a site, in city-file order. */
  atSite(siteId: string): readonly SimDevice[];
  /** Devices of one kind, in city-file order. */
  ofKind(kind: AssetKind): readonly SimDevice[];
  /** People an asset serves: for each of its services, the service's people split evenly among its assets of the same kind; the largest. */
  peopleServed(asset: Asset): number;
}

/** An active telemetry lie: fixed values over the real ones, or a frozen copy of earlier readings. */
interface Spoof {
  untilMs: number;
  metrics: Metrics;
  replace: boolean;
}

/** One simulated device. Per-device state is kept to a few fields: the twin runs 100 k of them. */
export abstract class SimDevice implements TwinDevice {
  /** Sequence number of the next telemetry message. */
  seq = 0;
  /** False once bricked or wiped: the device never talks again. */
  alive = true;
  /** Silent (rebooting) until this simulation time. */
  downUntilMs = 0;
  safeMode = false;
  /** Publish slot: the tick (modulo the slot count) on which this device reports. */
  slot = 0;
  private spoofed: Spoof | undefined;
  private firmwareNow: string | undefined;
  private firmwareHashNow: string | undefined;
  /** Where the device's power comes from: its UPS, else its feeder breaker. */
  protected readonly powerSource: string | undefined;
  private readonly gateway: string | undefined;

  constructor(
    readonly asset: Asset,
    readonly identity: DeviceIdentity,
  ) {
    this.powerSource = strParam(asset, 'ups') ?? strParam(asset, 'feeder');
    this.gateway = strParam(asset, 'gateway');
  }

  /** Readings for this instant; only called while the device is reachable. */
  abstract metrics(ctx: TwinContext): Metrics;

  /** Advances continuous state (levels, charge, queues) by `dtS` seconds; only some kinds have it. */
  step?(dtS: number, ctx: TwinContext): void;

  /** Kind-specific commands; undefined means the kind does not handle this one. */
  protected abstract apply(req: CommandRequest, ctx: TwinContext): CommandOutcome | undefined;

  /** Called once all devices exist, to find the devices this one works with. */
  link(_links: DeviceLinks): void {}

  /** Called when safe mode is switched; kinds fall back to their safe local behaviour (`args` may name a mode). */
  protected onSafeMode(_on: boolean, _ctx: TwinContext, _args?: Readonly<Record<string, Scalar>>): void {}

  /** Called at each publish while reachable: background activity such as logins and log lines. */
  background(_ctx: TwinContext): void {}

  /** Why a login by `user` is refused regardless of the password, or undefined when it is not. */
  loginRefusal(_user: string, _mfa: boolean): string | undefined {
    return undefined;
  }

  /** A login or remote session of `user` stays open until `untilMs` (gateways and hosts count them). */
  openSession(_untilMs: number, _user?: string): void {}

  /** Whether the device's own electronics have power. */
  powered(ctx: TwinContext): boolean {
    return ctx.grid.powered(this.powerSource);
  }

  /** Whether the device can talk: alive, not rebooting, powered (or on battery), its gateway up. */
  reachable(ctx: TwinContext): boolean {
    if (!this.alive || ctx.nowMs < this.downUntilMs) return false;
    if (MAINS_ONLY.has(this.asset.kind) && !this.powered(ctx)) return false;
    if (this.gateway !== undefined) {
      const gw = ctx.device(this.gateway);
      if (gw && !gw.reachable(ctx)) return false;
    }
    return true;
  }

  /** The firmware version now installed. */
  get firmware(): string {
    return this.firmwareNow ?? this.asset.firmware;
  }

  /** A stable fingerprint of the installed image. */
  get firmwareHash(): string {
    this.firmwareHashNow ??=
      hashString(this.asset.firmware).toString(16).padStart(8, '0') +
      hashString(this.asset.id).toString(16).padStart(8, '0');
    return this.firmwareHashNow;
  }

  /** The readings to publish now: real ones, or the spoofed values while a spoof lasts. */
  report(ctx: TwinContext): Metrics {
    const s = this.spoofed;
    if (s && ctx.nowMs >= s.untilMs) this.spoofed = undefined;
    else if (s) return s.replace ? { ...s.metrics } : { ...this.metrics(ctx), ...s.metrics };
    return this.metrics(ctx);
  }

  /** Makes telemetry lie until `untilMs`: `fixed` overlays values, `replay` repeats what it says now. */
  spoof(ctx: TwinContext, mode: 'fixed' | 'replay', untilMs: number, metrics: Metrics = {}): void {
    this.spoofed =
      mode === 'replay'
        ? { untilMs, metrics: this.metrics(ctx), replace: true }
        : { untilMs, metrics: { ...metrics }, replace: false };
  }

  /** Runs a command: generic ones here, safe-mode guard, then the kind's own. */
  execute(req: CommandRequest, ctx: TwinContext): CommandOutcome {
    switch (req.command) {
      case 'device.safe-mode': {
        const on = req.args['on'] !== false;
        this.safeMode = on;
        this.onSafeMode(on, ctx, req.args);
        return OK;
      }
      case 'device.reboot':
        this.downUntilMs = ctx.nowMs + numParam(this.asset, 'rebootS', 30) * 1000;
        return OK;
    }
    if (this.safeMode) return rejected('device is in safe mode: remote control refused');
    if (req.command === 'firmware.upload') return this.upload(req, ctx);
    return this.apply(req, ctx) ?? rejected(`${this.asset.kind} does not handle ${req.command}`);
  }

  private upload(req: CommandRequest, ctx: TwinContext): CommandOutcome {
    const version = req.args['version'];
    const hash = req.args['hash'];
    if (typeof version !== 'string' || typeof hash !== 'string')
      return rejected('firmware.upload needs version and hash');
    if (this.asset.security?.firmwareSigned === true && req.args['signed'] !== true)
      return rejected('image signature check failed');
    this.firmwareNow = version;
    this.firmwareHashNow = hash;
    this.downUntilMs = ctx.nowMs + numParam(this.asset, 'rebootS', 30) * 1000;
    if (req.bricks) this.alive = false;
    return OK;
  }

  /** Base fields of a log body from this device. */
  protected log(severity: number, app: string, message: string, attrs: Record<string, Scalar> = {}) {
    return {
      type: 'log' as const,
      severity,
      host: this.asset.network.hostname ?? this.asset.id,
      app,
      message,
      attrs,
    };
  }
}
