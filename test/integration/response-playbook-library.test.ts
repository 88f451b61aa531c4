// Every shipped playbook, driven end to end on the twin: an attack step raises a real alert through
// ingest and the rules, the playbook proposes its actions (nothing service-interrupting runs
// before two people approve), the approved actions change the simulated city, and undo puts it back.
import { describe, expect, it, vi } from 'vitest';
import { approveWaiting, attack, library, stepActions, undoAll } from './response-harness.js';

/** What the tests read of a simulated device. */
interface SimDeviceView {
  safeMode: boolean;
}
vi.setConfig({ testTimeout: 180_000 }); // each test runs a whole simulated city; the machine is shared

const device = (world: Awaited<ReturnType<typeof attack>>['world'], id: string) => world.twin.device(id) as unknown as SimDeviceView;

describe('the playbook library', () => {
  it('has at least eight playbooks covering the attacks the twin can play', () => {
    expect(library.map((p) => p.id).sort()).toEqual(
      expect.arrayContaining([
        'remote-access-abuse',
        'rogue-control-commands',
        'compromised-field-gateway',
        'device-botnet',
        'traffic-signal-tampering',
        'water-process-manipulation',
        'siren-misuse',
        'office-ransomware',
      ]),
    );
  });
});

describe('remote-access-abuse', () => {
  it('disables the stolen VPN account and blocks its source; the intruder is cut off until undone', async () => {
    const { world } = await attack(
      ['remote-access-abuse'],
      `id: t-vpn
name: stolen VPN login
description: a VPN login at night with a stolen password
models: { incident: test, sources: [test] }
startLocalTime: '23:30'
steps:
  - { id: login, atS: 0, name: vpn login, techniques: [T0822], action: { do: login, on: { ids: [vpn-gw] }, user: a.bauer, method: vpn, srcIp: 203.0.113.45, sessionS: 3600, attrs: { assigned_ip: 10.99.0.23 } } }
`,
      30,
    );
    const [disable] = await stepActions(world, 'remote-access-abuse', 'disable-vpn-account');
    const [block] = await stepActions(world, 'remote-access-abuse', 'block-source');
    expect(disable).toMatchObject({ status: 'awaiting-approval', target: { id: 'a.bauer@vpn-gw' }, interruptsService: false });
    expect(block).toMatchObject({ status: 'awaiting-approval', target: { id: '203.0.113.45' } });
    expect((await stepActions(world, 'remote-access-abuse', 'tell-leads'))[0]!.status).toBe('done');
    expect(world.twin.network.addressCut('10.99.0.23')).toBe(false);

    await approveWaiting(world);
    expect((await stepActions(world, 'remote-access-abuse', 'disable-vpn-account'))[0]!.status).toBe('done');
    expect(world.twin.network.addressCut('10.99.0.23')).toBe(true);
    expect([...world.twin.network.blockedAddresses().keys()]).toEqual(['203.0.113.45']);
    expect(world.twin.login('vpn-gw', { user: 'a.bauer', method: 'vpn', outcome: 'success', srcIp: '198.51.100.9' })).toBe('failure');
    expect((await stepActions(world, 'remote-access-abuse', 'ticket'))[0]!.status).toBe('done');

    await undoAll(world, 'remote-access-abuse');
    expect(world.twin.network.blockedAddresses().size).toBe(0);
    expect(world.twin.login('vpn-gw', { user: 'a.bauer', method: 'vpn', outcome: 'success', srcIp: '198.51.100.9' })).toBe('success');
    await world.close();
  });
});

