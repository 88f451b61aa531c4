// The city twin: one simulated device per asset, stepped on a Clock and publishing through a
// DeviceTransport. A tick advances continuous physics (UPS charge, PLC control, tank levels, call
// queues) and publishes the telemetry of one slot of devices, so each device reports once per
// publish interval and the work per tick stays flat however many devices there are.
// Over 400 lines because it is the one surface scenarios, drills and response drive (commands,
// logins, floods, spoofs, containment on the network); device physics live in ./devices.
import { Compile } from 'typebox/compile';
import {
  acceptsCommand,
  DeviceCommandMessage,
  type AssetSelector,
  type CityModel,
  type DeviceEventMessage,
  type Scalar,
} from '../../domain/index.js';
import type { Clock, TimerHandle } from '../../platform/clock/index.js';
import { createDevice, STEP_ORDER } from './devices/create-device.js';
import { Host } from './devices/host-devices.js';
import { type CommandOutcome, type DeviceLinks, type Metrics, rejected, type SimDevice } from './devices/sim-device.js';
import { invalidTwinOption } from './errors.js';
import { type LocalReading, LocalTimeReader } from './local-time.js';
import { PowerGrid } from './power-grid.js';
import { SeededRandom } from './seeded-random.js';
import { ServiceAvailability } from './service-availability.js';
import { deviceIdentity, type ConnectReport, type DeviceTransport } from './transport/device-transport.js';
import type { TwinContext, TwinDevice } from './twin-context.js';
import { TwinStats, type TwinStatsSnapshot } from './twin-stats.js';
import { TwinNetwork } from './twin-network.js';

const checkCommand = Compile(DeviceCommandMessage);

/** How to build a twin. */
export interface CityTwinOptions {
  city: CityModel;
  clock: Clock;
  transport: DeviceTransport;
  /** Same seed, same clock steps, same commands: the same messages (default 1). */
  seed?: number | string;
  /** Each device publishes telemetry once per this many simulated milliseconds (default 5000). */
  publishIntervalMs?: number;
  /** Physics step, simulated milliseconds (default the smaller of 1000 and the publish interval). */
  tickMs?: number;
  /** Simulate only the assets this selector matches (default all). */
  only?: AssetSelector;
}

/** Options of a command issued inside the process (scenarios, drills) rather than over the transport. */
export interface CommandOptions {
  protocol?: string;
  /** A firmware image that leaves the device dead after its reboot. */
  bricks?: boolean;
}

/** A login attempt to simulate on a device (see ScenarioRunner). */
export interface LoginAttempt {
  user: string;
  method: string;
  outcome: 'success' | 'failure';
  srcIp?: string;
  mfa?: boolean;
  attrs?: Record<string, Scalar>;
  /** A successful login keeps a session open this long, seconds. */
  sessionS?: number;
}

/** The simulated city. */
export class CityTwin implements TwinContext {
  nowMs: number;
  local: LocalReading;
  readonly rng: SeededRandom;
  readonly seed: number | string;
  readonly grid: PowerGrid;
  readonly publishIntervalS: number;
  readonly city: CityModel;
  readonly clock: Clock;
  /** Containment on the network: blocks, revoked credentials, VPN sessions, attack footholds. */
  readonly network: TwinNetwork;
  private readonly transport: DeviceTransport;
  private readonly devices: SimDevice[];
  private readonly byId = new Map<string, SimDevice>();
  private readonly slots: SimDevice[][];
  private readonly steppers: SimDevice[];
  private readonly reader: LocalTimeReader;
  private readonly tickMs: number;
  private readonly counters = new TwinStats();
  private timer: TimerHandle | undefined;
  private availability: ServiceAvailability | undefined;
  private lastTickMs: number;
  private tickNo = 0;

