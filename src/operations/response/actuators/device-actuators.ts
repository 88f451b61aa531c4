// Actions carried out on devices: isolate (host agent isolation, or the broker credential and
// session revoked for field devices), safe mode, a service's fallback mode, disabling a user account
// on the VPN gateway or domain controller, and rotating a device's broker credential.
import { acceptsCommand, type Action, type Asset, type CityModel, type Scalar } from '../../../domain/index.js';
import { responseActuatorFailed, responseBadTarget } from '../errors.js';
import { fallbackModeFor, fallbackParticipants, restoreCommands, type DeviceCommandSpec } from '../fallback-modes.js';
import { RESPONSE_ACTOR, type Actuator } from './actuator.js';
import type { CredentialHandover, CredentialPort, DeviceCommandPort } from './ports.js';

/** What device actuators need. */
export interface DeviceActuatorDeps {
  city: CityModel;
  commands: DeviceCommandPort;
  credentials: CredentialPort;
  handover: CredentialHandover;
}

/** Sends one command and fails unless the device says ok. */
async function send(deps: DeviceActuatorDeps, action: Action, assetId: string, spec: DeviceCommandSpec): Promise<void> {
  let answer;
  try {
    answer = await deps.commands.sendAndWait(assetId, { command: spec.command, args: spec.args, actor: { user: RESPONSE_ACTOR, host: 'cityguard' } });
  } catch (err) {
    throw responseActuatorFailed(action.kind, assetId, (err as Error).message, err);
  }
  if (answer.result !== 'ok') throw responseActuatorFailed(action.kind, assetId, `${spec.command} ${answer.result}${answer.reason ? `: ${answer.reason}` : ''}`);
}

function assetOf(deps: DeviceActuatorDeps, action: Action): Asset {
  const a = deps.city.asset(action.target.id);
  if (!a) throw responseBadTarget(action.kind, action.target.id, 'no such asset in the city model');
  return a;
}

const isHost = (a: Asset) => acceptsCommand(a.kind, 'host.isolate');

/** Isolation: hosts through their agent (cityguard keeps its channel), other devices by revoking their broker credential. */
export function isolateActuator(deps: DeviceActuatorDeps): Actuator {
  return {
    describe: (action) => {
      const a = deps.city.asset(action.target.id);
      return a && isHost(a)
        ? `isolate host ${a.id} from the network through its agent (cityguard keeps its channel)`
        : `revoke the broker credential of ${action.target.id} and close its session`;
    },
    perform: async (action) => {
      const a = assetOf(deps, action);
      if (isHost(a)) {
        await send(deps, action, a.id, { command: 'host.isolate', args: { on: true } });
        return { text: `${a.id} isolated from the network by its agent` };
      }
      await deps.credentials.revoke(a.id);
      return { text: `broker credential of ${a.id} revoked and its session closed`, params: { revoked: true } };
    },
    undo: async (action) => {
      const a = assetOf(deps, action);
      if (isHost(a)) {
        await send(deps, action, a.id, { command: 'host.isolate', args: { on: false } });
        return `${a.id} back on the network`;
      }
      const issued = await deps.credentials.issue(a.id);
      return `new broker credential for ${a.id}; ${await deps.handover.deliver(a.id, issued)}`;
    },
  };
}

/** Safe mode: the device falls back to its local behaviour and refuses remote control. */
export function safeModeActuator(deps: DeviceActuatorDeps): Actuator {
  const spec = (action: Action): DeviceCommandSpec => ({
    command: 'device.safe-mode',
    args: { on: true, ...(typeof action.params['mode'] === 'string' ? { mode: action.params['mode'] } : {}) },
  });
  return {
    describe: (action) => `switch ${action.target.id} to safe mode (local control only)`,
    perform: async (action) => {
      const a = assetOf(deps, action);
      if (!acceptsCommand(a.kind, 'device.safe-mode')) throw responseBadTarget(action.kind, a.id, `a ${a.kind} has no safe mode`);
      await send(deps, action, a.id, spec(action));
      return { text: `${a.id} in safe mode` };
    },
    undo: async (action) => {
      const a = assetOf(deps, action);
      for (const c of restoreCommands(a.kind)) await send(deps, action, a.id, c);
      return `${a.id} back under remote control`;
    },
  };
}

