// The whole embedded platform on the sample city: devices stream over real MQTT with their own
// credentials, the Ukraine-2015 scenario plays, and its incident reaches the API in plain words.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, PlanList, ScenarioList, StatusResponse } from '../../src/contracts/index.js';
import type { Incident, PostureReport } from '../../src/domain/index.js';
import { demoConfig, startRuntime, type Runtime } from '../../src/app/runtime/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { until } from '../support/until.js';

let runtime: Runtime;
let token: string;

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${runtime.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  const config = demoConfig({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'cg-demo-')), attackAfterS: 3, speed: 60, seed: 7, mqttPort: 0, syslogPort: 0 });
  runtime = await startRuntime(config, { logger: silentLogger() });
  token = await runtime.createToken('test-admin', 'admin');
}, 60_000);
afterAll(() => runtime?.stop());

describe('the demo on the sample city', () => {
  it('has every sample device streaming through the broker', async () => {
    // Generous: under a parallel test run another demo shares the two cores (alone it takes a few seconds).
    const status = await until('all devices streaming', 90_000, async () => {
      const s = await get<StatusResponse>('/api/status');
      return s.devices.streaming === s.devices.declared ? s : undefined;
    });
    expect(status.devices.declared).toBeGreaterThanOrEqual(200);
    expect(status.quarantine).toEqual({});
  }, 100_000);

  it('serves the posture report with the sample city’s planted weaknesses', async () => {
    const report = await get<PostureReport>('/api/posture');
    expect(report.findings.some((f) => f.assetIds.includes('bs-hill-plc') && /default password/i.test(f.title))).toBe(true);
    expect(report.remediation[0]?.priority).toBe('now');
  });

  it('lists the scenario library and serves the plans generated from the city', async () => {
    const scenarios = await get<ScenarioList>('/api/scenarios');
    expect(scenarios.items.length).toBeGreaterThanOrEqual(8);
    expect(scenarios.items.find((s) => s.id === 'ukraine-2015')?.techniques).toContain('T0855');
    const plans = await get<PlanList>('/api/plans');
    expect(plans.items.map((p) => p.id)).toEqual(['incident-response-protocol', 'disaster-recovery-plan']);
    const res = await fetch(`${runtime.url}${plans.items[1]!.markdownUrl}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.text()).toMatch(/Power to/);
  });

  it('turns the Ukraine-2015 attack into one critical incident at the impact stage, explained', async () => {
    const incident = await until('the grid incident', 90_000, async () => {
      const { items } = await get<{ items: Incident[] }>('/api/incidents');
      return items.find((i) => i.stage === 'impact' && i.techniques.includes('T0831'));
    });
    expect(incident.severity).toBe('critical');
    expect(incident.tactics).toEqual(expect.arrayContaining(['initial-access', 'execution', 'lateral-movement', 'impact']));
    const power = incident.affectedServices.filter((s) => s.kind === 'power');
    expect(power.length).toBeGreaterThan(0);
    expect(incident.peopleAffected).toBeGreaterThan(0);
    expect(incident.title).toMatch(/Breakers? opened/i);
    // The summary leads with what the title names, not with the first (least serious) alert.
    expect(incident.summary.what.startsWith(`“${incident.title.split(' (+')[0]}”`)).toBe(true);
    expect(incident.summary.whatToDo.join(' ')).not.toMatch(/facilities.*City administration/);
    expect(incident.summary.why).toMatch(/Power to/);
    const detail = await get<IncidentDetail>(`/api/incidents/${incident.id}`);
    expect(detail.alerts.map((a) => a.detector.id)).toEqual(
      expect.arrayContaining(['office-document-spawns-process', 'breaker-opens-across-substations']),
    );
    expect(detail.alerts.every((a) => a.explanation.whatToDo.length > 0)).toBe(true);
  }, 100_000);
});
