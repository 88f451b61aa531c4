// What the person on duty can do to the incident itself: take it on, mark it contained or recovered,
// close it, assign it, write a note on the timeline, and export it (JSON, or STIX 2.1 to share
// indicators). The server checks every step; these buttons only offer the steps that make sense.
import { useState, type FormEvent } from 'react';
import type { Incident, IncidentStatus } from '../../../src/domain/index.js';
import { ApiError } from '../api/api-client.js';
import { roleAtLeast, useApi } from '../api/api-context.js';

/** Next steps offered from each status, with the button's words (closing early is for false alarms). */
const NEXT: Record<IncidentStatus, Array<{ to: IncidentStatus; label: string; needsNote?: boolean }>> = {
  new: [
    { to: 'triaged', label: 'I am taking this on' },
    { to: 'closed', label: 'Close as a false alarm', needsNote: true },
  ],
  triaged: [
    { to: 'contained', label: 'The attacker is cut off (contained)' },
    { to: 'closed', label: 'Close as a false alarm', needsNote: true },
  ],
  contained: [{ to: 'recovered', label: 'Services are back to normal (recovered)' }],
  recovered: [{ to: 'closed', label: 'Close: done and written up' }],
  closed: [],
};

/** Status, assignment, notes and export for one incident. */
export function IncidentControls({ incident, onChanged }: { incident: Incident; onChanged: () => void }) {
  const { client, role, user } = useApi();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const id = encodeURIComponent(incident.id);
  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await what();
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? (err.routeMissing ? 'This server does not offer incident handling yet.' : err.message) : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  const addNote = (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return;
    void run(async () => {
      await client.post(`/api/incidents/${id}/notes`, { text: note.trim() });
      setNote('');
    });
  };
  const download = (format: 'json' | 'stix') =>
    run(async () => {
      const body = await client.getText(`/api/incidents/${id}/export?format=${format}`);
      const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${incident.id}${format === 'stix' ? '.stix' : ''}.json`;
      a.click();
      URL.revokeObjectURL(url);
    });
  const mayAct = roleAtLeast(role, 'operator');
  return (
    <div className="incident-controls">
      {mayAct && (
        <div className="control-row">
          {NEXT[incident.status].map((n) => (
            <button
              key={n.to}
              type="button"
              className={n.needsNote ? '' : 'primary'}
              disabled={busy || (n.needsNote === true && !note.trim())}
              title={n.needsNote ? 'Write in the note box below why this was a false alarm first' : undefined}
              onClick={() => void run(() => client.post(`/api/incidents/${id}/status`, { status: n.to, ...(note.trim() ? { note: note.trim() } : {}) }))}
            >
              {n.label}
            </button>
          ))}
          {incident.assignee !== user && (
            <button type="button" disabled={busy} onClick={() => void run(() => client.post(`/api/incidents/${id}/assign`, { assignee: user }))}>
              Assign to me
            </button>
          )}
        </div>
      )}
      {mayAct && (
        <form className="note-form" onSubmit={addNote}>
          <label>
            Note for the timeline (what you did, who you called)
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
          </label>
          <button type="submit" disabled={busy || !note.trim()}>
            Add note
          </button>
        </form>
      )}
      <div className="control-row">
        <button type="button" disabled={busy} onClick={() => void download('json')}>
          Export (JSON)
        </button>
        <button type="button" disabled={busy} onClick={() => void download('stix')}>
          Export indicators (STIX 2.1)
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
