// How far the attack got, as a row of steps from "got in" to "disrupted service".
import type { IcsTactic } from '../../../src/domain/index.js';
import { STAGE_SHORT } from '../model/plain-words.js';

/** The tactics in kill-chain order (ATT&CK for ICS). */
const ORDER: readonly IcsTactic[] = [
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'evasion',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'inhibit-response-function',
  'impair-process-control',
  'impact',
];

/** Steps seen so far are filled; the furthest one is marked as the current stage. */
export function StageProgress({ tactics, stage }: { tactics: readonly IcsTactic[]; stage: IcsTactic }) {
  const seen = new Set(tactics);
  return (
    <ol className="stage-progress" aria-label="How far the attack has got">
      {ORDER.map((t) => (
        <li key={t} className={t === stage ? 'current' : seen.has(t) ? 'seen' : ''} aria-current={t === stage ? 'step' : undefined}>
          <span className="sr-only">{t === stage ? 'Now: ' : seen.has(t) ? 'Seen: ' : 'Not seen: '}</span>
          {STAGE_SHORT[t]}
        </li>
      ))}
    </ol>
  );
}
