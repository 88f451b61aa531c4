// The scenario actions added for the library, played on the sample city's twin: ransomware service
// stops and rename storms (and when containment spares a host), camera floods, timing-plan uploads,
// repeated commands and scans of many addresses.
import { describe, expect, it } from 'vitest';
import type { DeviceEventMessage, DeviceLogEventBody, TelemetryMessage } from '../../../domain/index.js';
import { ManualClock } from '../../../platform/clock/index.js';
import { loadCityFile } from '../../../platform/content/index.js';
import { CityTwin } from '../city-twin.js';
import { DirectDeviceTransport, type DeviceMessage } from '../transport/direct-device-transport.js';
import { loadScenarioText } from './load-scenario.js';
import { ScenarioRunner } from './scenario-runner.js';

const city = loadCityFile('content/cities/sample-city.yaml');
/** Saturday 20 Dec 2025, 05:00 in Vienna. */
const DAWN = Date.UTC(2025, 11, 20, 4, 0);

async function playSteps(steps: string, beforeStart?: (twin: CityTwin) => void) {
  const clock = new ManualClock(DAWN);
  const messages: DeviceMessage[] = [];
  const twin = new CityTwin({ city, clock, transport: new DirectDeviceTransport((m) => messages.push(m)), seed: 3 });
  await twin.start();
  beforeStart?.(twin);
  const scenario = loadScenarioText(
    `id: t\nname: t\ndescription: t\nmodels: { incident: t, sources: [t] }\nsteps:\n${steps}`,
    'test.yaml',
    city,
  );
  const runner = new ScenarioRunner({ twin, scenario });
  runner.start();
  for (let i = 0; i < 120 && !runner.finished; i++) clock.advance(60_000);
  const events = (id: string) =>
    messages.filter((m) => m.assetId === id && m.channel === 'events').map((m) => m.body as DeviceEventMessage);
  const logs = (id: string) => events(id).filter((e): e is DeviceLogEventBody => e.type === 'log');
  const telemetry = (id: string) =>
    messages.filter((m) => m.assetId === id && m.channel === 'telemetry').map((m) => (m.body as TelemetryMessage).metrics);
  return { twin, runner, events, logs, telemetry, clock };
}

const encrypt = (on: string, actor = '') => `  - id: enc
    atS: 0
    name: encrypt
    techniques: [T0828]
    action: { do: encrypt-files, on: ${on}, extension: .locked, filesPerMin: 1200, durationS: 30, note: README.txt, process: x.exe, spreadS: 60${actor} }
`;

describe('encrypt-files', () => {
  it('makes each host report rename batches and its ransom note, then stop working', async () => {
    const { runner, logs, twin } = await playSteps(encrypt('{ ids: [fs-1, app-1] }'));
    const renames = logs('fs-1').filter((l) => l.attrs?.['action'] === 'rename');
    expect(renames).toHaveLength(3);
    expect(renames[0]!.attrs).toMatchObject({ files_renamed: 200, extension: '.locked', process: 'x.exe' });
    expect(logs('fs-1').some((l) => l.attrs?.['file'] === 'README.txt')).toBe(true);
    expect(runner.timeline()[0]!.outcomes).toEqual({ encrypted: 2 });
    expect(twin.readings('fs-1')).toBeNull();
    expect(twin.readings('app-1')).toBeNull();
  });

  it('spares a host that is isolated before its turn', async () => {
    const { runner, logs, twin } = await playSteps(encrypt('{ ids: [fs-1, app-1] }'), (t) =>
      t.command('app-1', { command: 'host.isolate', args: { on: true } }),
    );
    expect(runner.timeline()[0]!.outcomes).toEqual({ encrypted: 1, blocked: 1 });
    expect(logs('app-1').filter((l) => l.attrs?.['action'] === 'rename')).toEqual([]);
    expect(twin.readings('app-1')).not.toBeNull();
  });

  it('spares every host once the host it is pushed from is cut off', async () => {
    const { runner, twin } = await playSteps(encrypt('{ ids: [fs-1, app-1] }', ', actor: { host: rv-jump01 }'), (t) =>
      t.command('jump-1', { command: 'host.isolate', args: { on: true } }),
    );
    expect(runner.timeline()[0]!.outcomes).toEqual({ blocked: 2 });
    expect(twin.readings('fs-1')).not.toBeNull();
  });
});

describe('stop-services', () => {
  it('logs Service Control Manager event 7036 for each service, with who stopped it', async () => {
    const { logs, runner } = await playSteps(`  - id: stop
    atS: 0
    name: stop
    techniques: [T0881]
    action: { do: stop-services, on: { ids: [fs-1] }, services: [MSSQLSERVER, VeeamBackupSvc], actor: { user: 'RIVENAU\\x' }, spreadS: 30 }
`);
    const stops = logs('fs-1').filter((l) => l.attrs?.['event_id'] === 7036);
    expect(stops.map((l) => [l.attrs?.['service'], l.attrs?.['user']])).toEqual([
      ['MSSQLSERVER', 'RIVENAU\\x'],
      ['VeeamBackupSvc', 'RIVENAU\\x'],
    ]);
    expect(stops[0]!.message).toBe('The MSSQLSERVER service entered the stopped state.');
    expect(runner.timeline()[0]!.outcomes).toEqual({ ok: 2 });
  });
});

