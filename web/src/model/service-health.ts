// How each public service is doing right now, and how many people are without it, from the live
// state of the devices it runs on and the open incidents that reach it.
import type { Asset, Incident, Service } from '../../../src/domain/index.js';
import { DELIVERY_KINDS, deviceCondition, type DeviceCondition } from './device-condition.js';
import type { Reading } from './latest-readings.js';

/** A service's condition, worst first: out for some people, reduced, at risk, working, not known. */
export type ServiceCondition = 'down' | 'reduced' | 'at-risk' | 'working' | 'unknown';

export const CONDITION_ORDER: readonly ServiceCondition[] = ['down', 'reduced', 'at-risk', 'working', 'unknown'];

/** One service's health with the reason in words. */
export interface ServiceHealth {
  service: Service;
  condition: ServiceCondition;
  /** Estimated people without the service now. */
  peopleWithout: number;
  reasons: string[];
  /** Devices of the service that are down or reduced. */
  troubledAssetIds: string[];
  /** Open incidents that reach this service. */
  incidentIds: string[];
}

export interface ServiceHealthInputs {
  services: readonly Service[];
  assets: readonly Asset[];
  readings: ReadonlyMap<string, Reading>;
  incidents: readonly Incident[];
  /** A reading older than this (epoch ms) is from a device that stopped reporting. */
  silentBeforeTs?: number;
}

const OPEN: ReadonlySet<Incident['status']> = new Set(['new', 'triaged', 'contained']);

/** Health of every service, in the order given. */
export function serviceHealth(inputs: ServiceHealthInputs): ServiceHealth[] {
  const byId = new Map(inputs.assets.map((a) => [a.id, a]));
  const direct = new Map(inputs.services.map((s) => [s.id, directHealth(s, inputs, byId)]));
  return inputs.services.map((s) => {
    const own = direct.get(s.id)!;
    const reasons = [...own.reasons];
    let condition = own.condition;
    for (const dep of s.dependsOn.services) {
      const d = direct.get(dep);
      if (d && (d.condition === 'down' || d.condition === 'reduced')) {
        reasons.push(`It depends on ${d.service.name}, which is ${d.condition === 'down' ? 'partly or fully out' : 'running in a reduced mode'}.`);
        condition = worse(condition, 'at-risk');
      }
    }
    if (own.silentCount > 0) {
      reasons.push(`${countWords(own.silentCount, 'device')} stopped reporting; what is shown is ${own.silentCount === 1 ? 'its' : 'their'} last reading.`);
      condition = worse(condition, 'at-risk');
    }
    const incidentIds = inputs.incidents.filter((i) => OPEN.has(i.status) && i.affectedServices.some((a) => a.serviceId === s.id)).map((i) => i.id);
    if (incidentIds.length > 0) {
      reasons.push('An attack has reached equipment this service runs on.');
      condition = worse(condition, 'at-risk');
    }
    const { silentCount: _silent, ...rest } = own;
    return { ...rest, condition, reasons, incidentIds };
  });
}

function worse(a: ServiceCondition, b: ServiceCondition): ServiceCondition {
  return CONDITION_ORDER.indexOf(a) <= CONDITION_ORDER.indexOf(b) ? a : b;
}

function serviceAssets(s: Service, inputs: ServiceHealthInputs, byId: ReadonlyMap<string, Asset>): Asset[] {
  const ids = new Set(s.dependsOn.assets);
  for (const a of inputs.assets) if (a.services.includes(s.id)) ids.add(a.id);
  return [...ids].map((id) => byId.get(id)).filter((a): a is Asset => a !== undefined);
}

type DirectHealth = Omit<ServiceHealth, 'incidentIds'> & { silentCount: number };

function directHealth(s: Service, inputs: ServiceHealthInputs, byId: ReadonlyMap<string, Asset>): DirectHealth {
  const assets = serviceAssets(s, inputs, byId);
  const silentBefore = inputs.silentBeforeTs ?? -Infinity;
  const silentCount = assets.filter((a) => (inputs.readings.get(a.id)?.ts ?? Infinity) < silentBefore).length;
  const conditions = new Map<string, DeviceCondition>(assets.map((a) => [a.id, deviceCondition(a.kind, inputs.readings.get(a.id)?.metrics)]));
  const known = assets.filter((a) => conditions.get(a.id) !== 'unknown');
  const troubled = known.filter((a) => ['down', 'reduced', 'fallback'].includes(conditions.get(a.id) ?? 'unknown'));
  const base = { service: s, troubledAssetIds: troubled.map((a) => a.id), silentCount };
  if (known.length === 0) return { ...base, condition: assets.length ? 'unknown' : 'working', peopleWithout: 0, reasons: assets.length ? ['No recent readings from its devices.'] : [] };
  const share = outageShare(known, conditions, 'down');
  // Devices on the service's fallback serve its fallback capacity (the city file says how much).
  const onFallback = outageShare(known, conditions, 'fallback');
  const fallbackLoss = onFallback * (1 - (s.fallback?.capacityPct ?? 0) / 100);
  const peopleWithout = Math.round(s.peopleServed * Math.min(1, share + fallbackLoss));
  const downDelivery = known.filter((a) => DELIVERY_KINDS.has(a.kind) && conditions.get(a.id) === 'down');
  if (share > 0) {
    return { ...base, condition: 'down', peopleWithout, reasons: [`${countWords(downDelivery.length, 'device')} that deliver it ${downDelivery.length === 1 ? 'is' : 'are'} down.`] };
  }
  if (onFallback > 0 || known.some((a) => conditions.get(a.id) === 'fallback')) {
    const how = s.fallback ? `${s.fallback.mode}: ${s.fallback.description}` : 'devices under local control';
    return { ...base, condition: 'reduced', peopleWithout, reasons: [`Running on its fallback (${how}).`] };
  }
  if (troubled.length > 0) {
    return { ...base, condition: 'reduced', peopleWithout: 0, reasons: [`${countWords(troubled.length, 'device')} it relies on ${troubled.length === 1 ? 'is' : 'are'} down or in a reduced mode.`] };
  }
  return { ...base, condition: 'working', peopleWithout: 0, reasons: [] };
}

/**
 * Share of the people served whose devices are in condition `which` (down, or on fallback): for
 * power, the load share of such feeder breakers (weighted by peak load); otherwise the share of
 * delivering devices.
 */
export function outageShare(known: readonly Asset[], conditions: ReadonlyMap<string, DeviceCondition>, which: DeviceCondition): number {
  const breakers = known.filter((a) => a.kind === 'breaker');
  const upstream = new Set(breakers.map((b) => b.params['upstream']).filter((u) => typeof u === 'string'));
  const feeders = breakers.filter((b) => !upstream.has(b.id));
  if (feeders.length > 0) {
    const weight = (a: Asset) => (typeof a.params['peakMw'] === 'number' && a.params['peakMw'] > 0 ? a.params['peakMw'] : 1);
    const total = feeders.reduce((sum, f) => sum + weight(f), 0);
    const down = feeders.filter((f) => conditions.get(f.id) === which).reduce((sum, f) => sum + weight(f), 0);
    return down / total;
  }
  const delivering = known.filter((a) => DELIVERY_KINDS.has(a.kind));
  if (delivering.length === 0) return 0;
  return delivering.filter((a) => conditions.get(a.id) === which).length / delivering.length;
}

function countWords(n: number, noun: string): string {
  return n === 1 ? `1 ${noun}` : `${n} ${noun}s`;
}
