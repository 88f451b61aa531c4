// The city at a glance: the headline (all is well / attention / act now), the map, the services
// people depend on with who is without them, the live counters, the process detectors, and the open
// incidents.
import type { FeatureCollection, Geometry } from 'geojson';
import type { StatusResponse } from '../../../src/contracts/index.js';
import type { ServiceKind } from '../../../src/domain/index.js';
import type { ServiceHealth } from '../model/service-health.js';
import { useResource } from '../api/use-resource.js';
import { IncidentCard } from '../incidents/incident-card.js';
import { HEADLINE_WORDS, formatPeopleEstimate } from '../model/plain-words.js';
import { severityOrder } from '../model/severity.js';
import { ResourceState } from '../shell/resource-state.js';
import { CityMap } from './city-map.js';
import { LiveCounters } from './live-counters.js';
import { ProcessWatch } from './process-watch.js';
import { ServiceGroups, ServiceList } from './service-panel.js';
import { useCityState } from './use-city-state.js';

type CityGeoJson = FeatureCollection<Geometry, Record<string, unknown>>;

const WITHOUT_WORDS: Array<[ServiceKind, string]> = [
  ['power', 'without power'],
  ['water', 'without water'],
  ['traffic', 'at junctions with dark traffic lights'],
  ['emergency', 'without the emergency service'],
];

/** "About 46,000 people without power; about 28,000 at junctions with dark traffic lights." — empty when nobody. */
function peopleWithoutSentence(health: readonly ServiceHealth[]): string {
  const parts = WITHOUT_WORDS.flatMap(([kind, words]) => {
    const n = health.filter((h) => h.service.kind === kind).reduce((sum, h) => sum + h.peopleWithout, 0);
    return n > 0 ? [`${formatPeopleEstimate(n)} ${words}`] : [];
  });
  if (parts.length === 0) return '';
  const text = `Right now: ${parts.join('; ')}.`;
  return text;
}

/** The overview page. */
export function OverviewPage() {
  const status = useResource<StatusResponse>('/api/status', { intervalMs: 5000 });
  const map = useResource<CityGeoJson>('/api/city/map', { intervalMs: 0, live: false });
  const { state, error } = useCityState();
  const open = [...(state?.openIncidents ?? [])].sort((a, b) => severityOrder(b.severity) - severityOrder(a.severity) || b.updatedTs - a.updatedTs);
  const without = peopleWithoutSentence(state?.health ?? []);

  return (
    <div className="overview">
      <ResourceState r={status} what="the city status">
        {(s) => (
          <section className={`headline ${s.headline}`} aria-live="polite" data-testid="headline" data-headline={s.headline}>
            <h1>{HEADLINE_WORDS[s.headline].title}</h1>
            <p>{HEADLINE_WORDS[s.headline].detail}</p>
            {without && <p className="headline-people">{without}</p>}
          </section>
        )}
      </ResourceState>
      {error && (
        <p className="error" role="alert">
          Some live data could not be loaded: {error.message}
        </p>
      )}
      <div className="overview-grid">
        <section aria-labelledby="map-title" className="card map-card">
          <h2 id="map-title">Map of {status.data?.city.name ?? 'the city'}</h2>
          <ResourceState r={map} what="the city map">
            {(g) =>
              state ? (
                <CityMap
                  geojson={g}
                  states={state.states}
                  label={`Map of ${status.data?.city.name ?? 'the city'} with ${state.assets.length} devices; ${[...state.states.values()].filter((s) => s === 'incident').length} under attack.`}
                />
              ) : (
                <p className="muted">Loading devices…</p>
              )
            }
          </ResourceState>
        </section>
        <div className="side">
          <section aria-labelledby="services-title" className="card">
            <h2 id="services-title">Services</h2>
            {state ? <ServiceGroups health={state.health} /> : <p className="muted">Loading services…</p>}
          </section>
          <section aria-labelledby="counters-title" className="card">
            <h2 id="counters-title">Right now</h2>
            {status.data && <LiveCounters status={status.data} />}
          </section>
          <section aria-labelledby="processes-title" className="card" data-testid="process-watch">
            <h2 id="processes-title">Process watch</h2>
            <ProcessWatch />
          </section>
        </div>
      </div>
      <section aria-labelledby="incidents-title" className="card">
        <h2 id="incidents-title">Open incidents</h2>
        {state && open.length === 0 && <p>No open incidents.</p>}
        <div className="incident-cards">
          {open.map((i) => (
            <IncidentCard key={i.id} incident={i} />
          ))}
        </div>
      </section>
      {state && (
        <section aria-labelledby="all-services-title" className="card">
          <h2 id="all-services-title">Every service</h2>
          <ServiceList health={state.health} />
        </section>
      )}
    </div>
  );
}
