// The live list: incidents (grouped warnings about one attack) and the newest warnings as they
// arrive on the live stream.
import type { Alert, Incident } from '../../../src/domain/index.js';
import { useLive } from '../api/live-context.js';
import { useResource } from '../api/use-resource.js';
import { formatTime, INCIDENT_STATUS_WORDS, SEVERITY_WORDS } from '../model/plain-words.js';
import { ResourceState } from '../shell/resource-state.js';
import { Link } from '../shell/router.js';
import { IncidentCard } from './incident-card.js';

/** The incidents and alerts page. */
export function IncidentsPage() {
  const incidents = useResource<{ items: Incident[] }>('/api/incidents?limit=100', { intervalMs: 10_000 });
  const alerts = useResource<{ items: Alert[] }>('/api/alerts?limit=100', { intervalMs: 10_000 });
  const { connected, recent } = useLive();
  const newAlerts = new Set(recent.filter((m) => m.type === 'alert').map((m) => (m.type === 'alert' ? m.alert.id : '')));
  return (
    <section>
      <h1>Incidents and alerts</h1>
      <p className="muted">
        An <strong>alert</strong> is one warning; an <strong>incident</strong> gathers the warnings that belong to one attack. {connected ? 'This list updates live.' : 'Live updates are reconnecting; the list refreshes every 10 seconds.'}
      </p>
      <h2>Incidents</h2>
      <ResourceState r={incidents} what="incidents">
        {({ items }) => {
          const open = items.filter((i) => i.status !== 'closed');
          const closed = items.filter((i) => i.status === 'closed');
          return (
            <>
              {open.length === 0 && <p>No open incidents.</p>}
              <div className="incident-cards">
                {open.map((i) => (
                  <IncidentCard key={i.id} incident={i} />
                ))}
              </div>
              {closed.length > 0 && (
                <details>
                  <summary>Closed incidents ({closed.length})</summary>
                  <ul>
                    {closed.map((i) => (
                      <li key={i.id}>
                        <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link> — {INCIDENT_STATUS_WORDS[i.status].label}, {formatTime(i.updatedTs)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          );
        }}
      </ResourceState>
      <h2>Newest alerts</h2>
      <ResourceState r={alerts} what="alerts">
        {({ items }) => (
          <table className="alerts-table" aria-live="polite">
            <caption className="sr-only">Newest alerts first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">How bad</th>
                <th scope="col">What</th>
                <th scope="col">Incident</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} className={newAlerts.has(a.id) ? 'fresh' : ''}>
                  <td>{formatTime(a.ts)}</td>
                  <td>
                    <span className={`badge sev-${a.severity}`}>{SEVERITY_WORDS[a.severity]}</span>
                  </td>
                  <td>
                    <strong>{a.title}</strong>
                    <div className="muted">{a.explanation.what}</div>
                  </td>
                  <td>{a.incidentId ? <Link to={`/incidents/${encodeURIComponent(a.incidentId)}`}>Open incident</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ResourceState>
    </section>
  );
}
