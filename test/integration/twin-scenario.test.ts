// The Ukraine 2015 scenario played on the sample city with a ManualClock and the in-process
// transport: steps fire at their offsets, and their effects are physical and visible.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCityguardError, type DeviceEventMessage, type TelemetryMessage } from '../../src/domain/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import {
  CityTwin,
  DirectDeviceTransport,
  loadScenarioFile,
  loadScenarioText,
  parseScenario,
  ScenarioRunner,
  scenarioStartMs,
  type DeviceMessage,
} from '../../src/operations/twin/index.js';
import techniques from '../../content/attack-ics/techniques.json' with { type: 'json' };

const city = loadCityFile('content/cities/sample-city.yaml');
const scenario = loadScenarioFile('content/scenarios/ukraine-2015.yaml', city);
const WARMUP_MS = 300_000;

async function play() {
  const startMs = scenarioStartMs(scenario, city, Date.UTC(2025, 11, 23, 12, 0));
  const clock = new ManualClock(startMs - WARMUP_MS);
  const messages: DeviceMessage[] = [];
  const twin = new CityTwin({
    city,
    clock,
    transport: new DirectDeviceTransport((m) => messages.push(m)),
    seed: 2015,
  });
  await twin.start();
  clock.advance(WARMUP_MS);
  const runner = new ScenarioRunner({ twin, scenario });
  runner.start();
  const at = (stepId: string) => startMs + scenario.steps.find((s) => s.id === stepId)!.atS * 1000;
  const since = (ms: number, id: string, channel = 'telemetry') =>
    messages.filter((m) => m.assetId === id && m.channel === channel && (m.body as { ts: number }).ts >= ms);
  return { clock, twin, runner, messages, startMs, at, since };
}

