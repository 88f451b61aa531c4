// The proposed response to an incident: each action in plain words with what it would cost the city
// (people and services interrupted), who has approved it, and approve / reject buttons for people
// whose role may decide. The server enforces roles and counts; the buttons only avoid dead ends.
import { useState } from 'react';
import type { Action } from '../../../src/domain/index.js';
import { ApiError } from '../api/api-client.js';
import { roleAtLeast, useApi } from '../api/api-context.js';
import { useResource } from '../api/use-resource.js';
import { ACTION_STATUS_WORDS, ACTION_WORDS, formatPeople, formatTime } from '../model/plain-words.js';
import { ResourceState } from '../shell/resource-state.js';

/** Outcomes that need nothing more from anyone (a done action can still be undone from the list). */
const FINISHED: ReadonlySet<Action['status']> = new Set(['done', 'failed', 'rejected', 'undone', 'expired']);

/** Actions that still need a human decision come first, then what is running, then the rest. */
const STATUS_ORDER: readonly Action['status'][] = ['awaiting-approval', 'proposed', 'approved', 'running', 'done', 'failed', 'rejected', 'undone', 'expired'];

/** The response panel for one incident. */
export function ResponsePanel({ incidentId, names }: { incidentId: string; names: ReadonlyMap<string, string> }) {
  const r = useResource<{ items: Action[] }>(`/api/actions?incidentId=${encodeURIComponent(incidentId)}&limit=200`, { intervalMs: 4000 });
  return (
    <ResourceState r={r} what="the response actions (playbooks)">
      {({ items }) => {
        if (items.length === 0) return <p>No response has been proposed for this incident yet. The steps under “What to do now” above still apply.</p>;
        const sorted = [...items].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.requestedTs - b.requestedTs);
        const open = sorted.filter((a) => !FINISHED.has(a.status));
        const finished = sorted.filter((a) => FINISHED.has(a.status));
        const list = (actions: Action[]) => (
          <ol className="actions" data-testid="actions">
            {actions.map((a) => (
              <ActionItem key={a.id} action={a} names={names} onChanged={r.reload} />
            ))}
          </ol>
        );
        return (
          <>
            {open.length > 0 ? list(open) : <p>Nothing is waiting for a decision.</p>}
            {finished.length > 0 && (
              <details>
                <summary>Finished actions ({finished.length}): done, failed, rejected, expired or undone</summary>
                {list(finished)}
              </details>
            )}
          </>
        );
      }}
    </ResourceState>
  );
}

function targetName(a: Action, names: ReadonlyMap<string, string>): string {
  return names.get(a.target.id) ?? a.target.id;
}

function ActionItem({ action: a, names, onChanged }: { action: Action; names: ReadonlyMap<string, string>; onChanged: () => void }) {
  const { client, user, role } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const approvals = a.approvals.filter((x) => x.decision === 'approve');
  const decided = a.approvals.some((x) => x.by === user);
  const mayDecide = a.status === 'awaiting-approval' && roleAtLeast(role, a.requiredApprovals.role) && !decided;
  const send = async (verb: 'approve' | 'reject' | 'undo') => {
    setBusy(true);
    setError(undefined);
    try {
      await client.post(`/api/actions/${encodeURIComponent(a.id)}/${verb}`, verb === 'undo' ? { reason: `undone from the dashboard by ${user}` } : {});
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`action status-${a.status}`} data-testid="action" data-action={a.id} data-kind={a.kind} data-status={a.status}>
      <div className="action-head">
        <strong>
          {ACTION_WORDS[a.kind]}: {targetName(a, names)}
        </strong>
        <span className={`badge action-${a.status}`}>{ACTION_STATUS_WORDS[a.status]}</span>
        {a.dryRun && <span className="badge">Rehearsal only (dry run)</span>}
      </div>
      <p>{a.reason}</p>
      <p className={a.interruptsService ? 'cost interrupts' : 'cost'}>
        <strong>Cost to the city:</strong>{' '}
        {a.cost ? (
          <>
            {a.cost.people > 0 ? `${formatPeople(a.cost.people)} would lose a service` : 'nobody loses a service'}
            {a.cost.services.length > 0 && ` (${a.cost.services.map((s) => names.get(s) ?? s).join(', ')})`}. {a.cost.description}
          </>
        ) : (
          'not assessed.'
        )}
      </p>
      {a.requiredApprovals.count > 0 && (
        <p>
          Needs {a.requiredApprovals.count} approval{a.requiredApprovals.count === 1 ? '' : 's'} from people with the {a.requiredApprovals.role} role
          {a.interruptsService ? ' because it interrupts a public service' : ''}: {approvals.length} so far
          {approvals.length > 0 && <> ({approvals.map((x) => `${x.by} at ${formatTime(x.ts)}`).join('; ')})</>}.
        </p>
      )}
      {a.result && <p className="muted">Result: {a.result}</p>}
      {mayDecide && (
        <div className="decide">
          <button type="button" className="primary" disabled={busy} onClick={() => void send('approve')} data-testid="approve">
            Approve
          </button>
          <button type="button" disabled={busy} onClick={() => void send('reject')} data-testid="reject">
            Reject
          </button>
        </div>
      )}
      {a.status === 'done' && roleAtLeast(role, 'operator') && (
        <button type="button" disabled={busy} onClick={() => void send('undo')}>
          Undo this action
        </button>
      )}
      {a.status === 'awaiting-approval' && decided && <p className="muted">You have decided on this action; it needs someone else now.</p>}
      {a.status === 'awaiting-approval' && !roleAtLeast(role, a.requiredApprovals.role) && (
        <p className="muted">Your role ({role}) cannot approve this; ask someone with the {a.requiredApprovals.role} role.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
