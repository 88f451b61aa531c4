// One device: what it is and where, its readings, the weaknesses found in it (configuration and
// known vulnerabilities), and its history of warnings and events.
import type { PostureReport } from '../../../src/domain/index.js';
import type { Alert, Asset, Event } from '../../../src/domain/index.js';
import { useResource } from '../api/use-resource.js';
import { TelemetryChart } from '../incidents/telemetry-chart.js';
import { latestReadings } from '../model/latest-readings.js';
import { ASSET_KIND_WORDS, formatTime, SEVERITY_WORDS } from '../model/plain-words.js';
import { FindingList } from '../posture/finding-list.js';
import { ResourceState } from '../shell/resource-state.js';
import { Link } from '../shell/router.js';

const HISTORY_MS = 60 * 60_000;

/** The device page. */
export function AssetPage({ id }: { id: string }) {
  const asset = useResource<Asset>(`/api/assets/${encodeURIComponent(id)}`, { intervalMs: 0, live: false });
  const events = useResource<{ items: Event[] }>(`/api/events?assetId=${encodeURIComponent(id)}&limit=50`, { intervalMs: 10_000 });
  const alerts = useResource<{ items: Alert[] }>(`/api/alerts?assetId=${encodeURIComponent(id)}&limit=50`, { intervalMs: 10_000 });
  const posture = useResource<PostureReport>('/api/posture', { intervalMs: 0, live: false });
  const latest = events.data ? latestReadings(events.data.items).get(id) : undefined;
  return (
    <ResourceState r={asset} what="the device">
      {(a) => (
        <article>
          <p>
            <Link to="/devices">← All devices</Link>
          </p>
          <h1>{a.name}</h1>
          <p className="lead">{ASSET_KIND_WORDS[a.kind]}</p>
          <dl className="facts">
            <dt>Id</dt>
            <dd className="mono">{a.id}</dd>
            <dt>Where</dt>
            <dd>
              District {a.district}, network zone {a.zone}
              {a.site ? `, site ${a.site}` : ''}
            </dd>
            <dt>Make</dt>
            <dd>
              {a.vendor} {a.model}, firmware {a.firmware}
            </dd>
            <dt>Address</dt>
            <dd className="mono">{a.network.ip ?? '—'}</dd>
            <dt>Importance</dt>
            <dd>{a.criticality}</dd>
            <dt>Services it supports</dt>
            <dd>{a.services.length ? a.services.join(', ') : '—'}</dd>
            <dt>Speaks</dt>
            <dd>{a.protocols.join(', ') || '—'}</dd>
          </dl>
          <section className="card" aria-labelledby="readings-title">
            <h2 id="readings-title">Readings</h2>
            {latest ? (
              <>
                <p>
                  Latest at {formatTime(latest.ts)}:{' '}
                  {Object.entries(latest.metrics)
                    .map(([k, v]) => `${k} ${String(v)}`)
                    .join(', ')}
                </p>
                <TelemetryChart assetId={a.id} assetName={`${a.name}, recent readings`} fromTs={latest.ts - HISTORY_MS} toTs={latest.ts} maxMetrics={6} />
              </>
            ) : (
              <p className="muted">{events.data ? 'No readings from this device yet.' : 'Loading readings…'}</p>
            )}
          </section>
          <section className="card" aria-labelledby="weak-title">
            <h2 id="weak-title">Weaknesses and vulnerabilities</h2>
            <ResourceState r={posture} what="the posture report">
              {(report) => {
                const findings = report.findings.filter((f) => f.assetIds.includes(a.id));
                const risk = report.assets.find((r) => r.assetId === a.id);
                return (
                  <>
                    {risk && (
                      <p>
                        <strong>Risk score {Math.round(risk.score)} / 100.</strong> {risk.reasons.join(' ')}
                      </p>
                    )}
                    {findings.length ? <FindingList findings={findings} /> : <p>No weaknesses found in this device.</p>}
                  </>
                );
              }}
            </ResourceState>
          </section>
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <h3>Warnings about this device</h3>
            <ResourceState r={alerts} what="warnings">
              {({ items }) =>
                items.length === 0 ? (
                  <p>No warnings.</p>
                ) : (
                  <ul>
                    {items.map((al) => (
                      <li key={al.id}>
                        {formatTime(al.ts)} — <span className={`badge sev-${al.severity}`}>{SEVERITY_WORDS[al.severity]}</span> {al.title}
                        {al.incidentId && (
                          <>
                            {' '}
                            (<Link to={`/incidents/${encodeURIComponent(al.incidentId)}`}>incident</Link>)
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )
              }
            </ResourceState>
            <h3>Latest events</h3>
            <ResourceState r={events} what="events">
              {({ items }) => (
                <ul className="event-list">
                  {items
                    .filter((e) => e.type !== 'telemetry')
                    .slice(0, 20)
                    .map((e) => (
                      <li key={e.id}>
                        {formatTime(e.ts)} — {describeEvent(e)}
                      </li>
                    ))}
                  {items.every((e) => e.type === 'telemetry') && <li>Only routine readings recently.</li>}
                </ul>
              )}
            </ResourceState>
          </section>
        </article>
      )}
    </ResourceState>
  );
}

function describeEvent(e: Event): string {
  switch (e.type) {
    case 'command':
      return `command ${e.command}${e.actor.user ? ` by ${e.actor.user}` : ''}${e.actor.ip ? ` from ${e.actor.ip}` : ''}${e.result ? ` (${e.result})` : ''}`;
    case 'auth':
      return `${e.outcome === 'success' ? 'login' : 'failed login'} of ${e.user} by ${e.method}${e.srcIp ? ` from ${e.srcIp}` : ''}`;
    case 'network':
      return `${e.protocol ?? e.transport} ${e.action ?? ''} ${e.srcIp} → ${e.dstIp}`;
    case 'log':
      return e.message;
    default:
      return 'reading';
  }
}
