// The top of the incident page, written for someone with no security background: what happened,
// why it matters (who is affected), and what to do now, in order — then how far the attack got.
import type { Asset, Incident } from '../../../src/domain/index.js';
import { attackedSummary } from '../model/attacked-summary.js';
import { formatPeople, formatTime, INCIDENT_STATUS_WORDS, SEVERITY_WORDS, STAGE_WORDS } from '../model/plain-words.js';
import { StageProgress } from './stage-progress.js';

/** The three questions, answered in plain words. */
export function IncidentExplainer({ incident, assets }: { incident: Incident; assets: ReadonlyMap<string, Asset> }) {
  const { summary } = incident;
  const status = INCIDENT_STATUS_WORDS[incident.status];
  return (
    <>
      <div className="incident-meta">
        <span className={`badge sev-${incident.severity}`}>{SEVERITY_WORDS[incident.severity]}</span>
        <span className="badge status" data-testid="incident-status" data-status={incident.status}>
          {status.label}
        </span>
        <span className="muted">
          Started {formatTime(incident.openedTs)} · last change {formatTime(incident.updatedTs)}
          {incident.assignee ? ` · handled by ${incident.assignee}` : ''}
        </span>
      </div>
      <p className="status-meaning">{status.meaning}</p>
      <div className="explainer">
        <section className="card what" aria-labelledby="what-title">
          <h2 id="what-title">What happened</h2>
          <p>{summary.what}</p>
          <p>
            <strong>What was attacked:</strong> {assets.size ? attackedSummary(incident.assetIds, assets) : `${incident.assetIds.length} devices`}.
          </p>
          <p className="stage-sentence">
            <strong>Where the attacker is now:</strong> {STAGE_WORDS[incident.stage]}
          </p>
        </section>
        <section className="card why" aria-labelledby="why-title">
          <h2 id="why-title">Why it matters</h2>
          <p>{summary.why}</p>
          <p className="people-figure">
            <strong>{formatPeople(incident.peopleAffected)}</strong> rely on the services involved.
          </p>
        </section>
        <section className="card todo" aria-labelledby="todo-title">
          <h2 id="todo-title">What to do now</h2>
          <p className="muted">Do these in order. You do not need to understand the technical details to start.</p>
          <ol className="steps">
            {summary.whatToDo.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
          <p className="muted">
            Do not switch off or restart the affected computers yourself: that destroys the traces investigators need, and switching off control
            equipment can cut services. Cutting network cables is fine when a step says so.
          </p>
        </section>
      </div>
      <StageProgress tactics={incident.tactics} stage={incident.stage} />
      <details className="glossary">
        <summary>New to this? What the words on this page mean</summary>
        <dl>
          <dt>Warning (alert)</dt>
          <dd>One suspicious thing cityguard noticed, such as a login at an odd hour.</dd>
          <dt>Incident</dt>
          <dd>Warnings that belong to the same attack, gathered in one place so you handle the attack, not fifty messages.</dd>
          <dt>Contain</dt>
          <dd>Cut the attacker off — block their connection, lock the account they use — without switching off the service people need.</dd>
          <dt>Fallback</dt>
          <dd>The way a service runs without the network, for example traffic lights on a fixed timer or staff switching power by hand.</dd>
          <dt>Approval</dt>
          <dd>Anything that would interrupt a public service waits until people with the right role agree; for the most serious, two different people.</dd>
          <dt>Blast radius</dt>
          <dd>Everything that depends on the attacked equipment, and how many people use it.</dd>
        </dl>
      </details>
    </>
  );
}
