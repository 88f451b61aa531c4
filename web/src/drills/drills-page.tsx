// Drills: run an attack scenario against an isolated copy of the city, watch it on the map, read
// its scorecard (detected? how fast? what did it cost?) and compare with earlier runs.
import type { FeatureCollection, Geometry } from 'geojson';
import { useMemo, useState, type FormEvent } from 'react';
import type { DrillHistory, DrillRun, ScenarioList } from '../../../src/contracts/index.js';
import { ApiError } from '../api/api-client.js';
import { roleAtLeast, useApi } from '../api/api-context.js';
import { useResource } from '../api/use-resource.js';
import type { AssetState } from '../model/asset-state.js';
import { formatTime } from '../model/plain-words.js';
import { CityMap } from '../overview/city-map.js';
import { ResourceState } from '../shell/resource-state.js';
import { DrillScorecard } from './drill-scorecard.js';

type CityGeoJson = FeatureCollection<Geometry, Record<string, unknown>>;

/** The drills page. */
export function DrillsPage() {
  const { client, role } = useApi();
  const scenarios = useResource<ScenarioList>('/api/scenarios', { intervalMs: 0, live: false });
  const history = useResource<DrillHistory>('/api/drills', { intervalMs: 10_000, live: false });
  const [runId, setRunId] = useState<string>();
  const [error, setError] = useState<string>();
  const run = useResource<DrillRun>(runId ? `/api/drills/${encodeURIComponent(runId)}` : null, { intervalMs: 2000, live: false });

  const start = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(undefined);
    try {
      const started = await client.post<DrillRun>('/api/drills', { scenario: String(form.get('scenario')), response: String(form.get('response')) });
      setRunId(started.id);
      history.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
    }
  };

  return (
    <section>
      <h1>Drills</h1>
      <p className="muted">
        A drill attacks a copy of the city, never the real one, to check that cityguard still notices an attack and that the response works. Run
        one after every change to rules, playbooks or equipment.
      </p>
      <ResourceState r={scenarios} what="the attack scenarios">
        {({ items }) =>
          roleAtLeast(role, 'operator') ? (
            <form className="card drill-form" onSubmit={start}>
              <label>
                Scenario{' '}
                <select name="scenario" required>
                  {items.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name} ({s.techniques.join(', ')})
                    </option>
                  ))}
                </select>
              </label>
              <fieldset>
                <legend>Response</legend>
                <label className="inline">
                  <input type="radio" name="response" value="auto" defaultChecked /> Respond as configured (drill approvers stand in for people)
                </label>
                <label className="inline">
                  <input type="radio" name="response" value="none" /> Do not respond (to measure the damage of doing nothing)
                </label>
              </fieldset>
              <button className="primary">Run drill</button>
              {error && (
                <p className="error" role="alert">
                  {error}
                </p>
              )}
            </form>
          ) : (
            <p>Running a drill needs the operator role.</p>
          )
        }
      </ResourceState>
      {runId && <DrillWatch run={run.data} />}
      <section className="card" aria-labelledby="drill-history">
        <h2 id="drill-history">History</h2>
        <ResourceState r={history} what="the drill history">
          {({ items }) =>
            items.length === 0 ? (
              <p>No drills have been run yet.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Scenario</th>
                    <th scope="col">Response</th>
                    <th scope="col">Detected</th>
                    <th scope="col">Time to detect</th>
                    <th scope="col">Customer-minutes lost</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <button type="button" className="link" onClick={() => setRunId(d.id)}>
                          {formatTime(d.startedTs)}
                        </button>
                      </td>
                      <td>{d.scenario}</td>
                      <td>{d.response}</td>
                      <td>{d.status !== 'finished' ? d.status : d.detected ? 'Yes' : 'Missed'}</td>
                      <td>{d.time_to_detect_s == null ? '—' : `${Math.round(d.time_to_detect_s)} s`}</td>
                      <td>{d.customer_minutes_lost == null ? '—' : Math.round(d.customer_minutes_lost).toLocaleString('en-GB')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </ResourceState>
      </section>
    </section>
  );
}

function DrillWatch({ run }: { run: DrillRun | undefined }) {
  const map = useResource<CityGeoJson>('/api/city/map', { intervalMs: 0, live: false });
  const states = useMemo(() => new Map<string, AssetState>((run?.assets ?? []).map((a) => [a.assetId, a.state])), [run?.assets]);
  if (!run) return <p className="muted">Starting the drill…</p>;
  return (
    <section className="card" aria-labelledby="drill-now">
      <h2 id="drill-now">
        Drill: {run.scenario} — {run.status === 'running' ? 'running' : run.status}
      </h2>
      <ResourceState r={map} what="the city map">
        {(g) => <CityMap geojson={g} states={states} label={`Drill ${run.scenario}: ${states.size} devices touched by the attack so far.`} height={380} />}
      </ResourceState>
      {run.status === 'finished' && <DrillScorecard run={run} />}
      {run.status === 'failed' && <p className="error">The drill could not run: {run.error ?? 'no reason given'}.</p>}
    </section>
  );
}
