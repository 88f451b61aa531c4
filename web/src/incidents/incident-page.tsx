// One incident, for the person on duty: what happened, why it matters, what to do now; who is
// affected (the blast radius), the proposed response with its cost and approvals, the evidence,
// the timeline and the warnings behind it.
import { useMemo } from 'react';
import type { IncidentDetail } from '../../../src/contracts/index.js';
import type { Asset, Service } from '../../../src/domain/index.js';
import { useResource } from '../api/use-resource.js';
import { formatTime, SEVERITY_WORDS } from '../model/plain-words.js';
import { ResourceState } from '../shell/resource-state.js';
import { Link } from '../shell/router.js';
import { BlastRadiusGraph } from './blast-radius-graph.js';
import { ContainmentOptions } from './containment-options.js';
import { IncidentControls } from './incident-controls.js';
import { EvidenceSection } from './evidence-section.js';
import { IncidentExplainer } from './incident-explainer.js';
import { IncidentTimeline } from './incident-timeline.js';
import { ResponsePanel } from './response-panel.js';

/** The incident page. */
export function IncidentPage({ id }: { id: string }) {
  const detail = useResource<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`, { intervalMs: 5000 });
  const assets = useResource<{ items: Asset[] }>('/api/assets', { intervalMs: 0, live: false });
  const services = useResource<{ items: Service[] }>('/api/services', { intervalMs: 0, live: false });
  const byId = useMemo(() => new Map((assets.data?.items ?? []).map((a) => [a.id, a])), [assets.data]);
  const names = useMemo(
    () => new Map<string, string>([...(assets.data?.items ?? []).map((a) => [a.id, a.name] as const), ...(services.data?.items ?? []).map((s) => [s.id, s.name] as const)]),
    [assets.data, services.data],
  );
  return (
    <ResourceState r={detail} what="the incident">
      {({ incident, alerts }) => (
        <article className="incident-page" data-testid="incident-page">
          <p>
            <Link to="/incidents">← All incidents</Link>
          </p>
          <h1>{incident.title}</h1>
          <IncidentExplainer incident={incident} assets={byId} />
          <IncidentControls incident={incident} onChanged={detail.reload} />
          <section className="card" aria-labelledby="affected-title">
            <h2 id="affected-title">Who is affected</h2>
            <p className="muted">From the devices involved (left) along what depends on them to the public services (right).</p>
            <BlastRadiusGraph services={incident.affectedServices} names={names} />
          </section>
          <section className="card" aria-labelledby="response-title">
            <h2 id="response-title">The response</h2>
            <p className="muted">
              What cityguard’s playbooks propose. Anything that would interrupt a public service waits for people to approve it — two people for the
              most critical. Each action says what it would cost before you decide, and can be undone.
            </p>
            <ResponsePanel incidentId={incident.id} names={names} />
            <ContainmentOptions incidentId={incident.id} names={names} onProposed={detail.reload} />
          </section>
          <section className="card" aria-labelledby="evidence-title">
            <h2 id="evidence-title">Evidence</h2>
            {assets.data ? <EvidenceSection incident={incident} alerts={alerts} assets={byId} /> : <p className="muted">Loading devices…</p>}
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <IncidentTimeline entries={incident.timeline} />
          </section>
          <section className="card" aria-labelledby="alerts-title">
            <h2 id="alerts-title">The warnings behind it ({alerts.length})</h2>
            <ul className="alert-list">
              {[...alerts]
                .sort((a, b) => a.ts - b.ts)
                .map((a) => (
                  <li key={a.id}>
                    <details>
                      <summary>
                        <span className={`badge sev-${a.severity}`}>{SEVERITY_WORDS[a.severity]}</span> {formatTime(a.ts)} — {a.title}
                      </summary>
                      <p>
                        <strong>What:</strong> {a.explanation.what}
                      </p>
                      <p>
                        <strong>Why it matters:</strong> {a.explanation.why}
                      </p>
                      <p>
                        <strong>Devices:</strong>{' '}
                        {a.assetIds.map((x, i) => (
                          <span key={x}>
                            {i > 0 && ', '}
                            <Link to={`/devices/${encodeURIComponent(x)}`}>{names.get(x) ?? x}</Link>
                          </span>
                        ))}
                      </p>
                      <p className="muted">
                        Detected by {a.detector.name} · technique {a.technique.id} {a.technique.name}
                      </p>
                    </details>
                  </li>
                ))}
            </ul>
          </section>
        </article>
      )}
    </ResourceState>
  );
}