/** A service's fallback mode: every device that takes part switches; undo switches back the ones that did. */
export function fallbackModeActuator(deps: DeviceActuatorDeps): Actuator {
  const modeOf = (action: Action) => {
    const s = deps.city.services.get(action.target.id);
    if (!s) throw responseBadTarget(action.kind, action.target.id, 'no such service in the city model');
    const requested = typeof action.params['mode'] === 'string' ? action.params['mode'] : undefined;
    const mode = fallbackModeFor(s, requested);
    if (!mode) throw responseBadTarget(action.kind, s.id, `${s.name} has no automated fallback${requested ? ` called ${requested}` : ''}; follow its manual procedure in the plan`);
    return mode;
  };
  return {
    describe: (action) => `switch ${action.target.id} to ${String(action.params['mode'] ?? 'its fallback mode')}`,
    perform: async (action) => {
      const mode = modeOf(action);
      const devices = fallbackParticipants(deps.city, action.target.id, mode);
      if (devices.length === 0) throw responseBadTarget(action.kind, action.target.id, `no device of the service takes part in ${mode}`);
      const done: string[] = [];
      const failed: string[] = [];
      for (const { asset, commands } of devices) {
        try {
          for (const c of commands) await send(deps, action, asset.id, c);
          done.push(asset.id);
        } catch (err) {
          failed.push(`${asset.id} (${(err as Error).message})`);
        }
      }
      if (done.length === 0) throw responseActuatorFailed(action.kind, action.target.id, `no device switched: ${failed.join('; ')}`);
      const text = `${action.target.id} in ${mode}: ${done.length} device(s) switched${failed.length ? `; not switched: ${failed.join('; ')}` : ''}`;
      return { text, params: { mode, devices: done.join(',') } };
    },
    // Every device is tried; when some cannot be reached the action stays done (undo again later) and says which.
    undo: async (action) => {
      const ids = String(action.params['devices'] ?? '').split(',').filter((s) => s !== '');
      const failed: string[] = [];
      for (const id of ids) {
        const a = deps.city.asset(id);
        try {
          if (a) for (const c of restoreCommands(a.kind)) await send(deps, action, id, c);
        } catch (err) {
          failed.push(`${id} (${(err as Error).message})`);
        }
      }
      if (failed.length > 0) throw responseActuatorFailed(action.kind, action.target.id, `not restored, try again once reachable: ${failed.join('; ')}`);
      return `${action.target.id} back in normal operation (${ids.length} device(s))`;
    },
  };
}

function account(action: Action): { user: string; on: string } {
  const user = action.params['user'];
  const on = action.params['on'];
  if (typeof user === 'string' && typeof on === 'string') return { user, on };
  const at = action.target.id.lastIndexOf('@');
  if (at <= 0) throw responseBadTarget(action.kind, action.target.id, 'an account target is user@asset');
  return { user: action.target.id.slice(0, at), on: action.target.id.slice(at + 1) };
}

/** Disables a user or remote-access account where it logs in (ending its VPN tunnels). */
export function disableAccountActuator(deps: DeviceActuatorDeps): Actuator {
  const args = (user: string): Record<string, Scalar> => ({ user });
  return {
    describe: (action) => {
      const { user, on } = account(action);
      return `disable account ${user} on ${on}`;
    },
    perform: async (action) => {
      const { user, on } = account(action);
      await send(deps, action, on, { command: 'account.disable', args: args(user) });
      return { text: `account ${user} disabled on ${on}`, params: { user, on } };
    },
    undo: async (action) => {
      const { user, on } = account(action);
      await send(deps, action, on, { command: 'account.enable', args: args(user) });
      return `account ${user} enabled again on ${on}`;
    },
  };
}

/** Rotates a device's broker credential (the old one stops working at once) and hands over the new one. */
export function rotateActuator(deps: DeviceActuatorDeps): Actuator {
  return {
    describe: (action) => `replace the broker credential of ${action.target.id}`,
    perform: async (action) => {
      const a = assetOf(deps, action);
      const issued = await deps.credentials.rotate(a.id);
      return { text: `credential of ${a.id} rotated; ${await deps.handover.deliver(a.id, issued)}` };
    },
    // The rotated-out secret is never kept, so undo cannot bring it back: it issues a fresh one.
    undo: async (action) => {
      const a = assetOf(deps, action);
      const issued = await deps.credentials.issue(a.id);
      return `old credential cannot return (never stored); fresh credential for ${a.id}; ${await deps.handover.deliver(a.id, issued)}`;
    },
  };
}
