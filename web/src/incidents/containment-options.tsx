// Containment options the continuity model suggests for an incident, cheapest for the city first,
// each with what it would cost in people and services; an operator can propose one as an action.
import { useState } from 'react';
import type { IncidentContinuity } from '../../../src/contracts/index.js';
import type { ActionKind } from '../../../src/domain/index.js';
import { ApiError } from '../api/api-client.js';
import { roleAtLeast, useApi } from '../api/api-context.js';
import { useResource } from '../api/use-resource.js';
import { ACTION_WORDS, formatPeople } from '../model/plain-words.js';
import { ResourceState } from '../shell/resource-state.js';

/** The blast radius in people, with and without fallbacks, and the options to contain it. */
export function ContainmentOptions({ incidentId, names, onProposed }: { incidentId: string; names: ReadonlyMap<string, string>; onProposed: () => void }) {
  const { client, role } = useApi();
  const r = useResource<IncidentContinuity>(`/api/incidents/${encodeURIComponent(incidentId)}/continuity`, { intervalMs: 30_000 });
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<Set<number>>(new Set());
  const propose = async (i: number, o: IncidentContinuity['options'][number]) => {
    setError(undefined);
    try {
      await client.post('/api/actions', { kind: o.kind, target: o.target, params: o.params, incidentId, reason: `Proposed from the incident page: ${o.assessment.cost.description}` });
      setDone((d) => new Set(d).add(i));
      onProposed();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
    }
  };
  return (
    <ResourceState r={r} what="the continuity assessment">
      {({ blastRadius, options }) => (
        <>
          <p>
            The services involved reach up to <strong>{formatPeople(blastRadius.people)}</strong>. With every manual fallback running, about{' '}
            <strong>{formatPeople(blastRadius.peopleWithFallbacks)}</strong> would still lose a service.
          </p>
          {options.length > 0 && (
            <>
              <h3>Other ways to contain it, least disruptive first</h3>
              <ul className="options">
                {options.map((o, i) => (
                  <li key={i}>
                    <strong>
                      {ACTION_WORDS[o.kind as ActionKind] ?? o.kind}: {names.get(o.target.id) ?? o.target.id}
                    </strong>{' '}
                    — {o.assessment.cost.description}
                    {o.assessment.interrupts && <span className="badge at-risk">Interrupts a service</span>}
                    {roleAtLeast(role, 'operator') && (
                      <button type="button" disabled={done.has(i)} onClick={() => void propose(i, o)}>
                        {done.has(i) ? 'Proposed' : 'Propose'}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </ResourceState>
  );
}
