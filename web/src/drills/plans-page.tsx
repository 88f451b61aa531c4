// The plans cityguard generates from the city model: the incident response protocol and the
// disaster recovery plan, readable here and printable.
import { useState } from 'react';
import type { PlanList } from '../../../src/contracts/index.js';
import { ApiError } from '../api/api-client.js';
import { useApi } from '../api/api-context.js';
import { useResource } from '../api/use-resource.js';
import { formatTime } from '../model/plain-words.js';
import { ResourceState } from '../shell/resource-state.js';

/** The plans page. */
export function PlansPage() {
  const { client } = useApi();
  const plans = useResource<PlanList>('/api/plans', { intervalMs: 0, live: false });
  const [open, setOpen] = useState<{ title: string; text: string }>();
  const [error, setError] = useState<string>();
  const show = async (title: string, url: string) => {
    setError(undefined);
    try {
      setOpen({ title, text: await client.getText(url) });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
    }
  };
  return (
    <section>
      <h1>Plans</h1>
      <p className="muted">Written from the city’s own model: who to call, in which order to restore services, and how to run each one by hand.</p>
      <ResourceState r={plans} what="the generated plans">
        {(p) => (
          <>
            {p.generatedTs && <p>Generated {formatTime(p.generatedTs)}.</p>}
            <ul>
              {p.items.map((plan) => (
                <li key={plan.id}>
                  <strong>{plan.title}</strong>{' '}
                  {plan.markdownUrl && (
                    <button type="button" onClick={() => void show(plan.title, plan.markdownUrl!)}>
                      Read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </ResourceState>
      {error && <p className="error">{error}</p>}
      {open && (
        <article className="card plan-text" aria-label={open.title}>
          <h2>{open.title}</h2>
          <pre>{open.text}</pre>
        </article>
      )}
    </section>
  );
}