  constructor(options: CityTwinOptions) {
    const publishMs = options.publishIntervalMs ?? 5000;
    if (!(publishMs > 0)) throw invalidTwinOption('publishIntervalMs', publishMs);
    this.tickMs = options.tickMs ?? Math.min(1000, publishMs);
    if (!(this.tickMs > 0) || this.tickMs > publishMs) throw invalidTwinOption('tickMs', this.tickMs);
    this.city = options.city;
    this.clock = options.clock;
    this.transport = options.transport;
    this.seed = options.seed ?? 1;
    this.rng = new SeededRandom(this.seed);
    this.publishIntervalS = publishMs / 1000;
    this.grid = new PowerGrid((id) => this.byId.get(id));
    this.reader = new LocalTimeReader(this.city.city.city.timezone, this.city.city.city.center);
    this.nowMs = this.lastTickMs = this.clock.now();
    this.local = this.reader.read(this.nowMs);
    const assets = options.only ? this.city.select(options.only) : this.city.city.assets;
    this.devices = assets.map((a) => createDevice(a, deviceIdentity(a)));
    for (const d of this.devices) this.byId.set(d.asset.id, d);
    this.network = new TwinNetwork(this.city, () => this.clock.now(), (a) => {
      const d = this.byId.get(a.id);
      return d !== undefined && (!d.alive || (d instanceof Host && d.isolated));
    });
    this.link();
    this.slots = Array.from({ length: Math.max(1, Math.round(publishMs / this.tickMs)) }, () => []);
    for (const d of this.devices) {
      d.slot = this.rng.int(this.slots.length);
      this.slots[d.slot]!.push(d);
    }
    this.steppers = STEP_ORDER.flatMap((kind) => this.devices.filter((d) => d.asset.kind === kind && d.step));
  }

  /** Connects every device, announces it online and starts the clock-driven loop. */
  async start(): Promise<ConnectReport> {
    const report = await this.transport.connect(
      this.devices.map((d) => d.identity),
      (assetId, payload) => this.onTransportCommand(assetId, payload),
    );
    this.refreshTime();
    for (const d of this.devices) {
      if (d.reachable(this))
        this.transport.publish(d.identity, 'status', { ts: this.nowMs, online: true, firmware: d.firmware });
    }
    this.lastTickMs = this.nowMs;
    this.timer = this.clock.every(this.tickMs, () => this.tick());
    return report;
  }

  /** Stops the loop, says goodbye for every device that can still talk, and disconnects. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    this.refreshTime();
    for (const d of this.devices) {
      if (d.reachable(this))
        this.transport.publish(d.identity, 'status', {
          ts: this.nowMs,
          online: false,
          reason: 'twin stopped',
        });
    }
    await this.transport.close();
  }

  /** The simulated device of an asset. */
  device(id: string): SimDevice | undefined {
    return this.byId.get(id);
  }

  /** Asset ids simulated, in city-file order. */
  deviceIds(): string[] {
    return this.devices.map((d) => d.asset.id);
  }

  emit(device: TwinDevice, body: DeviceEventMessage): void {
    if (!device.reachable(this) || !this.network.isConnected(device.identity.assetId)) return;
    this.counters.events++;
    this.transport.publish(device.identity, 'events', { ...body, ts: body.ts ?? this.nowMs });
  }

  /** Runs a command on a device, publishes the command event and the ack, and returns the outcome. */
  command(assetId: string, message: DeviceCommandMessage, options: CommandOptions = {}): CommandOutcome {
    this.refreshTime();
    const d = this.byId.get(assetId);
    if (!d) return this.counters.command({ result: 'error', reason: `no simulated device "${assetId}"` });
    if (!d.reachable(this)) return this.counters.command({ result: 'error', reason: 'device unreachable' });
    if (!this.network.isConnected(assetId))
      return this.counters.command({ result: 'error', reason: 'device isolated from the network' });
    const req = {
      command: message.command,
      args: message.args ?? {},
      actor: message.actor ?? {},
      protocol: options.protocol,
      bricks: options.bricks,
    };
    let outcome: CommandOutcome;
    try {
      outcome = acceptsCommand(d.asset.kind, req.command)
        ? d.execute(req, this)
        : rejected(`a ${d.asset.kind} does not accept ${req.command}`);
    } catch (err) {
      this.counters.deviceErrors++;
      outcome = { result: 'error', reason: `device fault: ${(err as Error).message}` };
    }
    this.grid.changed();
    if (outcome.result === 'ok') this.afterCommand(d, req.command, req.args);
    const ts = this.nowMs;
    const reason = outcome.reason !== undefined ? { reason: outcome.reason } : {};
    const protocol = req.protocol !== undefined ? { protocol: req.protocol } : {};
    this.transport.publish(d.identity, 'events', {
      type: 'command',
      ts,
      command: req.command,
      args: req.args,
      actor: req.actor,
      ...protocol,
      result: outcome.result,
      ...reason,
    });
    this.transport.publish(d.identity, 'cmd-ack', {
      ts,
      ...(message.id !== undefined ? { id: message.id } : {}),
      command: req.command,
      result: outcome.result,
      ...reason,
    });
    this.counters.events++;
    this.counters.acks++;
    return this.counters.command(outcome);
  }