describe('camera floods, timing plans, repeats and scans', () => {
  it('a flooding camera reports thousands of outbound connections a minute, then calms down', async () => {
    const { telemetry, clock } = await playSteps(`  - id: f
    atS: 0
    name: flood
    techniques: [T0814]
    action: { do: flood, on: { ids: [cam-murbruecke] }, ratePerMin: 5000, durationS: 120 }
`);
    clock.advance(60_000);
    const during = telemetry('cam-murbruecke').map((m) => m['conns_out_per_min'] as number);
    expect(during.length).toBeGreaterThan(0);
    expect(Math.min(...during)).toBeGreaterThanOrEqual(5000);
    clock.advance(120_000);
    expect(telemetry('cam-murbruecke').at(-1)!['conns_out_per_min']).toBeLessThan(100);
  });

  it('a signal controller takes a valid timing plan and refuses a bad one', async () => {
    const { twin } = await playSteps(`  - id: p
    atS: 0
    name: plan
    techniques: [T0836]
    action: { do: command, on: { ids: [sig-bahnhof] }, command: signal.set-plan, args: { cycleS: 180, splitNs: 0.2 }, actor: { ip: 198.51.100.73 } }
`);
    expect(twin.readings('sig-bahnhof')!['cycle_s']).toBe(180);
    const plan = (args: Record<string, number>) => twin.command('sig-bahnhof', { command: 'signal.set-plan', args }).result;
    expect(plan({ cycleS: 5 })).toBe('rejected');
    expect(plan({ splitNs: 0.95 })).toBe('rejected');
    expect(plan({ offsetS: 200 })).toBe('rejected');
    expect(plan({})).toBe('rejected');
    expect(twin.readings('sig-bahnhof')!['cycle_s']).toBe(180);
  });

  it('repeats a command count times and reports one connection per scanned address', async () => {
    const { runner, events } = await playSteps(`  - id: s
    atS: 0
    name: sirens
    techniques: [T0855]
    action: { do: command, on: { ids: [siren-01] }, command: siren.on, args: { durationS: 30 }, actor: {}, count: 3, everyS: 90 }
  - id: scan
    atS: 0
    name: scan
    techniques: [T0846]
    action: { do: network, on: { ids: [fw-perimeter] }, srcIp: 10.60.10.12, dstIps: [192.0.2.1, 192.0.2.2, 192.0.2.3], dstPort: 23 }
`);
    expect(runner.timeline().map((r) => r.outcomes)).toEqual([{ ok: 3 }, { ok: 3 }]);
    expect(events('siren-01').filter((e) => e.type === 'command')).toHaveLength(3);
    const flows = events('fw-perimeter').filter((e) => e.type === 'network');
    expect(flows.map((e) => (e.type === 'network' ? e.dstIp : ''))).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3']);
  });
});

describe('remote-session', () => {
  const hop = `  - { id: vpn, atS: 0, name: vpn, techniques: [T0822], action: { do: login, on: { ids: [vpn-gw] }, user: p.lindner, method: vpn, srcIp: 91.92.109.44, sessionS: 3600, attrs: { assigned_ip: 10.99.0.61 } } }
  - { id: jump, atS: 60, name: onto the jump host, techniques: [T0886], action: { do: remote-session, on: { ids: [jump-1] }, user: p.lindner, tool: rdp, fromIp: 10.99.0.61, durationS: 600 } }
  - { id: onward, atS: 120, name: from the jump host onto the historian, techniques: [T0886], action: { do: remote-session, on: { ids: [historian] }, user: p.lindner, tool: rdp, fromIp: 172.16.10.20, durationS: 600 } }
`;
  const outcomes = (runner: ScenarioRunner) => Object.fromEntries(runner.timeline().map((r) => [r.stepId, r.outcomes]));

  it('moves on from a host the attacker reached', async () => {
    const { runner } = await playSteps(hop);
    expect(outcomes(runner)).toMatchObject({ jump: { success: 1 }, onward: { success: 1 } });
  });

  it('cannot move on from a host the attacker never reached: a blocked VPN source leaves the jump host and everything behind it out of reach', async () => {
    const { runner } = await playSteps(hop, (t) => void t.network.block('91.92.109.44'));
    expect(outcomes(runner)).toMatchObject({ vpn: { unreachable: 1 }, jump: { unreachable: 1 }, onward: { blocked: 1 } });
  });
});
