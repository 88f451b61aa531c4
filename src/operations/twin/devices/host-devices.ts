// Office and control-centre computers, the VPN gateway and firewalls. They report load, and their
// agents report what a monitor would see: logins at the start of the working day and at shift
// changes, routine log lines, VPN sessions — the background an attack has to stand out from.
import type { Scalar } from '../../../domain/index.js';
import { officeHours } from '../daily-profile.js';
import type { TwinContext } from '../twin-context.js';
import { round } from './power-devices.js';
import {
  type CommandOutcome,
  type CommandRequest,
  type Metrics,
  rejected,
  SimDevice,
  strParam,
} from './sim-device.js';

const ROUTINE: Partial<Record<string, readonly string[]>> = {
  workstation: ['Group Policy settings were applied', 'Windows Defender signature update installed'],
  hmi: ['Alarm acknowledged by operator', 'Event list exported to historian'],
  'scada-server': ['Process database saved', 'IEC 104 general interrogation completed'],
  'domain-controller': ['Kerberos ticket-granting ticket issued', 'Replication with partner completed'],
  server: ['Scheduled backup completed', 'Windows Update check completed'],
  historian: ['Archive shift completed', 'Backup of archive files completed'],
};

/** Hours around 06:00, 14:00 and 22:00 when control-room shifts change and operators log in. */
function shiftChange(hour: number): boolean {
  return [6, 14, 22].some((h) => Math.abs(hour - h) < 0.25);
}

/** A Windows computer: workstation, operator console, server, historian or domain controller. */
export class Host extends SimDevice {
  isolated = false;
  private sessionsUntil: number[] = [];
  /** Accounts a domain controller refuses after account.disable. */
  private disabled: Set<string> | undefined;

  metrics(ctx: TwinContext): Metrics {
    const busy = officeHours(ctx.local.hour, ctx.local.weekday) || this.asset.kind !== 'workstation';
    const base = this.asset.kind === 'workstation' ? (busy ? 22 : 4) : this.asset.kind === 'hmi' ? 24 : 30;
    const sessions = this.activeSessions(ctx);
    return { cpu_pct: round(Math.min(100, base + 8 * sessions + 6 * ctx.rng.next()), 1), online: true };
  }

  override background(ctx: TwinContext): void {
    const dtH = ctx.publishIntervalS / 3600;
    const user = strParam(this.asset, 'user');
    const kind = this.asset.kind;
    const loginRate =
      kind === 'workstation' && officeHours(ctx.local.hour, ctx.local.weekday)
        ? 0.5
        : kind === 'hmi' && shiftChange(ctx.local.hour)
          ? 4
          : 0;
    if (user && loginRate > 0 && ctx.rng.chance(loginRate * dtH)) {
      const typo = ctx.rng.chance(0.08);
      ctx.emit(this, {
        type: 'auth',
        user,
        outcome: typo ? 'failure' : 'success',
        method: 'console',
        attrs: { host: this.hostname },
      });
    }
    const lines = ROUTINE[kind];
    if (lines && ctx.rng.chance(dtH * (kind === 'domain-controller' ? 6 : 0.5)))
      ctx.emit(this, this.log(6, 'eventlog', ctx.rng.pick(lines)));
  }

  override loginRefusal(user: string): string | undefined {
    if (this.isolated) return 'host isolated from the network';
    return this.disabled?.has(user) ? 'account disabled' : undefined;
  }

  override openSession(untilMs: number, _user?: string): void {
    this.sessionsUntil.push(untilMs);
  }

  protected apply(req: CommandRequest, ctx: TwinContext): CommandOutcome | undefined {
    if (req.command === 'account.disable' || req.command === 'account.enable') {
      const user = req.args['user'];
      if (typeof user !== 'string' || user === '') return rejected(`${req.command} needs user`);
      if (req.command === 'account.disable') (this.disabled ??= new Set()).add(user);
      else this.disabled?.delete(user);
      return { result: 'ok' };
    }
    if (req.command !== 'host.isolate') return undefined;
    this.isolated = req.args['on'] !== false;
    if (this.isolated) this.sessionsUntil = [];
    ctx.emit(
      this,
      this.log(4, 'agent', this.isolated ? 'Host isolated by cityguard' : 'Host isolation lifted'),
    );
    return { result: 'ok' };
  }

