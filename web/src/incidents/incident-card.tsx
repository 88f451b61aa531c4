// One incident as a card: how bad, what, who is affected, how far the attacker got, and a way in.
import type { Incident } from '../../../src/domain/index.js';
import { formatPeople, formatTime, INCIDENT_STATUS_WORDS, SEVERITY_WORDS, STAGE_SHORT } from '../model/plain-words.js';
import { Link } from '../shell/router.js';

/** A summary card linking to the incident page. */
export function IncidentCard({ incident }: { incident: Incident }) {
  const services = incident.affectedServices.map((s) => s.name);
  return (
    <article className={`incident-card sev-${incident.severity}`} data-testid="incident-card" data-incident={incident.id}>
      <div className="incident-card-head">
        <span className={`badge sev-${incident.severity}`}>{SEVERITY_WORDS[incident.severity]}</span>
        <span className="badge status">{INCIDENT_STATUS_WORDS[incident.status].label}</span>
        <span className="muted">since {formatTime(incident.openedTs)}</span>
      </div>
      <h3>
        <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</Link>
      </h3>
      <p>
        <strong>{formatPeople(incident.peopleAffected)}</strong> could be affected
        {services.length > 0 && <> — {services.slice(0, 3).join(', ')}{services.length > 3 ? ` and ${services.length - 3} more` : ''}</>}.
      </p>
      <p className="muted">Attack stage: {STAGE_SHORT[incident.stage]}</p>
      <Link className="button primary" to={`/incidents/${encodeURIComponent(incident.id)}`}>
        Open: what happened and what to do
      </Link>
    </article>
  );
}