  /** Current readings of a device without publishing them; null while it cannot report. */
  readings(assetId: string): Metrics | null {
    this.refreshTime();
    const d = this.byId.get(assetId);
    return d && d.reachable(this) ? d.metrics(this) : null;
  }

  /** Simulates a login on a device; returns the outcome it reported, or null if it could not report. */
  login(assetId: string, attempt: LoginAttempt): 'success' | 'failure' | null {
    this.refreshTime();
    const d = this.byId.get(assetId);
    if (!d || !d.reachable(this) || !this.network.isConnected(assetId)) return null;
    if (attempt.srcIp !== undefined && this.network.addressCut(attempt.srcIp)) return null; // the connection never arrives
    const mfa = attempt.mfa ?? false;
    const refusal = attempt.outcome === 'success' ? d.loginRefusal(attempt.user, mfa) : undefined;
    const outcome = refusal ? 'failure' : attempt.outcome;
    const attrs = { ...attempt.attrs, ...(refusal ? { reason: refusal } : {}) };
    this.emit(d, {
      type: 'auth',
      user: attempt.user,
      outcome,
      method: attempt.method,
      ...(attempt.srcIp ? { srcIp: attempt.srcIp } : {}),
      mfa,
      attrs,
    });
    if (outcome === 'success' && attempt.sessionS) {
      const untilMs = this.nowMs + attempt.sessionS * 1000;
      d.openSession(untilMs, attempt.user);
      const pool = attempt.attrs?.['assigned_ip'];
      if (d.asset.kind === 'vpn-gateway' && typeof pool === 'string')
        this.network.vpnSessionOpened(assetId, attempt.user, pool, attempt.srcIp, untilMs);
    }
    return outcome;
  }

  /** Publishes an event on a device's `events` channel; false if the device cannot report. */
  publishEvent(assetId: string, body: DeviceEventMessage): boolean {
    this.refreshTime();
    const d = this.byId.get(assetId);
    if (!d || !d.reachable(this) || !this.network.isConnected(assetId)) return false;
    this.emit(d, body);
    return true;
  }

  /** Floods a dispatch server (calls) or firewall (dropped packets); false for other kinds. */
  flood(assetId: string, ratePerMin: number, durationS: number): boolean {
    this.refreshTime();
    const d = this.byId.get(assetId) as
      (SimDevice & { flood?: (r: number, u: number, c: TwinContext) => void }) | undefined;
    if (!d?.flood) return false;
    d.flood(ratePerMin, this.nowMs + durationS * 1000, this);
    return true;
  }

  /** Makes a device's telemetry lie for `durationS`; false for unknown devices. */
  spoof(assetId: string, mode: 'fixed' | 'replay', durationS: number, metrics?: Metrics): boolean {
    this.refreshTime();
    const d = this.byId.get(assetId);
    if (!d) return false;
    d.spoof(this, mode, this.nowMs + durationS * 1000, metrics);
    return true;
  }

  /** Kills a device for good (wiped disk, bricked board); false for unknown devices. */
  kill(assetId: string): boolean {
    const d = this.byId.get(assetId);
    if (!d) return false;
    d.alive = false;
    this.grid.changed();
    return true;
  }

  /**
   * Takes a device off the network, as when its broker credential is revoked: it says goodbye
   * (the broker's last will) and then neither publishes nor receives until reconnected.
   */
  disconnectDevice(assetId: string): boolean {
    const d = this.byId.get(assetId);
    if (!d || !this.network.isConnected(assetId)) return false;
    this.refreshTime();
    if (d.reachable(this)) this.transport.publish(d.identity, 'status', { ts: this.nowMs, online: false, reason: 'credential revoked' });
    this.network.disconnect(assetId);
    return true;
  }