  private get hostname(): string {
    return this.asset.network.hostname ?? this.asset.id;
  }

  private activeSessions(ctx: TwinContext): number {
    if (this.sessionsUntil.length > 0) this.sessionsUntil = this.sessionsUntil.filter((t) => t > ctx.nowMs);
    return this.sessionsUntil.length;
  }
}

/** Staff and vendor accounts that use the VPN on a normal working day. */
const VPN_USERS = ['a.bauer', 'p.lindner', 'd.gruber', 'eng.schober', 'vendor.scada'];

/** A remote-access VPN gateway. */
export class VpnGateway extends SimDevice {
  private sessions: Array<{ untilMs: number; user: string | undefined }> = [];
  private readonly disabled = new Set<string>();

  metrics(ctx: TwinContext): Metrics {
    this.sessions = this.sessions.filter((s) => s.untilMs > ctx.nowMs);
    return {
      cpu_pct: round(8 + 3 * this.sessions.length + 4 * ctx.rng.next(), 1),
      online: true,
      sessions: this.sessions.length,
    };
  }

  override background(ctx: TwinContext): void {
    if (!officeHours(ctx.local.hour, ctx.local.weekday) || !ctx.rng.chance((ctx.publishIntervalS / 3600) * 2))
      return;
    const user = ctx.rng.pick(VPN_USERS);
    const mfa = this.asset.security?.mfa === true;
    const attrs: Record<string, Scalar> = { client: 'FortiClient 7.0', tunnel: 'ssl-vpn' };
    const refused = this.loginRefusal(user, mfa);
    ctx.emit(this, {
      type: 'auth',
      user,
      outcome: refused ? 'failure' : 'success',
      method: 'vpn',
      srcIp: `192.0.2.${10 + ctx.rng.int(200)}`,
      mfa,
      attrs,
    });
    if (!refused) this.openSession(ctx.nowMs + (1 + 2 * ctx.rng.next()) * 3_600_000, user);
  }

  override loginRefusal(user: string, mfa: boolean): string | undefined {
    if (this.disabled.has(user)) return 'account disabled';
    if (this.asset.security?.mfa === true && !mfa) return 'second factor required';
    return undefined;
  }

  override openSession(untilMs: number, user?: string): void {
    this.sessions.push({ untilMs, user });
  }

  /** Disabling an account also drops its open tunnels; enabling lets it log in again. */
  protected apply(req: CommandRequest): CommandOutcome | undefined {
    if (req.command !== 'account.disable' && req.command !== 'account.enable') return undefined;
    const user = req.args['user'];
    if (typeof user !== 'string' || user === '') return rejected(`${req.command} needs user`);
    if (req.command === 'account.enable') {
      this.disabled.delete(user);
      return { result: 'ok' };
    }
    this.disabled.add(user);
    this.sessions = this.sessions.filter((s) => s.user !== user);
    return { result: 'ok' };
  }
}

/** A firewall reporting dropped traffic; floods show up as a surge in drops. */
export class Firewall extends SimDevice {
  private floodPerMin = 0;
  private floodUntilMs = 0;

  /** Adds `perMin` dropped packets a minute until `untilMs`. */
  flood(perMin: number, untilMs: number, ctx: TwinContext): void {
    this.floodPerMin = ctx.nowMs < this.floodUntilMs ? this.floodPerMin + perMin : perMin;
    this.floodUntilMs = Math.max(this.floodUntilMs, untilMs);
  }

  metrics(ctx: TwinContext): Metrics {
    const flood = ctx.nowMs < this.floodUntilMs ? this.floodPerMin : 0;
    return {
      cpu_pct: round(Math.min(100, 12 + flood / 2000 + 4 * ctx.rng.next()), 1),
      online: true,
      dropped_per_min: ctx.rng.poisson(30) + Math.round(flood),
    };
  }

  protected apply(): CommandOutcome | undefined {
    return undefined;
  }
}