describe('rogue-control-commands', () => {
  it('puts the substation into manual switching and isolates the sending computer after two approvals', async () => {
    const { world } = await attack(
      ['rogue-control-commands'],
      `id: t-rogue
name: breaker from an office PC
description: a breaker opened from an office workstation
models: { incident: test, sources: [test] }
steps:
  - { id: open, atS: 0, name: open a feeder, techniques: [T0855], action: { do: command, on: { ids: [ss-north-f1] }, command: breaker.open, actor: { user: eng, host: rv-fin-01, ip: 10.10.20.11 }, protocol: iec104 } }
`,
      20,
    );
    const [manual] = await stepActions(world, 'rogue-control-commands', 'manual-switching');
    const [isolate] = await stepActions(world, 'rogue-control-commands', 'isolate-sender');
    expect(manual).toMatchObject({ target: { type: 'service', id: 'power-north' }, interruptsService: true, requiredApprovals: { count: 2 } });
    expect(isolate).toMatchObject({ target: { id: 'ws-fin-01' }, interruptsService: true });
    expect(manual!.cost?.description).toMatch(/power-north/);
    await world.engine!.approve(manual!.id, { user: 'alice', role: 'operator' });
    await world.settle();
    expect(device(world, 'ss-north-f2').safeMode).toBe(false); // one approval is not enough

    await approveWaiting(world);
    expect(device(world, 'ss-north-f2').safeMode).toBe(true);
    expect((device(world, 'ws-fin-01') as { isolated?: boolean }).isolated).toBe(true);
    expect(world.twin.command('ss-north-f2', { command: 'breaker.open', actor: { host: 'cc-op01' } }).result).toBe('rejected');

    await undoAll(world, 'rogue-control-commands');
    expect(device(world, 'ss-north-f2').safeMode).toBe(false);
    expect((device(world, 'ws-fin-01') as { isolated?: boolean }).isolated).toBe(false);
    expect(world.twin.command('ss-north-f1', { command: 'breaker.close', actor: { host: 'cc-op01' } }).result).toBe('ok');
    await world.close();
  });
});

describe('compromised-field-gateway', () => {
  it('takes the gateway off the broker, islands the substation, rotates bay credentials and blocks the origin', async () => {
    const { world } = await attack(
      ['compromised-field-gateway'],
      `id: t-gw
name: unsigned firmware
description: an unsigned image pushed to a substation gateway from outside
models: { incident: test, sources: [test] }
steps:
  - { id: flash, atS: 0, name: flash the gateway, techniques: [T0857], action: { do: firmware-upload, on: { ids: [gw-ss-north-1] }, image: { version: v9-evil, hash: 9f2c6a41d0e8b7c35a1e4f60b2d9c7e8, signed: false }, actor: { user: admin, ip: 203.0.113.99 } } }
  - { id: again, atS: 600, name: flash again, techniques: [T0857], action: { do: firmware-upload, on: { ids: [gw-ss-north-1] }, image: { version: v9-evil, hash: 9f2c6a41d0e8b7c35a1e4f60b2d9c7e8, signed: false }, actor: { user: admin, ip: 198.51.100.200 } } }
`,
      40,
    );
    const credentialOf = async (id: string) => (await world.store.state.get<{ hash: string }>('ingest.mqtt-credentials', id))?.hash;
    const before = await credentialOf('ss-north-f1');
    expect((await stepActions(world, 'compromised-field-gateway', 'rotate-bay-credentials'))[0]?.status).toBe('proposed'); // waits for the isolation
    await approveWaiting(world);
    await approveWaiting(world); // the rotation, released once the gateway is off the network
    expect(world.twin.network.isConnected('gw-ss-north-1')).toBe(false);
    expect(device(world, 'ss-north-f1').safeMode).toBe(true);
    expect(device(world, 'gw-ss-north-2').safeMode).toBe(true);
    expect([...world.twin.network.blockedAddresses().keys()]).toContain('203.0.113.99');
    expect(await credentialOf('ss-north-f1')).not.toBe(before);
    expect(world.twin.network.isConnected('ss-north-f1')).toBe(true); // rotated, and back with the new credential
    await world.advance(600_000);
    const second = world.twin.stats().commands;
    expect(second.error).toBeGreaterThan(0); // the second upload found the gateway off the network

    await undoAll(world, 'compromised-field-gateway');
    expect(world.twin.network.isConnected('gw-ss-north-1')).toBe(true);
    expect(device(world, 'ss-north-f1').safeMode).toBe(false);
    expect(world.twin.network.blockedAddresses().has('203.0.113.99')).toBe(false);
    await world.close();
  });
});

describe('device-botnet', () => {
  it('takes a scanning camera off the network until it is let back', async () => {
    const sweep = (id: string, at: number) =>
      `  - { id: ${id}, atS: ${at}, name: telnet sweep, techniques: [T0846], action: { do: network, on: { ids: [cam-murbruecke] }, to: { kinds: [camera] }, dstPort: 23, transport: tcp, protocol: telnet, action: syn } }`;
    const { world, runner } = await attack(
      ['device-botnet'],
      `id: t-mirai
name: mirai sweep
description: a camera scanning others on telnet
models: { incident: test, sources: [test] }
steps:
${sweep('sweep', 0)}
${sweep('sweep-again', 900)}
`,
      30,
    );
    const [isolate] = await stepActions(world, 'device-botnet', 'isolate-camera');
    expect(isolate).toMatchObject({ target: { id: 'cam-murbruecke' }, interruptsService: true, status: 'awaiting-approval' });
    expect(isolate!.cost!.people).toBeGreaterThan(0);
    await approveWaiting(world);
    expect(world.twin.network.isConnected('cam-murbruecke')).toBe(false);
    await world.advance(900_000);
    expect(runner.timeline().find((s) => s.stepId === 'sweep-again')!.outcomes).toEqual({ blocked: 28 });

    await undoAll(world, 'device-botnet');
    expect(world.twin.network.isConnected('cam-murbruecke')).toBe(true);
    await world.close();
  });
});