  /** Lets a disconnected device back on the network (it received a new credential). */
  reconnectDevice(assetId: string): boolean {
    const d = this.byId.get(assetId);
    if (!d || this.network.isConnected(assetId)) return false;
    this.refreshTime();
    this.network.reconnect(assetId);
    if (d.reachable(this)) this.transport.publish(d.identity, 'status', { ts: this.nowMs, online: true, firmware: d.firmware });
    return true;
  }

  /** Share of each public service the city delivers now, 0 … 1, by service id (see ServiceAvailability). */
  serviceAvailability(): Map<string, number> {
    this.refreshTime();
    return (this.availability ??= new ServiceAvailability(this)).evaluate(this);
  }

  /** Counters since construction. */
  stats(): TwinStatsSnapshot {
    return this.counters.snapshot(this.devices.length, this.tickNo);
  }

  /** One step of the simulation; the clock calls it every tick. */
  private tick(): void {
    this.refreshTime();
    const dtS = Math.min(60, Math.max(0, (this.nowMs - this.lastTickMs) / 1000));
    this.lastTickMs = this.nowMs;
    this.grid.changed();
    for (const d of this.steppers) this.guard(() => d.step!(dtS, this));
    const slot = this.slots[this.tickNo % this.slots.length]!;
    this.tickNo++;
    for (const d of slot) this.guard(() => this.publishTelemetry(d));
  }

  private publishTelemetry(d: SimDevice): void {
    if (!d.reachable(this) || !this.network.isConnected(d.asset.id)) {
      this.counters.silent++;
      return;
    }
    this.transport.publish(d.identity, 'telemetry', {
      ts: this.nowMs,
      seq: d.seq++,
      metrics: d.report(this),
    });
    this.counters.telemetry++;
    d.background(this);
  }

  private onTransportCommand(assetId: string, payload: unknown): void {
    if (!this.network.isConnected(assetId)) return; // a kicked client receives nothing
    if (checkCommand.Check(payload)) {
      this.command(assetId, payload);
      return;
    }
    this.counters.malformedCommands++;
    const d = this.byId.get(assetId);
    if (!d || !d.reachable(this)) return;
    const named = (payload as { command?: unknown } | null)?.command;
    const command = typeof named === 'string' && named !== '' ? named : '(unreadable)';
    this.transport.publish(d.identity, 'cmd-ack', {
      ts: this.clock.now(),
      command,
      result: 'rejected',
      reason: 'malformed command message',
    });
  }

  /** Network consequences of a command a device carried out. */
  private afterCommand(d: SimDevice, command: string, args: Readonly<Record<string, Scalar>>): void {
    const user = args['user'];
    if (command === 'account.disable' && d.asset.kind === 'vpn-gateway' && typeof user === 'string')
      this.network.endVpnSessions(d.asset.id, user);
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch {
      this.counters.deviceErrors++; // one faulty device model must not stop the city
    }
  }

  private refreshTime(): void {
    const now = this.clock.now();
    if (now === this.nowMs) return;
    this.nowMs = now;
    this.local = this.reader.read(now);
  }

  private link(): void {
    const bySite = new Map<string, SimDevice[]>();
    for (const d of this.devices) {
      if (d.asset.site === undefined) continue;
      const list = bySite.get(d.asset.site) ?? [];
      list.push(d);
      bySite.set(d.asset.site, list);
    }
    const links: DeviceLinks = {
      device: (id: string) => this.byId.get(id),
      atSite: (site: string) => bySite.get(site) ?? [],
      ofKind: (kind) => this.devices.filter((d) => d.asset.kind === kind),
      peopleServed: (asset) =>
        Math.max(
          0,
          ...asset.services.map((id) => {
            const peers = this.city.assetsOfService(id).filter((a) => a.kind === asset.kind).length;
            return (this.city.services.get(id)?.peopleServed ?? 0) / Math.max(1, peers);
          }),
        ),
    };
    for (const d of this.devices) d.link(links);
  }
}
