// What ransomware and wipers do to Windows hosts in a scenario: services stopped one by one (Service
// Control Manager event 7036), and files encrypted in a storm of renames the host's file-audit agent
// reports every ten seconds, ending in a ransom note and a host that no longer works. An attack
// needs a way in: a host already cut off (isolated, its attacker's session ended), or an attack whose
// origin (`actor`) response has cut off, is counted `blocked` and the host is spared.
import type {
  Asset,
  CommandActor,
  DeviceLogEventBody,
  EncryptFilesAction,
  StopServicesAction,
} from '../../../domain/index.js';
import type { CityTwin } from '../city-twin.js';

/** What these actions use while they play (a subset of the runner's action context). */
export interface HostActionContext {
  twin: CityTwin;
  later(delayMs: number, fn: () => void): void;
  count(outcome: string): void;
}

/** Seconds between two file-audit reports of an encrypting host. */
const REPORT_EVERY_S = 10;

/** Offset of target `i` of `n` when they are spread evenly over `spreadS`, milliseconds. */
function offsetMs(i: number, n: number, spreadS: number): number {
  return n > 1 ? (i * spreadS * 1000) / (n - 1) : 0;
}

/** Why the attack cannot act on `a` now (its origin or the host is cut off), or undefined. */
function denied(ctx: HostActionContext, a: Asset, actor: CommandActor | undefined): string | undefined {
  const net = ctx.twin.network;
  return (actor ? net.originDenied(actor) : undefined) ?? net.hostDenied(a);
}

function hostLog(a: Asset, body: Omit<DeviceLogEventBody, 'type' | 'host'>): DeviceLogEventBody {
  return { type: 'log', host: a.network.hostname ?? a.id, ...body };
}

/** Stops each listed service on each target, `spreadS` apart on one host. */
export function stopServices(
  action: StopServicesAction,
  targets: readonly Asset[],
  ctx: HostActionContext,
): void {
  for (const a of targets) {
    action.services.forEach((service, j) =>
      ctx.later(offsetMs(j, action.services.length, action.spreadS), () => {
        if (denied(ctx, a, action.actor) !== undefined) return ctx.count('blocked');
        const user = action.actor?.user;
        const reached = ctx.twin.publishEvent(
          a.id,
          hostLog(a, {
            severity: 4,
            app: 'Service Control Manager',
            message: `The ${service} service entered the stopped state.`,
            attrs: {
              event_id: 7036,
              service,
              state: 'stopped',
              ...(user !== undefined ? { user } : {}),
            },
          }),
        );
        ctx.count(reached ? 'ok' : 'unreachable');
      }),
    );
  }
}

/** Encrypts the targets one after another; each host reports its renames, then dies. */
export function encryptFiles(
  action: EncryptFilesAction,
  targets: readonly Asset[],
  ctx: HostActionContext,
): void {
  targets.forEach((a, i) =>
    ctx.later(offsetMs(i, targets.length, action.spreadS), () => {
      if (denied(ctx, a, action.actor) !== undefined) return ctx.count('blocked');
      encryptHost(a, action, ctx);
    }),
  );
}

function encryptHost(a: Asset, action: EncryptFilesAction, ctx: HostActionContext): void {
  const { twin } = ctx;
  const batches = Math.max(1, Math.ceil(action.durationS / REPORT_EVERY_S));
  const perBatch = Math.max(1, Math.round((action.filesPerMin * REPORT_EVERY_S) / 60));
  const process = action.process ?? 'unknown.exe';
  for (let b = 0; b < batches; b++) {
    ctx.later((b + 1) * REPORT_EVERY_S * 1000, () => {
      twin.publishEvent(
        a.id,
        hostLog(a, {
          severity: 4,
          app: 'file-audit',
          message: `${perBatch} files renamed to *${action.extension} by ${process} in the last ${REPORT_EVERY_S} s`,
          attrs: { action: 'rename', files_renamed: perBatch, extension: action.extension, process, window_s: REPORT_EVERY_S },
        }),
      );
    });
  }
  ctx.later(batches * REPORT_EVERY_S * 1000 + 1000, () => {
    const noted =
      action.note === undefined ||
      twin.publishEvent(
        a.id,
        hostLog(a, {
          severity: 4,
          app: 'file-audit',
          message: `File created: ${action.note} in every folder, by ${process}`,
          attrs: { action: 'create', file: action.note, process },
        }),
      );
    ctx.count(noted && twin.kill(a.id) ? 'encrypted' : 'unreachable');
  });
}
