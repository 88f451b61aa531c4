// The plan commands as a city uses them: `plan generate` writes the documents, and `plan exercise`
// runs a tabletop with the team's answers piped in on stdin, timing each, comparing them with what
// the playbooks did in an automatic drill, and writing the after-action report.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runDrill } from '../../src/operations/drills/index.js';
import { afterActionReport, runTabletop, toMarkdown } from '../../src/operations/plans/index.js';
import { loadScenarioFile } from '../../src/operations/twin/index.js';
import { city, library, rules } from './response-harness.js';

vi.setConfig({ testTimeout: 300_000 });

function cityguard(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/cityguard.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('cityguard plan', () => {
  it('generate writes the response protocol and the recovery plan as Markdown and HTML', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cg-plan-cli-'));
    const r = await cityguard(['plan', 'generate', '--city', 'content/cities/sample-city.yaml', '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['disaster-recovery-plan.html', 'disaster-recovery-plan.md', 'incident-response-protocol.html', 'incident-response-protocol.md']);
  });

  it('exercise presents each inject, records piped answers, and writes the after-action report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cg-exercise-'));
    const answers = ['Call the finance clerk, isolate the PC', 'Block the address at the firewall', 'Disable svc-sync on the domain controllers'].join('\n');
    const r = await cityguard(['plan', 'exercise', 'ukraine-2015', '--no-expected', '--out', out, '--team', 'Rivenau IT and Netzleitstelle'], `${answers}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^Inject \d+\/11 at T\+\d\d:\d\d/gm)).toHaveLength(11);
    const base = readdirSync(out).find((f) => f.endsWith('.json'))!;
    const record = JSON.parse(readFileSync(join(out, base), 'utf8')) as { team: string; injects: Array<{ answer: string | null; answeredAfterS: number | null }> };
    expect(record.team).toBe('Rivenau IT and Netzleitstelle');
    expect(record.injects.map((i) => i.answer)).toEqual([...answers.split('\n'), ...Array(8).fill(null)]);
    expect(record.injects[0]!.answeredAfterS).toBeGreaterThanOrEqual(0);
    const report = readFileSync(join(out, base.replace(/\.json$/, '.md')), 'utf8');
    expect(report).toMatch(/3 of 11 injects answered/);
    expect(report).toMatch(/T\+35:00 KillDisk clears event logs and wipes the consoles: no answer\./);
  });

  it('compares the answers with what the playbooks did in an automatic drill', async () => {
    const scenario = loadScenarioFile('content/scenarios/ukraine-2015.yaml', city);
    const expected = await runDrill({ city, scenario, rules, playbooks: library, response: 'auto', warmupS: 120, observeAfterS: 0, stepMs: 2000 });
    let t = 0;
    async function* team() {
      yield 'Isolate the finance PC and call the IT lead';
      yield 'Nothing yet';
    }
    const record = await runTabletop({ scenario, city, answers: team(), print: () => undefined, now: () => (t += 30_000), expected });
    expect(record.injects[0]).toMatchObject({ answer: 'Isolate the finance PC and call the IT lead', answeredAfterS: 30, covered: expect.arrayContaining(['isolate-device', 'notify']) });
    expect(record.injects[0]!.expected).toEqual(expect.arrayContaining([expect.stringMatching(/^isolate-device ws-fin-01/)]));
    const vpn = record.injects.find((i) => i.stepId === 'vpn-login')!;
    expect(vpn.answer).toBeNull();
    expect(vpn.missed).toEqual(expect.arrayContaining(['disable-account', 'block-address']));
    expect(toMarkdown(afterActionReport(record, 'Rivenau'))).toMatch(/the team did not name "disable-account"/);
  });
});
