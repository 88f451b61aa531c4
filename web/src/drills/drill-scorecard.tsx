// A drill's scorecard in words: was the attack noticed, how fast, how fast was it contained, what
// did the city lose, and what was missed and why.
import type { DrillRun } from '../../../src/contracts/index.js';
import { formatCount, formatDuration } from '../model/plain-words.js';

/** The scorecard of a finished drill. */
export function DrillScorecard({ run }: { run: DrillRun }) {
  const seconds = (s: number | null | undefined) => (s == null ? 'never' : formatDuration(s * 1000));
  return (
    <div className={`scorecard ${run.detected ? 'passed' : 'missed'}`} data-testid="scorecard">
      <p className="scorecard-verdict">{run.detected ? 'The attack was noticed.' : 'The attack was NOT noticed.'}</p>
      <dl className="facts">
        <dt>Time to notice</dt>
        <dd>{seconds(run.time_to_detect_s)}</dd>
        <dt>Time to contain</dt>
        <dd>{seconds(run.time_to_contain_s)}</dd>
        <dt>Customer-minutes lost</dt>
        <dd>{run.customer_minutes_lost == null ? '—' : `${formatCount(run.customer_minutes_lost)} (people × minutes without a service they need)`}</dd>
        <dt>Actions / approvals</dt>
        <dd>
          {run.actions ?? 0} / {run.approvals ?? 0}
        </dd>
        <dt>Detections that fired</dt>
        <dd>{run.detections?.join(', ') || '—'}</dd>
        <dt>Playbooks that ran</dt>
        <dd>{run.playbooks?.join(', ') || '—'}</dd>
      </dl>
      {run.missed && run.missed.length > 0 && (
        <>
          <h3>What was missed, and why</h3>
          <ul>
            {run.missed.map((m, i) => (
              <li key={i}>
                <strong>{m.what}</strong>: {m.why}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
