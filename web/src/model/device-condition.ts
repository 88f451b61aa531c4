// Reads a device's latest telemetry as working / reduced / down: the physical state a person
// cares about ("is the power on?"), separate from whether an alert was raised about it.
import type { AssetKind, Scalar } from '../../../src/domain/index.js';

/**
 * What the latest reading says about a device. `fallback`: switched to its safe local mode (a
 * breaker in local/manual control, a signal on fixed time, a PLC on local control) — the service
 * is then run by hand or by the device alone, as the city's fallback plan for that service says.
 */
export type DeviceCondition = 'working' | 'fallback' | 'reduced' | 'down' | 'unknown';

type Metrics = Record<string, Scalar>;

/** Kinds whose state is the service itself (a feeder energised, a light green); the others support it. */
export const DELIVERY_KINDS: ReadonlySet<AssetKind> = new Set<AssetKind>(['breaker', 'signal-controller', 'dispatch-server', 'siren', 'street-light', 'pump', 'camera', 'nvr']);

const HOSTS: ReadonlySet<AssetKind> = new Set<AssetKind>(['workstation', 'hmi', 'scada-server', 'vpn-gateway', 'domain-controller', 'firewall', 'server', 'historian', 'dispatch-server', 'rtu']);

/** The condition of a device of `kind` given its latest metrics (undefined: never heard). */
export function deviceCondition(kind: AssetKind, metrics: Metrics | undefined): DeviceCondition {
  if (!metrics) return 'unknown';
  if (HOSTS.has(kind) && metrics['online'] === false) return 'down';
  switch (kind) {
    case 'breaker':
      // An open breaker, or a closed one behind an open incomer, carries no voltage, whoever controls it.
      if (metrics['closed'] === false || metrics['voltage_kv'] === 0) return 'down';
      // Energised under local or manual control: crews switch it by hand, the power fallback.
      return metrics['mode'] === 'local' || metrics['mode'] === 'manual' ? 'fallback' : 'working';
    case 'signal-controller':
      if (metrics['mode'] === 'dark' || metrics['conflict'] === true) return 'down';
      if (metrics['mode'] === 'fixed-time' || metrics['mode'] === 'flashing') return 'fallback';
      return metrics['mode'] === 'coordinated' ? 'working' : 'reduced';
    case 'serial-gateway':
      return metrics['link_up'] === false ? 'down' : 'working';
    case 'protection-relay':
      return metrics['tripped'] === true ? 'down' : 'working';
    case 'ups':
      if (metrics['on_battery'] === true) return Number(metrics['charge_pct'] ?? 100) <= 0 ? 'down' : 'reduced';
      return 'working';
    case 'plc':
      if (metrics['mode'] === 'stop') return 'down';
      return metrics['mode'] === 'local' ? 'fallback' : 'working';
    case 'camera':
    case 'nvr':
      return metrics['recording'] === false ? 'down' : 'working';
    default:
      return 'working';
  }
}
