// The record no insider can rewrite: the ledger's latest signed checkpoint, which independent
// witnesses cosigned it, a button to verify the whole ledger, and the audit trail of who did what.
import { useState } from 'react';
import type { LedgerCheckpointInfo, LedgerEntryPage, LedgerVerifyResult } from '../../../src/contracts/index.js';
import { ApiError } from '../api/api-client.js';
import { roleAtLeast, useApi } from '../api/api-context.js';
import { useResource } from '../api/use-resource.js';
import { formatCount, formatTime } from '../model/plain-words.js';
import { ResourceState } from '../shell/resource-state.js';

function who(payload: unknown): string {
  if (payload && typeof payload === 'object') {
    const p = payload as Record<string, unknown>;
    for (const k of ['by', 'user', 'actor', 'requestedBy']) if (typeof p[k] === 'string') return p[k];
  }
  return '—';
}

function summary(payload: unknown): string {
  if (payload && typeof payload === 'object') {
    const p = payload as Record<string, unknown>;
    for (const k of ['text', 'title', 'reason', 'status', 'id']) if (typeof p[k] === 'string') return p[k];
  }
  return JSON.stringify(payload).slice(0, 120);
}

/** The ledger page. */
export function LedgerPage() {
  const { client, role } = useApi();
  const checkpoint = useResource<LedgerCheckpointInfo>('/api/ledger/checkpoint', { intervalMs: 15_000, live: false });
  const entries = useResource<LedgerEntryPage>('/api/ledger/entries?limit=100', { intervalMs: 15_000 });
  const [verify, setVerify] = useState<LedgerVerifyResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const runVerify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setVerify(await client.post<LedgerVerifyResult>('/api/ledger/verify', {}));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>The record</h1>
      <p className="muted">
        Every alert, incident change, action, approval, configuration change and login is written to a tamper-evident ledger. Independent witnesses
        (another department, a neighbouring city) countersign its state, so nobody — not even an administrator — can quietly rewrite it.
      </p>
      <section className="card" aria-labelledby="cp-title">
        <h2 id="cp-title">Current checkpoint</h2>
        <ResourceState r={checkpoint} what="the ledger checkpoint">
          {(cp) => (
            <>
              <dl className="facts">
                <dt>Entries</dt>
                <dd>{formatCount(cp.size)}</dd>
                <dt>Fingerprint (root hash)</dt>
                <dd className="mono">{cp.rootHash}</dd>
                <dt>Log</dt>
                <dd>{cp.origin}</dd>
                {cp.signedTs && (
                  <>
                    <dt>Signed</dt>
                    <dd>{formatTime(cp.signedTs)}</dd>
                  </>
                )}
              </dl>
              <h3>Witness countersignatures</h3>
              {cp.cosignatures.length === 0 ? (
                <p className="warning">No witness has countersigned this checkpoint yet{cp.witnessesRequired ? ` (${cp.witnessesRequired} required)` : ''}.</p>
              ) : (
                <ul>
                  {cp.cosignatures.map((c) => (
                    <li key={`${c.witness}-${c.keyId}`}>
                      {c.witness} <span className="muted mono">key {c.keyId}</span>
                      {c.ts ? ` at ${formatTime(c.ts)}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </ResourceState>
        {roleAtLeast(role, 'admin') && !checkpoint.missing && (
          <button type="button" className="primary" onClick={() => void runVerify()} disabled={busy}>
            {busy ? 'Verifying…' : 'Verify the whole ledger'}
          </button>
        )}
        {error && <p className="error">{error}</p>}
        {verify && (
          <div className={verify.ok ? 'verify ok' : 'verify bad'} role="status">
            {verify.ok ? (
              <p>
                Intact: {formatCount(verify.entries)} entries and {verify.checkpoints} checkpoints check out
                {verify.witnessedBy.length ? `, witnessed by ${verify.witnessedBy.join(', ')}` : ''}.
              </p>
            ) : (
              <>
                <p>
                  <strong>The ledger has been altered{verify.firstBadEntry !== undefined ? ` from entry ${verify.firstBadEntry}` : ''}.</strong> Tell
                  whoever runs cityguard and keep a copy of the data directory as it is.
                </p>
                <ul>
                  {verify.problems.map((p, i) => (
                    <li key={i}>
                      {p.entry !== undefined ? `Entry ${p.entry}: ` : ''}
                      {p.detail}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Who did what</h2>
        <ResourceState r={entries} what="the audit trail">
          {({ items }) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Who</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.index}>
                    <td>{e.index}</td>
                    <td>{formatTime(e.ts)}</td>
                    <td className="mono">{e.kind}</td>
                    <td>{who(e.payload)}</td>
                    <td>{summary(e.payload)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ResourceState>
      </section>
    </section>
  );
}
