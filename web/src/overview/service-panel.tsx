// Service health for the overview: the four services people notice first (power, traffic, water,
// emergency), each with its worst condition and the people without it; then every service.
import type { ServiceKind } from '../../../src/domain/index.js';
import { CONDITION_ORDER, type ServiceCondition, type ServiceHealth } from '../model/service-health.js';
import { formatPeople, formatPeopleEstimate } from '../model/plain-words.js';
import { Link } from '../shell/router.js';

const GROUPS: Array<{ id: string; label: string; kinds: ServiceKind[] }> = [
  { id: 'power', label: 'Power', kinds: ['power'] },
  { id: 'traffic', label: 'Traffic lights', kinds: ['traffic'] },
  { id: 'water', label: 'Water', kinds: ['water'] },
  { id: 'emergency', label: 'Emergency services', kinds: ['emergency', 'public-safety', 'health'] },
];

/** Words for a service condition. */
export const CONDITION_WORDS: Record<ServiceCondition, string> = {
  down: 'Out',
  reduced: 'Reduced',
  'at-risk': 'At risk',
  working: 'Working',
  unknown: 'No readings',
};

function worst(items: readonly ServiceHealth[]): ServiceCondition {
  return items.map((h) => h.condition).sort((a, b) => CONDITION_ORDER.indexOf(a) - CONDITION_ORDER.indexOf(b))[0] ?? 'working';
}

/** The four service groups as large tiles. */
export function ServiceGroups({ health }: { health: readonly ServiceHealth[] }) {
  return (
    <ul className="service-groups" aria-label="Public services">
      {GROUPS.map((g) => {
        const items = health.filter((h) => g.kinds.includes(h.service.kind));
        const condition = worst(items);
        const without = items.reduce((sum, h) => sum + h.peopleWithout, 0);
        const atRisk = items.filter((h) => h.condition === 'at-risk').reduce((m, h) => Math.max(m, h.service.peopleServed), 0);
        return (
          <li key={g.id} className={`service-tile ${condition}`} data-testid={`service-${g.id}`} data-condition={condition}>
            <span className="service-name">{g.label}</span>
            <span className="service-condition">{CONDITION_WORDS[condition]}</span>
            <span className="service-people">
              {without > 0 ? `${formatPeopleEstimate(without)} without it` : atRisk > 0 ? `${formatPeople(atRisk)} depend on it` : 'Nobody affected'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Every service with its condition and reason, worst first. */
export function ServiceList({ health }: { health: readonly ServiceHealth[] }) {
  const sorted = [...health].sort((a, b) => CONDITION_ORDER.indexOf(a.condition) - CONDITION_ORDER.indexOf(b.condition) || b.peopleWithout - a.peopleWithout);
  return (
    <table className="services-table">
      <caption className="sr-only">Every public service and how it is doing</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Now</th>
          <th scope="col">People without it</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((h) => (
          <tr key={h.service.id} data-service={h.service.id} data-condition={h.condition}>
            <th scope="row">{h.service.name}</th>
            <td>
              <span className={`badge ${h.condition}`}>{CONDITION_WORDS[h.condition]}</span>
            </td>
            <td>{h.peopleWithout > 0 ? formatPeopleEstimate(h.peopleWithout) : '—'}</td>
            <td>
              {h.reasons.join(' ') || 'Running normally.'}
              {h.incidentIds.map((id) => (
                <span key={id}>
                  {' '}
                  <Link to={`/incidents/${encodeURIComponent(id)}`}>See the incident</Link>
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
