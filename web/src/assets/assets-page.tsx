// The inventory: every device of the city, searchable by name, id, vendor, model or address, with
// its current state; each links to its page.
import { useMemo, useState } from 'react';
import type { Asset } from '../../../src/domain/index.js';
import { ASSET_STATE_WORDS } from '../model/asset-state.js';
import { ASSET_KIND_WORDS } from '../model/plain-words.js';
import { useCityState } from '../overview/use-city-state.js';
import { Link, useRouter } from '../shell/router.js';

function matches(a: Asset, q: string): boolean {
  if (!q) return true;
  const hay = [a.id, a.name, a.vendor, a.model, a.firmware, a.kind, a.district, a.zone, a.network.ip ?? '', a.network.hostname ?? ''].join(' ').toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** The inventory page. */
export function AssetsPage() {
  const { search, navigate } = useRouter();
  const [query, setQuery] = useState(search.get('q') ?? '');
  const [kind, setKind] = useState(search.get('kind') ?? '');
  const { state, error } = useCityState(10_000);
  const kinds = useMemo(() => [...new Set((state?.assets ?? []).map((a) => a.kind))].sort(), [state?.assets]);
  const shown = (state?.assets ?? []).filter((a) => (!kind || a.kind === kind) && matches(a, query));
  const update = (q: string, k: string) => {
    setQuery(q);
    setKind(k);
    window.history.replaceState(null, '', `/devices?${new URLSearchParams({ ...(q ? { q } : {}), ...(k ? { kind: k } : {}) }).toString()}`);
  };
  return (
    <section>
      <h1>Devices</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={query} onChange={(e) => update(e.target.value, kind)} placeholder="name, vendor, model, address…" data-testid="asset-search" />
        </label>
        <label>
          Kind
          <select value={kind} onChange={(e) => update(query, e.target.value)}>
            <option value="">All kinds</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {ASSET_KIND_WORDS[k].split(' — ')[0]}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && <p className="error">Could not load devices: {error.message}</p>}
      {!state ? (
        <p className="muted">Loading devices…</p>
      ) : (
        <>
          <p role="status">
            {shown.length} of {state.assets.length} devices
          </p>
          <table className="assets-table" data-testid="assets-table">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">What it is</th>
                <th scope="col">Where</th>
                <th scope="col">Make and firmware</th>
                <th scope="col">Now</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => {
                const s = state.states.get(a.id) ?? 'unknown';
                return (
                  <tr key={a.id} onDoubleClick={() => navigate(`/devices/${encodeURIComponent(a.id)}`)}>
                    <th scope="row">
                      <Link to={`/devices/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                      <div className="muted mono">{a.id}</div>
                    </th>
                    <td>{ASSET_KIND_WORDS[a.kind].split(' — ')[0]}</td>
                    <td>
                      {a.district} · zone {a.zone}
                    </td>
                    <td>
                      {a.vendor} {a.model} <span className="muted">{a.firmware}</span>
                    </td>
                    <td>
                      <span className={`badge state-${s}`}>{ASSET_STATE_WORDS[s]}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
