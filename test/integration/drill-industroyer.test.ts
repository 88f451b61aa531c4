// Industroyer 2016 was detected a minute in but contained only after the breakers opened half an
// hour later: no playbook acted on the intruder's first signs on the control-centre host. The
// rogue-control-host playbook isolates that host on the first alert (two approvals), so the breaker
// commands it would send never arrive. Driven here from real alerts through approval, effect on the
// twin and undo, then in the full drill.
import { describe, expect, it, vi } from 'vitest';
import { runDrill, type DrillReport } from '../../src/operations/drills/index.js';
import { loadScenarioFile } from '../../src/operations/twin/index.js';
import { approveWaiting, attack, city, library, rules, stepActions, undoAll } from './response-harness.js';

vi.setConfig({ testTimeout: 900_000 }); // whole simulated cities on a shared machine

const isolated = (world: Awaited<ReturnType<typeof attack>>['world'], id: string) => (world.twin.device(id) as unknown as { isolated: boolean }).isolated;

describe('rogue-control-host', () => {
  it('isolates the control-centre host where an unexplained admin account appeared, after two approvals, and undoes it', async () => {
    const { world } = await attack(
      ['rogue-control-host'],
      `id: t-admin
name: new admin on the historian
description: a local administrator account created on the historian
models: { incident: test, sources: [test] }
startLocalTime: '23:20'
steps:
  - { id: account, atS: 0, name: new admin, techniques: [T0859], action: { do: log, on: { ids: [historian] }, severity: 4, app: Microsoft-Windows-Security-Auditing, message: 'A user account was created: система; member added to Administrators', attrs: { event_id: 4720, target_user: система, subject_user: admin, group: Administrators } } }
`,
      30,
    );
    const [isolate] = await stepActions(world, 'rogue-control-host', 'isolate-host');
    expect(isolate).toMatchObject({ status: 'awaiting-approval', kind: 'isolate-device', target: { id: 'historian' }, interruptsService: true, requiredApprovals: { count: 2 } });
    expect(isolate!.cost?.description).toBeTruthy(); // the cost is shown before anyone approves
    expect((await stepActions(world, 'rogue-control-host', 'call-grid-duty'))[0]!.status).toBe('done');
    expect(world.twin.network.originDenied({ user: 'admin', host: 'cc-pi01', ip: '10.20.0.30' })).toBeUndefined();

    await world.engine!.approve(isolate!.id, { user: 'alice', role: 'operator' });
    await world.settle();
    expect(isolated(world, 'historian')).toBe(false); // one approval is not enough
    await approveWaiting(world);
    expect(isolated(world, 'historian')).toBe(true);
    expect(world.twin.network.originDenied({ user: 'admin', host: 'cc-pi01', ip: '10.20.0.30' })).toMatch(/cut off/);

    await undoAll(world, 'rogue-control-host');
    expect(isolated(world, 'historian')).toBe(false);
    await world.close();
  });

  it('isolates a host that speaks IEC 104 without being a SCADA master, and leaves office account changes to the office playbook', async () => {
    const { world } = await attack(
      ['rogue-control-host'],
      `id: t-iec104
name: rogue master
description: the historian interrogates a substation RTU; an office admin account appears
models: { incident: test, sources: [test] }
startLocalTime: '23:20'
steps:
  - { id: gi, atS: 0, name: rogue interrogation, techniques: [T0846], action: { do: network, on: { ids: [fw-itot] }, srcIp: 10.20.0.30, to: { kinds: [rtu], sites: [ss-north] }, dstPort: 2404, protocol: iec104, attrs: { asdu: C_IC_NA_1, cot: act } } }
  - { id: office, atS: 5, name: office admin, techniques: [T0859], action: { do: log, on: { ids: [dc-1] }, severity: 4, message: 'A user account was created: svc-x; member added to Domain Admins', attrs: { event_id: 4720, target_user: svc-x, subject_user: m.huber, group: Domain Admins } } }
`,
      30,
    );
    const [isolate] = await stepActions(world, 'rogue-control-host', 'isolate-rogue-master');
    expect(isolate).toMatchObject({ target: { id: 'historian' }, requiredApprovals: { count: 2 } });
    expect(await stepActions(world, 'rogue-control-host', 'isolate-host')).toEqual([]); // dc-1 is in the office zone
    await approveWaiting(world);
    expect(isolated(world, 'historian')).toBe(true);
    await undoAll(world, 'rogue-control-host');
    expect(isolated(world, 'historian')).toBe(false);
    await world.close();
  });
});

describe('drill run industroyer-2016', () => {
  const scenario = loadScenarioFile('content/scenarios/industroyer-2016.yaml', city);
  let none: DrillReport;
  let auto: DrillReport;

  it('is contained on its first alert, before the breakers open, and the substation keeps its power', async () => {
    none = await runDrill({ city, scenario, rules, playbooks: library, response: 'none', seed: 2015 });
    auto = await runDrill({ city, scenario, rules, playbooks: library, response: 'auto', seed: 2015 });
    expect(none.detected && auto.detected).toBe(true);
    expect(auto.time_to_detect_s).toBe(60); // the new admin accounts on the historian
    const breakersAt = scenario.steps.find((s) => s.id === 'breakers-open')!.atS;
    expect(auto.time_to_contain_s).not.toBeNull();
    expect(auto.time_to_contain_s!).toBeLessThan(breakersAt);
    expect(auto.playbooks).toContain('rogue-control-host');
    expect(auto.steps.find((s) => s.id === 'breakers-open')!.outcomes).toEqual({ blocked: expect.any(Number) });
    expect(none.steps.find((s) => s.id === 'breakers-open')!.outcomes).toMatchObject({ ok: expect.any(Number) });
    expect(auto.customer_minutes_lost).toBeLessThan(0.2 * none.customer_minutes_lost);
    expect(auto.interrupting_actions_run_without_approvals).toBe(0);
    // What response prevented is reported as such, not as a detection gap.
    expect(auto.missed.find((m) => m.what.includes('breaker-command-from-unexpected-host'))?.why).toBe('step blocked by response');
  });
});
