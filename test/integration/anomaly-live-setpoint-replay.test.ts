// The setpoint change disguised by a replayed level reading, played on the live path: the Westhang
// reservoir's readings freeze, then its PLC's start and stop levels are lowered in the water
// maintenance window from the operator HMI. No rule may see it (no rule alert touches the water district,
// and no rule fires that does not fire without the attack); the zone's process detector must, and
// its alert must reach an incident that names the departed signals.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/index.js';
import { loadScenarioFile } from '../../src/operations/twin/index.js';
import { city, playLive } from './anomaly-live-harness.js';

const scenario = loadScenarioFile('content/scenarios/process-anomaly/water-setpoint-behind-replay.yaml', city);
const window = { quietMs: 2 * 3_600_000, afterMs: 3 * 3_600_000 };
const played = playLive(scenario, window);
const control = playLive(scenario, { ...window, attack: false, anomaly: false });
const rulesFired = (alerts: readonly Alert[]) => [...new Set(alerts.filter((a) => a.detector.kind === 'rule').map((a) => a.detector.id))].sort();
const water = new Set(city.city.assets.filter((a) => a.zone === 'water').map((a) => a.id));

describe('a setpoint change behind a replayed level reading (Westhang)', () => {
  it('goes live after pre-learning every water zone on the twin, saying where the baseline came from', async () => {
    const { prelearning, quarantined } = await played;
    expect(prelearning.phases).toEqual(['wz-low:detecting:simulated', 'wz-hillside:detecting:simulated', 'wz-north:detecting:simulated']);
    expect(quarantined).toBe(0);
  }, 600_000);

  it('raises no process alert in the two hours of normal city life before the attack', async () => {
    const { quiet } = await played;
    expect(quiet.filter((a) => a.detector.kind === 'anomaly').map((a) => a.title)).toEqual([]);
  }, 600_000);

  it('trips no rule: no rule alert touches the water district, and only rules that fire without the attack fire at all', async () => {
    const [attacked, calm] = await Promise.all([played, control]);
    const ruleAlerts = attacked.alerts.filter((a) => a.detector.kind === 'rule');
    expect(ruleAlerts.filter((a) => a.assetIds.some((id) => water.has(id))).map((a) => a.title)).toEqual([]);
    // Background city life (office VPN logins) keeps its own alerts; the attack must add no rule to them.
    expect(rulesFired(attacked.alerts).filter((id) => !rulesFired(calm.alerts).includes(id))).toEqual([]);
  }, 600_000);

  it('is seen by the hillside process detector within the hour, as one spoofing alert naming the frozen reading', async () => {
    const { alerts, attackMs } = await played;
    const anomaly = alerts.filter((a) => a.detector.kind === 'anomaly');
    expect(anomaly.map((a) => a.detector.id)).toEqual(['process/wz-hillside']);
    const alert = anomaly[0]!;
    expect(alert.ts - attackMs).toBeGreaterThan(0);
    expect(alert.ts - attackMs).toBeLessThan(3_600_000);
    expect(alert).toMatchObject({ technique: { id: 'T0856', name: 'Spoof Reporting Message' }, tactic: 'impair-process-control', severity: 'high' });
    expect(alert.evidence.signals!.some((s) => s.name.startsWith('res-hillside.'))).toBe(true);
    expect(alert.explanation.what).toMatch(/tank res-hillside [a-z ]+ has shown exactly [-\d.]+ [^ ]+ for \d+ samples in a row[^;]*frozen or replayed/);
  }, 600_000);

  it('becomes an incident whose explanation names the departed signals and the zone at risk', async () => {
    const { alerts, incidents } = await played;
    const alert = alerts.find((a) => a.detector.id === 'process/wz-hillside')!;
    const incident = incidents.find((i) => i.alertIds.includes(alert.id));
    expect(incident).toMatchObject({ techniques: ['T0856'], stage: 'impair-process-control' });
    expect(incident!.summary.what).toContain('tank res-hillside');
    expect(incident!.affectedServices.map((s) => s.serviceId)).toContain('water-zone-2');
    expect(incident!.summary.whatToDo.join(' ')).toContain('res-hillside');
  }, 600_000);
});
