// The incident's timeline: every alert, stage change, action and approval, oldest first.
import type { TimelineEntry } from '../../../src/domain/index.js';
import { formatTime } from '../model/plain-words.js';

const KIND_WORDS: Record<string, string> = {
  alert: 'Warning',
  stage: 'Stage',
  severity: 'Severity',
  status: 'Status',
  note: 'Note',
  action: 'Action',
  approval: 'Approval',
  assignment: 'Assigned',
  evidence: 'Evidence',
};

/** The timeline as an ordered list. */
export function IncidentTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const sorted = [...entries].sort((a, b) => a.ts - b.ts);
  return (
    <ol className="timeline" data-testid="timeline">
      {sorted.map((e, i) => (
        <li key={`${e.ts}-${i}`} className={`tl-${e.kind}`}>
          <time dateTime={new Date(e.ts).toISOString()}>{formatTime(e.ts)}</time>
          <span className="tl-kind">{KIND_WORDS[e.kind] ?? e.kind}</span>
          <span className="tl-text">
            {e.text}
            {e.by ? <span className="muted"> — {e.by}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
