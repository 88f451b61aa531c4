// Everything the overview, the map and the drill view need about the city right now, fetched once
// per refresh and combined: devices and their states, services and their health, open incidents.
import { useMemo } from 'react';
import type { Action, Alert, Asset, Event, Incident, Service } from '../../../src/domain/index.js';
import { useResource } from '../api/use-resource.js';
import { assetStates, type AssetState } from '../model/asset-state.js';
import { latestReadings, type Reading } from '../model/latest-readings.js';
import { serviceHealth, type ServiceHealth } from '../model/service-health.js';
import { useLastReadings } from './use-last-readings.js';

/** Telemetry events read per refresh; enough for the newest reading of every device of a city of a few thousand. */
const TELEMETRY_SAMPLE = 1000;
/** A device silent for this long (in the city's time) is drawn as not reporting. */
const SILENT_AFTER_MS = 5 * 60_000;

export interface CityState {
  assets: Asset[];
  services: Service[];
  incidents: Incident[];
  openIncidents: Incident[];
  alerts: Alert[];
  readings: Map<string, Reading>;
  states: Map<string, AssetState>;
  health: ServiceHealth[];
  /** Newest reading time: the city's "now" (the demo's clock runs faster than the wall clock). */
  latestTs: number;
}

/** The combined state, undefined until the first answers arrive; `error` names the first failure. */
export function useCityState(intervalMs = 5000): { state: CityState | undefined; error: Error | undefined } {
  const assets = useResource<{ items: Asset[] }>('/api/assets', { intervalMs: 60_000, live: false });
  const services = useResource<{ items: Service[] }>('/api/services', { intervalMs: 60_000, live: false });
  const incidents = useResource<{ items: Incident[] }>('/api/incidents?limit=200', { intervalMs });
  const alerts = useResource<{ items: Alert[] }>('/api/alerts?limit=200', { intervalMs });
  const telemetry = useResource<{ items: Event[] }>(`/api/events?type=telemetry&limit=${TELEMETRY_SAMPLE}`, { intervalMs });
  const actions = useResource<{ items: Action[] }>('/api/actions?limit=200', { intervalMs });
  const sampled = useMemo(() => (telemetry.data ? latestReadings(telemetry.data.items) : undefined), [telemetry.data]);
  // Devices that carry a service but are missing from the sample have gone quiet: ask for their last word.
  const quiet = useMemo(() => {
    if (!sampled || !assets.data || !services.data) return [];
    const carrying = new Set([...services.data.items.flatMap((s) => s.dependsOn.assets), ...assets.data.items.filter((a) => a.services.length > 0).map((a) => a.id)]);
    return [...carrying].filter((id) => !sampled.has(id));
  }, [sampled, assets.data, services.data]);
  const lastWords = useLastReadings(quiet);
  const state = useMemo(() => {
    if (!assets.data || !services.data || !incidents.data || !alerts.data || !sampled) return undefined;
    const readings = new Map([...lastWords, ...sampled]);
    const latestTs = Math.max(0, ...[...sampled.values()].map((r) => r.ts));
    const openIncidents = incidents.data.items.filter((i) => i.status !== 'closed' && i.status !== 'recovered');
    const recentAlerts = alerts.data.items.filter((a) => a.ts >= latestTs - 60 * 60_000);
    const states = assetStates(assets.data.items, {
      readings,
      incidents: incidents.data.items,
      alerts: recentAlerts.filter((a) => !a.incidentId || openIncidents.some((i) => i.id === a.incidentId)),
      actions: actions.data?.items ?? [],
      silentBeforeTs: latestTs - SILENT_AFTER_MS,
    });
    const health = serviceHealth({
      services: services.data.items,
      assets: assets.data.items,
      readings,
      incidents: incidents.data.items,
      silentBeforeTs: latestTs - SILENT_AFTER_MS,
    });
    return {
      assets: assets.data.items,
      services: services.data.items,
      incidents: incidents.data.items,
      openIncidents,
      alerts: recentAlerts,
      readings,
      states,
      health,
      latestTs,
    };
  }, [assets.data, services.data, incidents.data, alerts.data, sampled, lastWords, actions.data]);
  const error = [assets, services, incidents, alerts, telemetry].find((r) => r.error)?.error;
  return { state, error };
}
