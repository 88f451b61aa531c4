import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCityFile } from '../../platform/content/index.js';
import { loadPlaybooks } from '../response/index.js';
import { generatePlan } from './write-plan.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const playbooks = loadPlaybooks('content/playbooks').playbooks;

describe('the generated plans of the sample city', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cg-plan-'));
  const { plan, files } = await generatePlan(city, playbooks, out, Date.UTC(2026, 0, 15));
  const drp = readFileSync(join(out, 'disaster-recovery-plan.md'), 'utf8');
  const irp = readFileSync(join(out, 'incident-response-protocol.md'), 'utf8');

  it('restores every service only after everything it depends on, in the Markdown as written', () => {
    const section = drp.slice(drp.indexOf('## 2. Recovery order'), drp.indexOf('## 3.'));
    const order = [...section.matchAll(/^\d+\. .*\(([a-z0-9-]+); RTO/gm)].map((m) => m[1]!);
    expect(order.sort()).toEqual([...city.services.keys()].sort());
    const written = [...section.matchAll(/^\d+\. .*\(([a-z0-9-]+); RTO/gm)].map((m) => m[1]!);
    for (const s of city.services.values())
      for (const dep of s.dependsOn.services) expect.soft(written.indexOf(dep), `${dep} before ${s.id}`).toBeLessThan(written.indexOf(s.id));
    expect(written[0]).toBe(plan.recovery[0]!.service.id);
  });

  it('states each service’s RTO and RPO, its fallback and a manual procedure naming its owner', () => {
    for (const s of city.services.values()) {
      expect(drp).toContain(`| ${s.name} |`);
      expect(drp).toMatch(new RegExp(`#### ${s.name.replace(/[()]/g, '\\$&')} — owner: [a-z-]+`));
    }
    expect(drp).toMatch(/\| LKH Rivenau hospital \| 178,000 \| critical \| 15 min \| 0 min \| power-east, water-zone-1 \| generator \(80%\) \|/);
    expect(drp).toContain('No fallback is declared: while it is down, 60,000 people are without it.');
    expect(drp).toMatch(/- \[ \] PLC programs and setpoints: last verified on/);
  });

  it('names the people to call, the severity thresholds in the city’s own numbers, every playbook and the messages', () => {
    expect(irp).toMatch(/\| incident-lead \| Mag\. Petra Lindner/);
    expect(irp).toContain('at least 17,800 people (10% of 178,000)');
    for (const p of playbooks) expect(irp).toContain(`### ${p.title}`);
    for (const t of ['First public notice', 'False alarm (sirens)', 'Early warning to the national CERT']) expect(irp).toContain(`### ${t}`);
    expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual([
      'disaster-recovery-plan.html',
      'disaster-recovery-plan.md',
      'incident-response-protocol.html',
      'incident-response-protocol.md',
    ]);
    const html = readFileSync(join(out, 'incident-response-protocol.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
  });
});