describe('traffic-signal-tampering', () => {
  it('runs the tampered controller and its district on fixed time, blocks the outside sender, and undoes it', async () => {
    const { world, runner } = await attack(
      ['traffic-signal-tampering'],
      `id: t-signal
name: conflicting greens
description: both approaches forced green through the internet-facing web UI
models: { incident: test, sources: [test] }
steps:
  - { id: force, atS: 0, name: force greens, techniques: [T0855], action: { do: command, on: { ids: [sig-bahnhof] }, command: signal.set-phase, args: { ns: green, ew: green }, actor: { user: admin, ip: 203.0.113.50 }, protocol: http } }
  - { id: again, atS: 600, name: force again, techniques: [T0855], action: { do: command, on: { ids: [sig-bahnhof] }, command: signal.set-phase, args: { ns: green, ew: green }, actor: { user: admin, ip: 203.0.113.50 }, protocol: http } }
`,
      30,
    );
    expect((await stepActions(world, 'traffic-signal-tampering', 'district-fixed-time'))[0]).toMatchObject({ target: { id: 'traffic-downtown' } });
    await approveWaiting(world);
    const sig = device(world, 'sig-bahnhof') as SimDeviceView & { mode: string };
    expect(sig.safeMode).toBe(true);
    expect(sig.mode).toBe('fixed-time');
    expect((device(world, 'sig-hauptplatz') as SimDeviceView & { mode: string }).mode).toBe('fixed-time');
    await world.advance(600_000);
    expect(runner.timeline().find((s) => s.stepId === 'again')!.outcomes).toEqual({ blocked: 1 });

    await undoAll(world, 'traffic-signal-tampering');
    expect(sig.safeMode).toBe(false);
    expect(sig.mode).toBe('coordinated');
    await world.close();
  });
});

describe('water-process-manipulation', () => {
  it('puts dosing back on its safe setpoint and the PLCs on local control, isolates the console, and undoes it', async () => {
    const { world, runner } = await attack(
      ['water-process-manipulation'],
      `id: t-oldsmar
name: caustic soda raised
description: the NaOH setpoint raised from the water HMI
models: { incident: test, sources: [test] }
steps:
  - { id: raise, atS: 0, name: raise NaOH, techniques: [T0836], action: { do: command, on: { ids: [ww-dose-naoh] }, command: dosing.set-setpoint, args: { ppm: 11100 }, actor: { user: ww.operator, host: ww-hmi01, ip: 10.40.0.20 }, protocol: modbus } }
  - { id: again, atS: 600, name: raise again, techniques: [T0836], action: { do: command, on: { ids: [ww-dose-naoh] }, command: dosing.set-setpoint, args: { ppm: 11100 }, actor: { user: ww.operator, host: ww-hmi01, ip: 10.40.0.20 }, protocol: modbus } }
`,
      30,
    );
    const dose = device(world, 'ww-dose-naoh') as SimDeviceView & { setpointPpm: number };
    expect(dose.setpointPpm).toBe(11100);
    expect(world.twin.serviceAvailability().get('water-treatment')).toBe(0);
    await approveWaiting(world);
    expect(dose.setpointPpm).toBeLessThan(1000);
    expect((device(world, 'ww-plc') as SimDeviceView & { mode: string }).mode).toBe('local');
    expect((device(world, 'ww-hmi') as { isolated?: boolean }).isolated).toBe(true);
    expect(world.twin.serviceAvailability().get('water-treatment')).toBeGreaterThan(0.9);
    await world.advance(600_000);
    expect(runner.timeline().find((s) => s.stepId === 'again')!.outcomes).toEqual({ blocked: 1 });

    await undoAll(world, 'water-process-manipulation');
    expect((device(world, 'ww-plc') as SimDeviceView & { mode: string }).mode).toBe('remote');
    expect(dose.safeMode).toBe(false);
    expect((device(world, 'ww-hmi') as { isolated?: boolean }).isolated).toBe(false);
    await world.close();
  });
});

