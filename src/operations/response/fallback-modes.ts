// The fallback modes response can switch a service into automatically, by service kind, and the
// device commands that make each mode (and undo it). Other services (hospital, 112, administration)
// have fallbacks people run by hand: the plan describes them; automation does not pretend to.
import type { Asset, AssetKind, CityModel, Scalar, Service, ServiceKind } from '../../domain/index.js';

/** Automated fallback modes by service kind. */
export const FALLBACK_MODES: Readonly<Partial<Record<ServiceKind, readonly string[]>>> = {
  power: ['manual', 'islanded'],
  traffic: ['fixed-time', 'flashing'],
  water: ['local-plc'],
  'public-safety': ['local'],
  lighting: ['photocell'],
};

/** City files name water fallbacks by what people do; the automated part of each is local PLC control. */
const ALIASES: Readonly<Record<string, string>> = { manual: 'local-plc', storage: 'local-plc', local: 'local-plc' };

/** The automated mode to use for a service: the one asked for, else its declared fallback; undefined when none applies. */
export function fallbackModeFor(service: Service, requested?: string): string | undefined {
  const modes = FALLBACK_MODES[service.kind];
  if (!modes) return undefined;
  for (const m of [requested, service.fallback?.mode]) {
    if (m === undefined) continue;
    if (modes.includes(m)) return m;
    const alias = ALIASES[m];
    if (service.kind === 'water' && alias && modes.includes(alias)) return alias;
  }
  return requested === undefined ? modes[0] : undefined;
}

/** One device command. */
export interface DeviceCommandSpec {
  command: string;
  args: Record<string, Scalar>;
}

/** Commands that put a device of `kind` into `mode`, or undefined when the kind takes no part in it. */
export function fallbackCommands(kind: AssetKind, mode: string): DeviceCommandSpec[] | undefined {
  const safe = (extra: Record<string, Scalar> = {}) => [{ command: 'device.safe-mode', args: { on: true, ...extra } }];
  switch (kind) {
    case 'breaker':
      return mode === 'manual' || mode === 'islanded' ? safe() : undefined;
    // The station to local control: remote switching stops and the crew on call drives out; it
    // reaches the station even when its bay units no longer answer (gateways down).
    case 'rtu':
      return mode === 'manual' ? safe() : undefined;
    case 'serial-gateway':
    case 'ups':
      return mode === 'islanded' ? safe() : undefined;
    case 'signal-controller':
      return mode === 'fixed-time' || mode === 'flashing' ? safe({ mode }) : undefined;
    case 'plc':
      return mode === 'local-plc' ? [{ command: 'plc.set-mode', args: { mode: 'local' } }] : undefined;
    case 'dosing-pump':
      return mode === 'local-plc' ? safe() : undefined;
    case 'siren':
      return mode === 'local' ? safe() : undefined;
    case 'street-light':
      return mode === 'photocell' ? safe() : undefined;
    default:
      return undefined;
  }
}

/** Commands that take a device of `kind` back to normal remote operation. */
export function restoreCommands(kind: AssetKind): DeviceCommandSpec[] {
  if (kind === 'plc') return [{ command: 'plc.set-mode', args: { mode: 'remote' } }];
  const off = { command: 'device.safe-mode', args: { on: false } };
  return kind === 'signal-controller' ? [off, { command: 'signal.set-mode', args: { mode: 'coordinated' } }] : [off];
}

/** The devices a service's fallback mode switches: its own, plus (islanding) everything else at the same sites that takes part. */
export function fallbackParticipants(city: CityModel, serviceId: string, mode: string): Array<{ asset: Asset; commands: DeviceCommandSpec[] }> {
  const own = city.assetsOfService(serviceId);
  // Manual switching and islanding are for services fed by breakers (distribution), not for grid control itself.
  if ((mode === 'manual' || mode === 'islanded') && !own.some((a) => a.kind === 'breaker')) return [];
  // Islanding cuts the sites where the service's own breakers are, not every site its helpers sit at.
  const sites = new Set(own.filter((a) => a.kind === 'breaker').map((a) => a.site).filter((s) => s !== undefined));
  const extra = mode === 'islanded' ? city.city.assets.filter((a) => a.site !== undefined && sites.has(a.site) && !own.includes(a)) : [];
  return [...own, ...extra].flatMap((asset) => {
    const commands = fallbackCommands(asset.kind, mode);
    return commands ? [{ asset, commands }] : [];
  });
}
