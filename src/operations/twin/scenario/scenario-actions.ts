// What each scenario action does to the twin, target by target. Outcomes are counted by name so a
// step's record says, for example, "ok: 11, unreachable: 2". Actions need a way in: an attack step
// whose origin response has cut off (blocked address, isolated host, ended VPN session, failed
// remote session) is counted `blocked` and does nothing.
import type { Asset, DeviceEventMessage, ScenarioAction } from '../../../domain/index.js';
import type { CityTwin } from '../city-twin.js';
import { encryptFiles, stopServices } from './host-actions.js';

/** What an action may use while it plays. */
export interface ActionContext {
  twin: CityTwin;
  /** Runs `fn` after `delayMs` of simulation time (immediately for 0). */
  later(delayMs: number, fn: () => void): void;
  /** Counts one outcome for the step's record. */
  count(outcome: string): void;
}

/** Runs `fn` for targets[i] at i · spreadS / (n − 1) seconds, and `count` times every `everyS`. */
function schedule(
  ctx: ActionContext,
  targets: readonly Asset[],
  spreadS: number,
  count: number,
  everyS: number,
  fn: (a: Asset) => void,
): void {
  targets.forEach((asset, i) => {
    const offsetMs = targets.length > 1 ? (i * spreadS * 1000) / (targets.length - 1) : 0;
    for (let k = 0; k < count; k++) ctx.later(offsetMs + k * everyS * 1000, () => fn(asset));
  });
}

/** Counts `blocked` when an attack cannot reach or act from where it needs to; true when blocked. */
function blocked(ctx: ActionContext, why: string | undefined): boolean {
  if (why !== undefined) ctx.count('blocked');
  return why !== undefined;
}

/** Why a flow from `a` (or from `srcIp`) to `dstIp` cannot happen, or undefined. */
function flowDenied(ctx: ActionContext, a: Asset, srcIp: string | undefined, dstIp: string): string | undefined {
  const net = ctx.twin.network;
  if (srcIp !== undefined ? net.addressCut(srcIp) : net.hostDenied(a)) return 'origin cut off';
  return net.addressCut(dstIp) ? `destination ${dstIp} blocked` : undefined;
}

/** Publishes an event on a target, counting `ok` or `unreachable`. */
function publish(ctx: ActionContext, asset: Asset, body: DeviceEventMessage): void {
  ctx.count(ctx.twin.publishEvent(asset.id, body) ? 'ok' : 'unreachable');
}