describe('ukraine-2015 scenario', () => {
  it('is written for 23:10 local time and uses only ATT&CK for ICS techniques that exist', () => {
    const start = scenarioStartMs(scenario, city, Date.UTC(2025, 11, 23, 12, 0));
    expect(new Date(start).toISOString()).toBe('2025-12-23T22:10:00.000Z'); // 23:10 in Vienna (UTC+1)
    const known = new Set(techniques.techniques.map((t) => t.id));
    expect(scenario.steps.flatMap((s) => s.techniques).filter((t) => !known.has(t))).toEqual([]);
    expect(scenario.id).toBe('ukraine-2015');
  });

  it('fires every step at its offset and records what it did to each target', async () => {
    const { clock, runner, startMs } = await play();
    clock.advance(3_000_000);
    expect(runner.finished).toBe(true);
    const timeline = runner.timeline();
    expect(timeline.map((r) => r.stepId)).toEqual(scenario.steps.map((s) => s.id));
    for (const r of timeline)
      expect(r.firedMs! - startMs, r.stepId).toBe(scenario.steps.find((s) => s.id === r.stepId)!.atS * 1000);
    const outcomes = Object.fromEntries(timeline.map((r) => [r.stepId, r.outcomes]));
    expect(outcomes).toMatchObject({
      'vpn-login': { success: 1 },
      'hmi-takeover': { success: 1 },
      'breakers-open': { ok: 13 },
      'gateway-firmware': { ok: 5 },
      'c2-beacon': { ok: 20 },
      killdisk: { ok: 3 },
    });
  });

  it('the foothold, VPN login and console takeover appear as events on the right hosts', async () => {
    const { clock, since, at } = await play();
    clock.advance(1_300_000);
    const ev = (id: string) => since(0, id, 'events').map((m) => m.body as DeviceEventMessage);
    expect(ev('ws-fin-01')[0]).toMatchObject({
      type: 'log',
      app: 'Sysmon',
      attrs: { parent_image: 'EXCEL.EXE' },
    });
    const beacons = ev('ws-fin-01').filter((e) => e.type === 'network');
    expect(beacons.length).toBeGreaterThan(10);
    expect(beacons[0]).toMatchObject({
      dstIp: '203.0.113.77',
      dstPort: 443,
      srcIp: city.asset('ws-fin-01')!.network.ip,
    });
    const vpn = ev('vpn-gw').find((e) => e.type === 'auth' && e.user === 'a.bauer');
    expect(vpn).toMatchObject({
      outcome: 'success',
      method: 'vpn',
      mfa: false,
      srcIp: '203.0.113.45',
      ts: at('vpn-login'),
    });
    expect(ev('hmi-cc-2').find((e) => e.type === 'auth')).toMatchObject({
      method: 'remote-desktop',
      srcIp: '10.99.0.23',
      outcome: 'success',
    });
    const sweep = ev('fw-itot').filter((e) => e.type === 'network');
    expect(new Set(sweep.map((e) => e.type === 'network' && e.dstIp)).size).toBe(
      city.select({ zones: ['scada-cc'] }).length,
    );
  });

  it('breakers open one by one, loads lose power, then the gateways and their substations fall silent', async () => {
    const { clock, twin, since, at } = await play();
    clock.advance(at('breakers-open') - clock.now() + 245_000);
    const commands = since(at('breakers-open'), 'ss-north-f1', 'events').map((m) => m.body);
    expect(commands[0]).toMatchObject({
      type: 'command',
      command: 'breaker.open',
      result: 'ok',
      actor: { user: 'op2', host: 'cc-op02' },
      protocol: 'iec104',
    });
    for (const f of ['ss-north-f3', 'ss-east-f1', 'ss-south-f1', 'ss-south-f3'])
      expect(twin.readings(f), f).toMatchObject({ closed: false, current_a: 0 });
    expect(twin.readings('ss-downtown-f3')).toMatchObject({ closed: true });
    expect(twin.readings('bs-north-p1')).toMatchObject({ running: false, flow_lps: 0 });
    expect(twin.readings('sig-nord-schule')).toMatchObject({ mode: 'dark' });
    expect(twin.readings('sig-hauptplatz')!['mode']).toBe('coordinated');
    expect(twin.readings('light-north-01')).toBeNull();
    const hospital = since(at('breakers-open'), 'hosp-ups', 'events').map(
      (m) => (m.body as { message?: string }).message,
    );
    expect(hospital).toEqual([
      'Mains failure: load on battery',
      'Standby generator running: load transferred',
    ]);

    const fw = at('gateway-firmware');
    clock.advance(fw - clock.now() + 600_000);
    const gwUpload = since(fw, 'gw-ss-north-1', 'events')[0]!.body;
    expect(gwUpload).toMatchObject({
      type: 'command',
      command: 'firmware.upload',
      args: { signed: false },
      result: 'ok',
    });
    for (const id of ['gw-ss-north-1', 'gw-ss-east-2', 'gw-ss-south-1', 'ss-north-f2', 'relay-ss-east-1']) {
      expect(since(fw + 120_000, id), id).toEqual([]);
    }
    expect(since(fw + 120_000, 'gw-ss-downtown-1').length).toBeGreaterThan(0);
    const rtu = since(fw + 120_000, 'rtu-ss-north').map(
      (m) => (m.body as TelemetryMessage).metrics['points'],
    );
    expect(rtu.every((p) => p === 0)).toBe(true);
  });

  it('floods 112, cuts the control-centre UPS and wipes the consoles', async () => {
    const { clock, twin, since, at } = await play();
    clock.advance(3_000_000);
    const calls = since(at('call-flood') + 300_000, 'dispatch-tel').map(
      (m) => (m.body as TelemetryMessage).metrics['calls_per_min'] as number,
    );
    expect(Math.min(...calls.slice(0, 50))).toBeGreaterThan(100);
    const wiped = since(at('killdisk'), 'hmi-cc-1', 'events').map(
      (m) => (m.body as { message?: string }).message,
    );
    expect(wiped).toEqual(['The Security log was cleared', 'The System log was cleared']);
    expect(since(at('killdisk') + 91_000, 'hmi-cc-1')).toEqual([]);
    expect(since(at('killdisk') + 91_000, 'ws-fin-01')).toEqual([]);
    const upsOff = at('ups-schedule') + 900_000;
    expect(since(upsOff + 1_000, 'scada-srv-1')).toEqual([]);
    expect(since(upsOff - 300_000, 'scada-srv-1').length).toBeGreaterThan(0);
    expect(twin.stats().deviceErrors).toBe(0);
  });

  it('stop() cancels the steps not yet played', async () => {
    const { clock, runner } = await play();
    clock.advance(1_000_000);
    runner.stop();
    clock.advance(3_000_000);
    expect(
      runner
        .timeline()
        .filter((r) => r.firedMs === undefined)
        .map((r) => r.stepId),
    ).toEqual([
      'scada-discovery',
      'hmi-takeover',
      'ups-schedule',
      'breakers-open',
      'call-flood',
      'gateway-firmware',
      'killdisk',
    ]);
  });
});

