// The city file's PLC start and stop levels are control rules on the live path: when the Westhang
// booster PLC's levels are lowered with no replay to hide it, the reservoir drains past the start
// level with both pumps off, and the zone's alert says which written level was broken and where it
// is written, within the hour, and reaches an incident.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/operations/twin/index.js';
import { city, playLive } from './anomaly-live-harness.js';

const replayed = loadScenarioFile('content/scenarios/process-anomaly/water-setpoint-behind-replay.yaml', city);
const scenario = { ...replayed, steps: replayed.steps.filter((s) => s.id === 'lower-levels') };
const played = playLive(scenario, { quietMs: 2 * 3_600_000, afterMs: 2 * 3_600_000 });

describe('a PLC setpoint change with nothing to hide it (Westhang)', () => {
  it('is alerted within the hour as pumps off below the start level the city file gives their PLC', async () => {
    const { alerts, quiet, attackMs } = await played;
    expect(quiet.filter((a) => a.detector.kind === 'anomaly')).toEqual([]);
    const anomaly = alerts.filter((a) => a.detector.kind === 'anomaly');
    expect(anomaly.map((a) => a.detector.id)).toEqual(['process/wz-hillside']);
    expect(anomaly[0]!.ts - attackMs).toBeLessThan(3_600_000);
    expect(anomaly[0]!.explanation.what).toMatch(/^Westhang high zone is not following the control logic written for it, or its readings are false: /);
    expect(anomaly[0]!.explanation.what).toMatch(
      /pump bs-hill-p[12] is off while tank res-hillside level reads 2\.\d\d m, below the 2\.50 m at which its control keeps it running \(start level of PLC bs-hill-plc for pump bs-hill-p[12] in the city file\)/,
    );
  }, 600_000);

  it('reaches an incident on the hillside water zone', async () => {
    const { alerts, incidents } = await played;
    const alert = alerts.find((a) => a.detector.id === 'process/wz-hillside')!;
    const incident = incidents.find((i) => i.alertIds.includes(alert.id));
    expect(incident!.affectedServices.map((s) => s.serviceId)).toContain('water-zone-2');
    expect(incident!.summary.what).toContain('bs-hill-p');
  }, 600_000);
});