/** Plays one action on its targets. */
export function performAction(action: ScenarioAction, targets: readonly Asset[], ctx: ActionContext): void {
  const { twin } = ctx;
  switch (action.do) {
    case 'login':
      return schedule(ctx, targets, 0, action.count, action.everyS, (a) => {
        const { user, method, outcome, srcIp, attrs, sessionS } = action;
        ctx.count(
          twin.login(a.id, {
            user,
            method,
            outcome,
            ...(srcIp ? { srcIp } : {}),
            ...(attrs ? { attrs } : {}),
            ...(sessionS ? { sessionS } : {}),
          }) ?? 'unreachable',
        );
      });
    case 'remote-session':
      return schedule(ctx, targets, 0, 1, 1, (a) => {
        // A session from a city host needs the attacker's hands on that host: none if their own
        // session onto it failed or was cut (a blocked VPN leaves the jump host out of reach).
        const origin = twin.city.assetByAddress(action.fromIp);
        if (origin && twin.network.sessionDenied(origin)) {
          ctx.count('blocked');
          twin.network.footholdDenied(a.id);
          return;
        }
        const result = twin.login(a.id, {
          user: action.user,
          method: 'remote-desktop',
          outcome: 'success',
          srcIp: action.fromIp,
          attrs: { tool: action.tool },
          sessionS: action.durationS,
        });
        ctx.count(result ?? 'unreachable');
        if (result !== 'success') {
          twin.network.footholdDenied(a.id);
          return;
        }
        twin.network.footholdGained(a.id, action.fromIp);
        const log = (message: string) =>
          twin.publishEvent(a.id, {
            type: 'log',
            severity: 5,
            app: action.tool,
            host: a.network.hostname ?? a.id,
            message,
            attrs: { user: action.user, src_ip: action.fromIp },
          });
        log(`${action.tool}: session for ${action.user} opened from ${action.fromIp}`);
        ctx.later(action.durationS * 1000, () =>
          log(`${action.tool}: session for ${action.user} from ${action.fromIp} closed`),
        );
      });
    case 'command':
      return schedule(ctx, targets, action.spreadS, action.count, action.everyS, (a) => {
        if (blocked(ctx, twin.network.originDenied(action.actor))) return;
        const r = twin.command(
          a.id,
          { command: action.command, ...(action.args ? { args: action.args } : {}), actor: action.actor },
          action.protocol ? { protocol: action.protocol } : {},
        );
        ctx.count(r.result);
      });
    case 'firmware-upload':
      return schedule(ctx, targets, action.spreadS, 1, 1, (a) => {
        if (blocked(ctx, twin.network.originDenied(action.actor))) return;
        const { version, hash, signed, bricks } = action.image;
        const r = twin.command(
          a.id,
          { command: 'firmware.upload', args: { version, hash, signed }, actor: action.actor },
          { protocol: action.protocol ?? 'http', bricks },
        );
        ctx.count(r.result);
      });
    case 'flood':
      return targets.forEach((a) =>
        ctx.count(twin.flood(a.id, action.ratePerMin, action.durationS) ? 'ok' : 'unsupported'),
      );
    case 'log':
      return schedule(ctx, targets, 0, action.count, action.everyS, (a) =>
        blocked(ctx, twin.network.sessionDenied(a)) ||
        publish(ctx, a, {
          type: 'log',
          severity: action.severity,
          host: a.network.hostname ?? a.id,
          message: action.message,
          ...(action.app ? { app: action.app } : {}),
          attrs: action.attrs ?? {},
        }),
      );
    case 'network': {
      const dsts = action.to
        ? twin.city.select(action.to).map((t) => t.network.ip ?? t.id)
        : (action.dstIps ?? [action.dstIp!]);
      return schedule(ctx, targets, 0, action.count, action.everyS, (a) => {
        for (const dstIp of dsts) {
          if (blocked(ctx, flowDenied(ctx, a, action.srcIp, dstIp))) continue;
          publish(ctx, a, {
            type: 'network',
            srcIp: action.srcIp ?? a.network.ip ?? a.id,
            dstIp,
            ...(action.dstPort !== undefined ? { dstPort: action.dstPort } : {}),
            transport: action.transport,
            ...(action.protocol ? { protocol: action.protocol } : {}),
            ...(action.action ? { action: action.action } : {}),
            ...(action.bytes !== undefined ? { bytes: action.bytes } : {}),
            attrs: action.attrs ?? {},
          });
        }
      });
    }
    case 'spoof':
      return targets.forEach((a) =>
        ctx.count(twin.spoof(a.id, action.mode, action.durationS, action.metrics) ? 'ok' : 'unsupported'),
      );
    case 'wipe':
      return targets.forEach((a) => {
        if (blocked(ctx, twin.network.sessionDenied(a))) return;
        const host = a.network.hostname ?? a.id;
        const cleared = (log: string, eventId: number) =>
          twin.publishEvent(a.id, {
            type: 'log',
            severity: 4,
            host,
            app: 'eventlog',
            message: `The ${log} log was cleared`,
            attrs: { event_id: eventId, channel: log },
          });
        const reached = cleared('Security', 1102) && cleared('System', 104);
        ctx.count(reached ? 'ok' : 'unreachable');
        if (reached) ctx.later(action.afterS * 1000, () => twin.kill(a.id));
      });
    case 'stop-services':
      return stopServices(action, targets, ctx);
    case 'encrypt-files':
      return encryptFiles(action, targets, ctx);
  }
}