describe('scenario loading', () => {
  const header = 'id: t\nname: T\ndescription: d\nmodels: { incident: i, sources: [s] }\nsteps:\n';

  it('reports problems of each action against the kind it names, by line', () => {
    const text = `${header}  - id: a\n    atS: 0\n    name: n\n    techniques: [T0855]\n    action: { do: comand, on: {} }\n  - id: b\n    atS: 5\n    name: n\n    techniques: [T1566]\n    action: { do: login, on: { ids: [vpn-gw] }, method: vpn }\n`;
    const r = parseScenario(text, 's.yaml');
    expect(r.ok).toBe(false);
    const lines = !r.ok ? r.problems.map((p) => `${p.line}:${p.path}:${p.message}`) : [];
    expect(lines[0]).toMatch(
      /^10:\/steps\/0\/action\/do:do must be one of "login", "remote-session", "command"/,
    );
    expect(lines).toContain('14:/steps/1/techniques/0:must match pattern "^T0[89][0-9]{2}$"');
    expect(lines).toContain('15:/steps/1/action:missing required field "user"');
  });

  it('checks steps against the city: selectors must match and commands must fit their targets', () => {
    const text = `${header}  - id: a\n    atS: 0\n    name: n\n    techniques: [T0855]\n    action: { do: command, on: { kinds: [signal-controller] }, command: breaker.open, actor: {} }\n  - id: b\n    atS: 1\n    name: n\n    techniques: [T0855]\n    action: { do: wipe, on: { ids: [no-such-host] } }\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'cg-scn-')), 'bad.yaml');
    writeFileSync(file, text);
    try {
      loadScenarioFile(file, city);
      expect.unreachable();
    } catch (err) {
      expect(isCityguardError(err, 'CG_CONTENT_INVALID')).toBe(true);
      const problems = (err as { details: { problems: Array<{ line: number; message: string }> } }).details
        .problems;
      expect(problems.map((p) => `${p.line} ${p.message}`)).toEqual([
        '10 sig-hauptplatz is a signal-controller, which cannot accept breaker.open',
        '15 selects no asset of city "rivenau": ids=no-such-host',
      ]);
    }
    expect(() => loadScenarioText(text, 'ok-without-city.yaml')).not.toThrow();
  });
});

describe('scenario actions', () => {
  const text = `id: all-actions
name: Every action kind the Ukraine scenario does not use
description: Spoofing, replay, password guessing, a firewall flood, a session to an isolated host, and one from a VPN pool address no tunnel holds.
models: { incident: none (test), sources: [this test] }
steps:
  - { id: fixed, atS: 0, name: lie about a level, techniques: [T0856], action: { do: spoof, on: { ids: [res-north] }, mode: fixed, metrics: { level_m: 0.4 }, durationS: 120 } }
  - { id: replay, atS: 0, name: replay pressure, techniques: [T0856], action: { do: spoof, on: { ids: [ps-north-1] }, mode: replay, durationS: 120 } }
  - { id: guess, atS: 10, name: guess passwords, techniques: [T0859], action: { do: login, on: { ids: [vpn-gw] }, user: admin, method: vpn, outcome: failure, srcIp: 203.0.113.9, count: 5, everyS: 2 } }
  - { id: drops, atS: 20, name: flood the firewall, techniques: [T0814], action: { do: flood, on: { ids: [fw-perimeter] }, ratePerMin: 50000, durationS: 60 } }
  - { id: tunnel, atS: 25, name: vpn login, techniques: [T0822], action: { do: login, on: { ids: [vpn-gw] }, user: op1, method: vpn, srcIp: 198.51.100.77, sessionS: 600, attrs: { assigned_ip: 10.99.0.9 } } }
  - { id: session, atS: 30, name: remote session, techniques: [T0886], action: { do: remote-session, on: { ids: [hmi-cc-1, hmi-cc-3] }, user: op1, tool: rdp, fromIp: 10.99.0.9, durationS: 60 } }
  - { id: no-tunnel, atS: 40, name: remote session from a pool address nobody holds, techniques: [T0886], action: { do: remote-session, on: { ids: [hmi-cc-3] }, user: op1, tool: rdp, fromIp: 10.99.0.10, durationS: 60 } }
`;

  it('spoofs, replays, guesses, floods, and finds an isolated host closed', async () => {
    const s = loadScenarioText(text, 'all-actions.yaml', city);
    const clock = new ManualClock(Date.UTC(2025, 11, 23, 9, 0));
    const messages: DeviceMessage[] = [];
    const twin = new CityTwin({
      city,
      clock,
      transport: new DirectDeviceTransport((m) => messages.push(m)),
      seed: 4,
    });
    await twin.start();
    twin.command('hmi-cc-1', { command: 'host.isolate', args: { on: true } });
    const runner = new ScenarioRunner({ twin, scenario: s });
    runner.start();
    clock.advance(200_000);
    const tel = (id: string) =>
      messages
        .filter((m) => m.assetId === id && m.channel === 'telemetry')
        .map((m) => m.body as TelemetryMessage);
    const during = (id: string) => tel(id).filter((b) => b.ts! < clock.now() - 80_000);
    const after = (id: string) => tel(id).filter((b) => b.ts! > clock.now() - 75_000);
    expect(during('res-north').every((b) => b.metrics['level_m'] === 0.4)).toBe(true);
    expect(after('res-north').every((b) => (b.metrics['level_m'] as number) > 3)).toBe(true);
    const replayed = during('ps-north-1');
    expect(new Set(replayed.map((b) => b.metrics['pressure_bar'])).size).toBe(1);
    expect(replayed.map((b) => b.seq)).toEqual(replayed.map((_, i) => replayed[0]!.seq! + i));
    expect(new Set(after('ps-north-1').map((b) => b.metrics['pressure_bar'])).size).toBeGreaterThan(1);
    const guesses = messages
      .filter((m) => m.assetId === 'vpn-gw' && m.channel === 'events')
      .map((m) => m.body as DeviceEventMessage);
    expect(
      guesses
        .filter(
          (e) =>
            e.type === 'auth' && e.user === 'admin' && e.outcome === 'failure' && e.srcIp === '203.0.113.9',
        )
        .map((e) => e.ts),
    ).toEqual([10, 12, 14, 16, 18].map((sec) => runner.startedMs! + sec * 1000));
    const drops = tel('fw-perimeter').filter(
      (b) => b.ts! >= runner.startedMs! + 20_000 && b.ts! < runner.startedMs! + 80_000,
    );
    expect(drops.every((b) => (b.metrics['dropped_per_min'] as number) > 40_000)).toBe(true);
    const session = runner.timeline().find((r) => r.stepId === 'session')!;
    expect(session.outcomes).toEqual({ failure: 1, success: 1 });
    // A VPN pool address exists only inside a tunnel: without one the session never arrives.
    expect(runner.timeline().find((r) => r.stepId === 'no-tunnel')!.outcomes).toEqual({ unreachable: 1 });
    const refused = messages.find(
      (m) => m.assetId === 'hmi-cc-1' && (m.body as DeviceEventMessage).type === 'auth',
    )!.body;
    expect(refused).toMatchObject({
      outcome: 'failure',
      attrs: { tool: 'rdp', reason: 'host isolated from the network' },
    });
  });

  it('a VPN account disabled by response makes the stolen password useless', async () => {
    const clock = new ManualClock(Date.UTC(2025, 11, 23, 22, 0));
    const twin = new CityTwin({ city, clock, transport: new DirectDeviceTransport(), seed: 4 });
    await twin.start();
    expect(twin.command('vpn-gw', { command: 'account.disable', args: { user: 'a.bauer' } })).toEqual({
      result: 'ok',
    });
    const runner = new ScenarioRunner({ twin, scenario });
    runner.start();
    clock.advance(1_000_000);
    expect(runner.timeline().find((r) => r.stepId === 'vpn-login')!.outcomes).toEqual({ failure: 1 });
  });
});
