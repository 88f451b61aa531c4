// How much of each public service the simulated city delivers right now, 0 … 1, read from device
// state: energised feeders (weighted by peak load), lit and sane traffic signals, water in the
// reservoirs, safe dosing, answered 112 calls, sirens not sounding false alarms (nor leaving people
// alarmed after one, who then also call 112), reachable servers.
// A device in its fallback mode (safe mode, local control, on backup power, isolated) counts at the
// service's fallback capacity. Dependencies the twin simulates physically (power) are already in
// the device states; other dependencies (treatment → supply zones, 112 → sirens) scale the service
// down unless its own fallback covers them. People × (1 − share) × minutes is what drills call
// customer-minutes lost.
import type { CityModel, Service } from '../../domain/index.js';
import { DispatchServer, Siren } from './devices/emergency-devices.js';
import { Host } from './devices/host-devices.js';
import { Breaker, Rtu, SerialGateway } from './devices/power-devices.js';
import { numParam, type SimDevice } from './devices/sim-device.js';
import { SignalController } from './devices/signal-controller.js';
import { Camera, Nvr, StreetLight } from './devices/street-devices.js';
import { UpsDevice } from './devices/ups-device.js';
import { DosingPump, Plc } from './devices/water-control.js';
import { Tank } from './devices/water-devices.js';
import type { TwinContext } from './twin-context.js';
import type { TwinNetwork } from './twin-network.js';

/** Below this share of its height a reservoir no longer keeps pressure in its zone. */
const RESERVOIR_LOW_SHARE = 0.1;

/** What the evaluator needs from the twin. */
export interface AvailabilitySource {
  readonly city: CityModel;
  readonly network: TwinNetwork;
  device(id: string): SimDevice | undefined;
}

/** Evaluates service availability on a twin. */
export class ServiceAvailability {
  constructor(private readonly twin: AvailabilitySource) {}

  /** Share of each service delivered now, by service id. */
  evaluate(ctx: TwinContext): Map<string, number> {
    const shares = new Map<string, number>();
    const visiting = new Set<string>();
    const share = (s: Service): number => {
      const known = shares.get(s.id);
      if (known !== undefined) return known;
      if (visiting.has(s.id)) return 1; // a dependency loop in the city file is a data error, not an outage
      visiting.add(s.id);
      const fallback = (s.fallback?.capacityPct ?? 0) / 100;
      let value = this.ownShare(s, fallback, ctx);
      for (const depId of s.dependsOn.services) {
        const dep = this.twin.city.services.get(depId);
        if (!dep || dep.kind === 'power') continue; // power reaches devices through the simulated grid
        const d = share(dep);
        value *= d + (1 - d) * fallback;
      }
      visiting.delete(s.id);
      shares.set(s.id, value);
      return value;
    };
    for (const s of this.twin.city.services.values()) share(s);
    return shares;
  }

  private ownShare(s: Service, fallback: number, ctx: TwinContext): number {
    let weight = 0;
    let delivered = 0;
    for (const asset of this.twin.city.assetsOfService(s.id)) {
      const d = this.twin.device(asset.id);
      if (!d) continue;
      if (poisons(d)) return 0;
      let v = deviceValue(d, fallback, ctx);
      if (v === undefined) continue;
      if (!this.twin.network.isConnected(asset.id)) v = d instanceof Camera || d instanceof Nvr ? 0 : Math.min(v, fallback);
      const w = d instanceof Breaker ? Math.max(0.1, numParam(asset, 'peakMw', 1)) : 1;
      weight += w;
      delivered += w * v;
    }
    return weight === 0 ? 1 : delivered / weight;
  }
}

/** A device whose state makes the whole service unsafe: treated water dosed beyond the plant's limit is unfit for everyone. */
function poisons(d: SimDevice): boolean {
  return d instanceof DosingPump && d.setpointPpm > numParam(d.asset, 'maxPpm', Number.POSITIVE_INFINITY);
}

/** What one device contributes to its service (1 normal, `fallback` in fallback, 0 down), or undefined when it delivers nothing by itself. */
function deviceValue(d: SimDevice, fallback: number, ctx: TwinContext): number | undefined {
  if (d instanceof Breaker) {
    if (d.asset.params['role'] !== 'feeder') return undefined;
    if (!ctx.grid.powered(d.asset.id)) return 0;
    return d.safeMode ? fallback : 1;
  }
  if (d instanceof SignalController) return signalValue(d, fallback, ctx);
  if (d instanceof UpsDevice) {
    const { delivering, onMains } = d.delivery(ctx);
    return !delivering ? 0 : onMains ? 1 : fallback;
  }
  if (d instanceof Tank) return Math.min(1, d.levelM / (RESERVOIR_LOW_SHARE * d.heightM));
  if (d instanceof Siren) {
    if (!d.alive) return 0;
    if (d.falseAlarm(ctx)) return 0; // a false alarm is the warning service failing
    // Safe mode hands the siren to local activation at its box: the service's fallback capacity.
    // People still alarmed by a false alarm cannot tell a real warning from another false one.
    return (d.safeMode ? fallback : 1) * (1 - d.alarmedShare);
  }
  if (d instanceof DosingPump) {
    if (!d.reachable(ctx)) return 0;
    if (d.setpointPpm > numParam(d.asset, 'maxPpm', Number.POSITIVE_INFINITY)) return 0;
    return d.safeMode ? fallback : 1;
  }
  if (d instanceof Plc) {
    if (!d.reachable(ctx) || d.mode === 'stop' || !d.powered(ctx)) return 0;
    return d.mode === 'local' || d.safeMode ? fallback : 1;
  }
  if (d instanceof DispatchServer) return d.reachable(ctx) ? d.answeredShare() : 0;
  if (d instanceof Host) return !d.reachable(ctx) ? 0 : d.isolated ? fallback : 1;
  if (d instanceof StreetLight || d instanceof SerialGateway || d instanceof Rtu) return !d.reachable(ctx) ? 0 : d.safeMode ? fallback : 1;
  if (d instanceof Camera || d instanceof Nvr) return d.reachable(ctx) ? 1 : 0;
  if (d.asset.kind === 'vpn-gateway' || d.asset.kind === 'firewall') return d.reachable(ctx) ? 1 : 0;
  return undefined; // relays, pumps, valves and sensors act through the physics of what they serve
}

function signalValue(d: SignalController, fallback: number, ctx: TwinContext): number {
  if (!d.alive) return 0;
  const [ns] = d.lamps(ctx);
  if (ns === 'dark') return 0;
  if (ns === 'flashing-red' || ns === 'flashing-yellow') return 0.5 * fallback; // intersections become all-way stops
  if (d.mode === 'manual') return 0; // lamps forced by hand or by an intruder
  return d.mode === 'coordinated' && !d.safeMode ? 1 : fallback;
}
