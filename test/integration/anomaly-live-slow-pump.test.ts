// The slow pump manipulation, played on the live path: Nord booster pump 1's drive is slowed 4 % every
// half hour while the speed it reports is pinned at 100 %, in the water maintenance window from the
// operator HMI. No rule may see it (no rule alert touches the water district, and no rule fires that
// does not fire without the attack); the Nordstadt process detector must, naming the pump's flow, and
// its alert must reach an incident.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/index.js';
import { loadScenarioFile } from '../../src/operations/twin/index.js';
import { city, playLive } from './anomaly-live-harness.js';

const scenario = loadScenarioFile('content/scenarios/process-anomaly/water-pump-slow-throttle.yaml', city);
const window = { quietMs: 2 * 3_600_000, afterMs: 4 * 3_600_000 };
const played = playLive(scenario, window);
const control = playLive(scenario, { ...window, attack: false, anomaly: false });
const rulesFired = (alerts: readonly Alert[]) => [...new Set(alerts.filter((a) => a.detector.kind === 'rule').map((a) => a.detector.id))].sort();
const water = new Set(city.city.assets.filter((a) => a.zone === 'water').map((a) => a.id));

describe('a booster pump slowed step by step behind a pinned speed reading (Nordstadt)', () => {
  it('raises no process alert in the two hours of normal city life before the attack', async () => {
    const { quiet, prelearning } = await played;
    expect(prelearning.phases.every((p) => p.endsWith(':detecting:simulated'))).toBe(true);
    expect(quiet.filter((a) => a.detector.kind === 'anomaly').map((a) => a.title)).toEqual([]);
  }, 600_000);

  it('trips no rule: no rule alert touches the water district, and only rules that fire without the attack fire at all', async () => {
    const [attacked, calm] = await Promise.all([played, control]);
    const ruleAlerts = attacked.alerts.filter((a) => a.detector.kind === 'rule');
    expect(ruleAlerts.filter((a) => a.assetIds.some((id) => water.has(id))).map((a) => a.title)).toEqual([]);
    // Background city life (office VPN logins) keeps its own alerts; the attack must add no rule to them.
    expect(rulesFired(attacked.alerts).filter((id) => !rulesFired(calm.alerts).includes(id))).toEqual([]);
  }, 600_000);

  it('is seen by the Nordstadt process detector as one manipulation-of-control alert naming the pump’s flow', async () => {
    const { alerts, attackMs } = await played;
    const anomaly = alerts.filter((a) => a.detector.kind === 'anomaly');
    expect(anomaly.map((a) => a.detector.id)).toEqual(['process/wz-north']);
    const alert = anomaly[0]!;
    expect(alert.ts - attackMs).toBeGreaterThan(0);
    expect(alert.ts - attackMs).toBeLessThan(2 * 3_600_000);
    expect(alert).toMatchObject({ technique: { id: 'T0831', name: 'Manipulation of Control' }, tactic: 'impact' });
    expect(alert.evidence.signals!.map((s) => s.name)).toContain('bs-north-p1.flow_lps');
    expect(alert.explanation.what).toMatch(/pump bs-north-p1 flow has stayed below what/);
    expect(alert.assetIds).toContain('bs-north-p1');
  }, 600_000);

  it('becomes an incident whose explanation names the pump and the zone at risk', async () => {
    const { alerts, incidents } = await played;
    const alert = alerts.find((a) => a.detector.id === 'process/wz-north')!;
    const incident = incidents.find((i) => i.alertIds.includes(alert.id));
    expect(incident).toMatchObject({ techniques: ['T0831'], stage: 'impact' });
    expect(incident!.summary.what).toContain('pump bs-north-p1 flow');
    expect(incident!.affectedServices.map((s) => s.serviceId)).toContain('water-zone-3');
  }, 600_000);
});