describe('siren-misuse', () => {
  it('silences the siren, hands the network to local activation, and undoes it', async () => {
    const { world } = await attack(
      ['siren-misuse'],
      `id: t-dallas
name: sirens without an order
description: a siren sounded from outside the dispatch centre
models: { incident: test, sources: [test] }
steps:
  - { id: sound, atS: 0, name: sound siren, techniques: [T0855], action: { do: command, on: { ids: [siren-03] }, command: siren.on, args: { durationS: 900 }, actor: { user: unknown, ip: 203.0.113.66 }, protocol: radio } }
`,
      20,
    );
    const siren = device(world, 'siren-03') as SimDeviceView & { active(ctx: unknown): boolean };
    expect(world.twin.readings('siren-03')!['active']).toBe(true);
    expect((await stepActions(world, 'siren-misuse', 'local-activation'))[0]?.status).toBe('proposed');
    await approveWaiting(world);
    await approveWaiting(world); // local activation follows the silencing
    expect(world.twin.readings('siren-03')!['active']).toBe(false);
    expect(siren.safeMode).toBe(true);
    expect(device(world, 'siren-11').safeMode).toBe(true);
    expect(world.twin.command('siren-03', { command: 'siren.on', actor: { ip: '203.0.113.66' } }).result).toBe('rejected');

    await undoAll(world, 'siren-misuse');
    expect(siren.safeMode).toBe(false);
    expect(device(world, 'siren-11').safeMode).toBe(false);
    expect(world.twin.command('siren-03', { command: 'siren.on', args: { ticket: 'T-1' }, actor: { host: 'ls-cad01' } }).result).toBe('ok');
    await world.close();
  });
});

describe('office-ransomware', () => {
  it('isolates the office computer, blocks the command server, disables the new admin, and undoes it', async () => {
    const { world, runner } = await attack(
      ['office-ransomware'],
      `id: t-ransom
name: ransomware precursor
description: macro, beacons and a new domain admin
models: { incident: test, sources: [test] }
steps:
  - { id: macro, atS: 0, name: macro, techniques: [T0863], action: { do: log, on: { ids: [ws-fin-02] }, severity: 4, app: Sysmon, message: 'Process Create: EXCEL.EXE started cmd.exe', attrs: { event_id: 1, parent_image: EXCEL.EXE, image: cmd.exe } } }
  - { id: beacon, atS: 5, name: beacon, techniques: [T0869], action: { do: network, on: { ids: [ws-fin-03] }, dstIp: 203.0.113.77, dstPort: 443, transport: tcp, protocol: https, action: POST, count: 8, everyS: 30 } }
  - { id: admin, atS: 10, name: new admin, techniques: [T0859], action: { do: log, on: { ids: [dc-1] }, severity: 4, app: Microsoft-Windows-Security-Auditing, message: 'A user account was created: svc-sync; member added to Domain Admins', attrs: { event_id: 4720, target_user: svc-sync, subject_user: m.huber, group: Domain Admins } } }
  - { id: beacon-later, atS: 900, name: beacon later, techniques: [T0869], action: { do: network, on: { ids: [ws-fin-03] }, dstIp: 203.0.113.77, dstPort: 443, transport: tcp, protocol: https, action: POST } }
`,
      300,
    );
    await approveWaiting(world);
    const isolated = (id: string) => (device(world, id) as { isolated?: boolean }).isolated;
    expect(isolated('ws-fin-02')).toBe(true);
    expect(isolated('ws-fin-03')).toBe(true);
    expect([...world.twin.network.blockedAddresses().keys()]).toContain('203.0.113.77');
    expect(world.twin.login('dc-1', { user: 'svc-sync', method: 'kerberos', outcome: 'success' })).toBe('failure');
    await world.advance(700_000);
    expect(runner.timeline().find((s) => s.stepId === 'beacon-later')!.outcomes).toEqual({ blocked: 1 });

    await undoAll(world, 'office-ransomware');
    expect(isolated('ws-fin-02')).toBe(false);
    expect(world.twin.network.blockedAddresses().size).toBe(0);
    expect(world.twin.login('dc-1', { user: 'svc-sync', method: 'kerberos', outcome: 'success' })).toBe('success');
    await world.close();
  });
});
