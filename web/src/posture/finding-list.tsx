// Findings as a list a non-specialist can act on: what is weak, why it matters, what to do, and the
// evidence; the vulnerability advisory and standards references for whoever fixes it.
import type { Finding } from '../../../src/domain/index.js';
import { SEVERITY_WORDS } from '../model/plain-words.js';

const EFFORT_WORDS: Record<Finding['effort'], string> = { low: 'a quick fix', medium: 'a planned change', high: 'a project' };

/** A list of findings. */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  return (
    <ul className="findings">
      {findings.map((f) => (
        <li key={f.id} className={`finding sev-${f.severity}`}>
          <div>
            <span className={`badge sev-${f.severity}`}>{SEVERITY_WORDS[f.severity]}</span> <strong>{f.title}</strong>
          </div>
          <p>{f.why}</p>
          <p>
            <strong>What to do:</strong> {f.fix} <span className="muted">({EFFORT_WORDS[f.effort]})</span>
          </p>
          {f.advisory && (
            <p className="muted">
              Advisory {f.advisory.advisoryId} ({f.advisory.source}){f.advisory.cves.length ? `: ${f.advisory.cves.join(', ')}` : ''}, CVSS {f.advisory.maxCvss}
              {f.advisory.kev ? ', known to be exploited' : ''}
              {f.advisory.fixedVersion ? `; fixed in ${f.advisory.fixedVersion}` : ''}.
            </p>
          )}
          <details>
            <summary>Evidence and references</summary>
            <ul>
              {f.evidence.map((e, i) => (
                <li key={i}>
                  {e.fact} <span className="muted">({e.source}: {e.where})</span>
                </li>
              ))}
            </ul>
            <p className="muted">
              NIST CSF 2.0: {f.csf.map((c) => `${c.subcategory} ${c.name}`).join('; ')}. IEC 62443: {f.iec62443.map((r) => `${r.id} ${r.name}`).join('; ')}.
            </p>
          </details>
        </li>
      ))}
    </ul>
  );
}
