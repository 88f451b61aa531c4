// Emergency: outdoor sirens (battery-backed, sounding for a limited program time) and the 112
// dispatch servers, whose call volume follows the day and whose queue builds when calls exceed
// what the call-takers can answer — the telephony denial of service of Ukraine 2015. A siren
// sounding without a dispatch ticket alarms the people in earshot, who call 112 (Dallas 2017) and
// stay alarmed for a while after it stops.
import type { Asset } from '../../../domain/index.js';
import { profileAt } from '../daily-profile.js';
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
} from './sim-device.js';

/** Battery drain while sounding without mains, percent per second (about 20 minutes of sound). */
const SOUNDING_DRAIN_PCT_S = 100 / 1200;
/** Standby drain without mains, percent per second (about three days). */
const STANDBY_DRAIN_PCT_S = 100 / 259_200;

/**
 * How fast people calm down once a false alarm stops: the share still alarmed falls by a factor e
 * every 10 minutes. Ours — no source measures it; Dallas residents kept calling 911 well after the
 * sirens were switched off.
 */
const PUBLIC_ALARM_DECAY_S = 600;

/**
 * Calls to 112 a minute per alarmed person: Dallas 2017, about 800 calls in the first 15 minutes
 * from a city of about 1.3 million (see the dallas-sirens-2017 scenario's notes).
 */
export const FALSE_ALARM_CALLS_PER_PERSON_MIN = 800 / 15 / 1_300_000;

/** An outdoor warning siren. */
export class Siren extends SimDevice {
  activeUntilMs = 0;
  batteryPct = 100;
  /** Dispatch ticket of the current activation; null when it was sounded without one. */
  ticket: string | null = null;
  /** Share of the people in earshot alarmed by a false alarm, 0 … 1: 1 while it sounds, then decaying. */
  alarmedShare = 0;
  /** People in earshot: asset param `peopleInRange`, else the siren's share of the people its service covers. */
  peopleInRange = 0;

  override link(links: DeviceLinks): void {
    this.peopleInRange = numParam(this.asset, 'peopleInRange', links.peopleServed(this.asset));
  }

  active(ctx: TwinContext): boolean {
    return ctx.nowMs < this.activeUntilMs && this.batteryPct > 0;
  }

  /** Sounding with no dispatch ticket behind it. */
  falseAlarm(ctx: TwinContext): boolean {
    return this.active(ctx) && this.ticket === null;
  }

  override step(dtS: number, ctx: TwinContext): void {
    if (this.falseAlarm(ctx)) this.alarmedShare = 1;
    else if (this.alarmedShare > 0) {
      this.alarmedShare *= Math.exp(-dtS / PUBLIC_ALARM_DECAY_S);
      if (this.alarmedShare < 0.005) this.alarmedShare = 0;
    }
    if (this.powered(ctx)) this.batteryPct = Math.min(100, this.batteryPct + dtS * STANDBY_DRAIN_PCT_S * 20);
    else
      this.batteryPct = Math.max(
        0,
        this.batteryPct - dtS * (this.active(ctx) ? SOUNDING_DRAIN_PCT_S : STANDBY_DRAIN_PCT_S),
      );
  }

  metrics(ctx: TwinContext): Metrics {
    return { active: this.active(ctx), battery_pct: round(this.batteryPct, 1) };
  }

  protected override onSafeMode(on: boolean): void {
    if (on) this.activeUntilMs = 0;
  }

  protected apply(req: CommandRequest, ctx: TwinContext): CommandOutcome | undefined {
    if (req.command === 'siren.off') {
      this.activeUntilMs = 0;
      return { result: 'ok' };
    }
    if (req.command !== 'siren.on') return undefined;
    const maxS = numParam(this.asset, 'maxRunS', 180);
    const asked = req.args['durationS'];
    if (asked !== undefined && (typeof asked !== 'number' || asked <= 0))
      return rejected('durationS must be a positive number');
    const durationS = Math.min(typeof asked === 'number' ? asked : maxS, maxS);
    this.activeUntilMs = ctx.nowMs + durationS * 1000;
    const ticket = req.args['ticket'];
    this.ticket = ticket === undefined || ticket === null ? null : String(ticket);
    ctx.emit(
      this,
      this.log(4, 'siren', `Siren sounding for ${durationS} s`, {
        duration_s: durationS,
        ticket: ticket ?? null,
      }),
    );
    return { result: 'ok' };
  }
}

/** A 112 call-handling or dispatch server. */
export class DispatchServer extends SimDevice {
  queue = 0;
  private floodPerMin = 0;
  private floodUntilMs = 0;
  private callsPerMin = 0;
  private readonly capacityPerMin: number;
  private sirens: Siren[] = [];
  /** This server's part of the public's calls: its usual volume over every dispatch server's. */
  private publicShare = 0;

  constructor(asset: Asset, identity: DeviceIdentity) {
    super(asset, identity);
    this.capacityPerMin = Math.max(1, numParam(asset, 'capacityPerMin', 20));
  }

  override link(links: DeviceLinks): void {
    this.sirens = links.ofKind('siren').filter((d): d is Siren => d instanceof Siren);
    const base = (d: SimDevice) => Math.max(0, numParam(d.asset, 'baseCallsPerMin', 3));
    const all = links.ofKind('dispatch-server').reduce((sum, d) => sum + base(d), 0);
    this.publicShare = all > 0 ? base(this) / all : 0;
  }

  /** Calls a minute from people alarmed by sirens sounding without a dispatch order (and not yet calmed). */
  publicAlarmCallsPerMin(): number {
    const alarmed = this.sirens.reduce((sum, s) => sum + s.alarmedShare * s.peopleInRange, 0);
    return alarmed * FALSE_ALARM_CALLS_PER_PERSON_MIN * this.publicShare;
  }

  /** Adds `perMin` extra calls a minute until `untilMs` (floods overlap by adding up). */
  flood(perMin: number, untilMs: number, ctx: TwinContext): void {
    this.floodPerMin = ctx.nowMs < this.floodUntilMs ? this.floodPerMin + perMin : perMin;
    this.floodUntilMs = Math.max(this.floodUntilMs, untilMs);
  }

  /** Share of calls the call-takers can answer now, 0 … 1. */
  answeredShare(): number {
    return this.callsPerMin <= this.capacityPerMin ? 1 : this.capacityPerMin / this.callsPerMin;
  }

  override step(dtS: number, ctx: TwinContext): void {
    const base = numParam(this.asset, 'baseCallsPerMin', 3) * profileAt('calls', ctx.local.hour);
    const flood = ctx.nowMs < this.floodUntilMs ? this.floodPerMin : 0;
    const arrivals = ctx.rng.poisson(((base + flood + this.publicAlarmCallsPerMin()) * dtS) / 60);
    this.callsPerMin = this.callsPerMin + (arrivals * (60 / dtS) - this.callsPerMin) * Math.min(1, dtS / 60);
    this.queue = Math.max(0, this.queue + arrivals - (this.capacityPerMin * dtS) / 60);
  }

  metrics(ctx: TwinContext): Metrics {
    const load = Math.min(1, this.callsPerMin / this.capacityPerMin);
    return {
      cpu_pct: round(Math.min(100, 10 + 60 * load + 2 * ctx.rng.next()), 1),
      online: true,
      calls_per_min: round(this.callsPerMin, 1),
      queue: Math.round(this.queue),
    };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}
