// The posture report as text for a city IT generalist: what to fix now, next and later with the
// effort each takes, the services and devices most at risk, then the findings with their evidence
// and the standards they answer to.
import type { Finding, PostureReport, RemediationItem } from '../../../domain/index.js';
import { SEVERITY_ORDER } from '../../../domain/index.js';

/** Rendering choices. */
export interface RenderOptions {
  /** Show medium and low findings in detail too (default: counted per check). */
  readonly allFindings?: boolean;
}

const HEADINGS = { now: 'FIX NOW', next: 'FIX NEXT', later: 'LATER' } as const;
const EFFORT_WORDS = {
  low: 'low (minutes to hours)',
  medium: 'medium (a planned change)',
  high: 'high (a project)',
} as const;

function remediationLines(items: readonly RemediationItem[], detailed: boolean): string[] {
  return items.flatMap((item, i) => {
    const head = `  ${String(i + 1).padStart(2)}. ${item.action}`;
    if (!detailed) return [head, `      effort ${item.effort} · ${item.reason}`];
    return [head, `      effort: ${EFFORT_WORDS[item.effort]} · ${item.reason}`, `      how: ${item.how}`];
  });
}

function findingLines(f: Finding): string[] {
  return [
    `  [${f.severity}] ${f.title}`,
    `      why: ${f.why}`,
    ...f.evidence.slice(0, 6).map((e) => `      evidence: ${e.fact}  (${e.source}: ${e.where})`),
    ...(f.evidence.length > 6 ? [`      evidence: … ${f.evidence.length - 6} more`] : []),
    `      fix (effort ${f.effort}): ${f.fix}`,
    `      standards: NIST CSF ${f.csf.map((c) => c.subcategory).join(', ')} · IEC 62443 ${f.iec62443.map((r) => r.id).join(', ')}`,
  ];
}

/** The whole report as plain text. */
export function renderPostureReport(report: PostureReport, options: RenderOptions = {}): string {
  const out: string[] = [];
  const counts = [...SEVERITY_ORDER]
    .reverse()
    .filter((s) => (report.counts[s] ?? 0) > 0)
    .map((s) => `${report.counts[s]} ${s}`);
  out.push(`Security posture of ${report.city.name} on ${report.asOf}`);
  out.push(
    `Inventory: ${report.inventory.declared} declared assets, ${report.inventory.imported} imported from CSV, ${report.inventory.discovered} discovered on the network`,
  );
  out.push(
    `Advisories: ${report.advisories.facts} advisory facts, ${report.advisories.endOfLife} end-of-life entries, ${report.advisories.kev} KEV entries (${report.advisories.sources.join('; ')})`,
  );
  out.push(`Findings: ${report.findings.length} — ${counts.join(', ')}`);
  for (const priority of ['now', 'next', 'later'] as const) {
    const items = report.remediation.filter((r) => r.priority === priority);
    out.push('', `${HEADINGS[priority]} (${items.length})`);
    out.push(...remediationLines(items, priority !== 'later'));
  }
  out.push('', 'SERVICES MOST AT RISK');
  for (const s of report.services.slice(0, 8)) {
    out.push(
      `  ${s.score.toFixed(1).padStart(5)}  ${s.name} (${s.peopleServed.toLocaleString('en')} people) — riskiest: ${s.riskiestAssets.join(', ')}`,
    );
  }
  out.push('', 'DEVICES MOST AT RISK (score 0–100 = weakness × exposure × impact)');
  for (const a of report.assets.slice(0, 10))
    out.push(`  ${a.score.toFixed(1).padStart(5)}  ${a.assetId}: ${a.reasons.join('; ')}`);
  const detailed = report.findings.filter(
    (f) => options.allFindings || f.severity === 'critical' || f.severity === 'high',
  );
  out.push('', `FINDINGS${options.allFindings ? '' : ' (critical and high in detail)'}`);
  for (const f of detailed) out.push(...findingLines(f));
  if (!options.allFindings) {
    const rest = new Map<string, number>();
    for (const f of report.findings.filter((x) => !detailed.includes(x)))
      rest.set(`${f.severity} ${f.check}`, (rest.get(`${f.severity} ${f.check}`) ?? 0) + 1);
    for (const [k, n] of rest) out.push(`  ${n} × ${k} (--all shows them)`);
  }
  return out.join('\n');
}
