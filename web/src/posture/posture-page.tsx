// Where the city is weak and what to fix first: the remediation list (fix now / next / later), the
// riskiest services, and every finding.
import type { PostureReport, RemediationItem } from '../../../src/domain/index.js';
import { useResource } from '../api/use-resource.js';
import { formatPeople } from '../model/plain-words.js';
import { severityOrder } from '../model/severity.js';
import { ResourceState } from '../shell/resource-state.js';
import { Link } from '../shell/router.js';
import { FindingList } from './finding-list.js';

const PRIORITY_WORDS: Record<RemediationItem['priority'], { title: string; when: string }> = {
  now: { title: 'Fix now', when: 'this week' },
  next: { title: 'Fix next', when: 'in this quarter’s plan' },
  later: { title: 'Fix later', when: 'when the system is next touched anyway' },
};

/** The posture page. */
export function PosturePage() {
  const r = useResource<PostureReport>('/api/posture', { intervalMs: 0, live: false });
  return (
    <section>
      <h1>Weak spots</h1>
      <p className="muted">Outdated or vulnerable equipment and weak settings that an attacker could use, in the order to fix them.</p>
      <ResourceState r={r} what="the posture report">
        {(report) => (
          <>
            <p>
              Checked {report.inventory.declared + report.inventory.discovered + report.inventory.imported} devices against {report.advisories.facts} advisory facts on{' '}
              {report.asOf}: {report.findings.length} findings.
            </p>
            {(['now', 'next', 'later'] as const).map((p) => {
              const items = report.remediation.filter((x) => x.priority === p);
              const list = (
                <ol>
                  {items.map((x, i) => (
                    <li key={i}>
                      <strong>{x.action}</strong> <span className="muted">(effort: {x.effort}, risk {Math.round(x.riskScore)})</span>
                      <p>{x.how}</p>
                      <p className="muted">
                        {x.reason} Devices:{' '}
                        {x.assetIds.map((id, j) => (
                          <span key={id}>
                            {j > 0 && ', '}
                            <Link to={`/devices/${encodeURIComponent(id)}`}>{id}</Link>
                          </span>
                        ))}
                      </p>
                    </li>
                  ))}
                </ol>
              );
              const title = (
                <>
                  {PRIORITY_WORDS[p].title} <span className="muted">— {PRIORITY_WORDS[p].when}</span> ({items.length})
                </>
              );
              return (
                <section key={p} className={`card remediation ${p}`} aria-labelledby={`fix-${p}`}>
                  {p === 'now' ? (
                    <>
                      <h2 id={`fix-${p}`}>{title}</h2>
                      {list}
                    </>
                  ) : (
                    <details>
                      <summary>
                        <h2 id={`fix-${p}`} className="inline-heading">
                          {title}
                        </h2>
                      </summary>
                      {list}
                    </details>
                  )}
                </section>
              );
            })}
            <section className="card" aria-labelledby="svc-risk">
              <h2 id="svc-risk">Services most at risk</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Risk (0–100)</th>
                    <th scope="col">People</th>
                    <th scope="col">Findings</th>
                  </tr>
                </thead>
                <tbody>
                  {[...report.services]
                    .sort((a, b) => b.score - a.score)
                    .map((s) => (
                      <tr key={s.serviceId}>
                        <th scope="row">{s.name}</th>
                        <td>{Math.round(s.score)}</td>
                        <td>{formatPeople(s.peopleServed)}</td>
                        <td>{s.findingCount}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
            <section className="card" aria-labelledby="all-findings">
              <details>
                <summary>
                  <h2 id="all-findings" className="inline-heading">
                    Every finding ({report.findings.length}), worst first
                  </h2>
                </summary>
                <FindingList findings={[...report.findings].sort((a, b) => severityOrder(b.severity) - severityOrder(a.severity))} />
              </details>
            </section>
          </>
        )}
      </ResourceState>
    </section>
  );
}
