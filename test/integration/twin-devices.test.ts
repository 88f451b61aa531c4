// The twin's devices on a ManualClock with the in-process transport: what they publish matches the
// domain schemas, a seed replays a run, and devices obey commands with physical consequences.
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import {
  DeviceCommandAck,
  DeviceEventMessage,
  DeviceStatusMessage,
  TELEMETRY_SCHEMAS,
  TelemetryMessage,
  deviceTopic,
  parseDeviceTopic,
  type AssetKind,
} from '../../src/domain/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { CityTwin, DirectDeviceTransport, type DeviceMessage } from '../../src/operations/twin/index.js';

const city = loadCityFile('content/cities/sample-city.yaml');
/** 23 Dec 2025, 10:00 in Vienna (UTC+1). */
const MORNING = Date.UTC(2025, 11, 23, 9, 0);
const operator = { user: 'op1', host: 'cc-op01', ip: '10.20.0.21' };

async function start(seed: number | string = 1, at = MORNING) {
  const clock = new ManualClock(at);
  const messages: DeviceMessage[] = [];
  const transport = new DirectDeviceTransport((m) => messages.push(m));
  const twin = new CityTwin({ city, clock, transport, seed, publishIntervalMs: 5000 });
  await twin.start();
  const cmd = (id: string, command: string, args: Record<string, string | number | boolean> = {}) =>
    twin.command(id, { command, args, actor: operator });
  const telemetry = (id: string) =>
    messages
      .filter((m) => m.assetId === id && m.channel === 'telemetry')
      .map((m) => (m.body as TelemetryMessage).metrics);
  const events = (id: string) =>
    messages
      .filter((m) => m.assetId === id && m.channel === 'events')
      .map((m) => m.body as DeviceEventMessage);
  return {
    clock,
    twin,
    transport,
    messages,
    cmd,
    telemetry,
    events,
    read: (id: string) => twin.readings(id),
  };
}

describe('twin messages', () => {
  it('every device streams within one publish interval, and every message matches its schema and topic', async () => {
    const { clock, messages, cmd, twin } = await start();
    clock.advance(5000);
    const streaming = new Set(messages.filter((m) => m.channel === 'telemetry').map((m) => m.assetId));
    expect(streaming.size).toBe(city.assets.size);
    cmd('ss-north-f2', 'breaker.open');
    cmd('sig-hauptplatz', 'signal.set-phase', { ns: 'green', ew: 'green' });
    cmd('vpn-gw', 'breaker.open');
    twin.login('vpn-gw', { user: 'a.bauer', method: 'vpn', outcome: 'success', srcIp: '203.0.113.45' });
    clock.advance(1_200_000);
    const telemetry = Compile(TelemetryMessage);
    const perKind = new Map(Object.entries(TELEMETRY_SCHEMAS).map(([k, s]) => [k, Compile(s)]));
    const check = {
      events: Compile(DeviceEventMessage),
      'cmd-ack': Compile(DeviceCommandAck),
      status: Compile(DeviceStatusMessage),
    };
    const seen = new Set<string>();
    const bad: string[] = [];
    for (const m of messages) {
      const asset = city.asset(m.assetId)!;
      seen.add(m.channel);
      const ok =
        m.topic === deviceTopic(asset.district, asset.kind, asset.id, m.channel) &&
        parseDeviceTopic(m.topic)?.channel === m.channel &&
        (m.channel === 'telemetry'
          ? telemetry.Check(m.body) &&
            perKind.get(asset.kind as AssetKind)!.Check((m.body as TelemetryMessage).metrics)
          : check[m.channel].Check(m.body));
      if (!ok) bad.push(`${m.topic} ${JSON.stringify(m.body)}`);
    }
    expect(bad).toEqual([]);
    expect(messages.length).toBeGreaterThan(50_000);
    expect([...seen].sort()).toEqual(['cmd-ack', 'events', 'status', 'telemetry']);
  });

  it('replays exactly for the same seed and clock steps, and differs for another seed', async () => {
    const run = async (seed: number) => {
      const t = await start(seed);
      t.clock.advance(600_000);
      t.cmd('ss-south-f3', 'breaker.open');
      t.twin.flood('dispatch-tel', 120, 300);
      t.clock.advance(1_200_000);
      return JSON.stringify(t.messages);
    };
    const a = await run(42);
    expect(await run(42)).toBe(a);
    expect(await run(43)).not.toBe(a);
  });
});

describe('power', () => {
  it('opening a feeder stops what it powers and closing it brings them back', async () => {
    const { clock, cmd, read, telemetry, messages } = await start();
    expect(cmd('bs-hill-p1', 'pump.start').result).toBe('ok');
    clock.advance(5000);
    expect(read('bs-hill-p1')).toMatchObject({ running: true });
    expect(read('ss-south-f3')!['current_a']).toBeGreaterThan(10);
    const light = city
      .select({ kinds: ['street-light'] })
      .find((a) => a.params['feeder'] === 'ss-south-f3')!.id;
    const signal = city
      .select({ kinds: ['signal-controller'] })
      .find((a) => a.params['feeder'] === 'ss-south-f3')!.id;

    expect(cmd('ss-south-f3', 'breaker.open')).toEqual({ result: 'ok' });
    const cut = messages.length;
    clock.advance(30_000);
    expect(read('ss-south-f3')).toMatchObject({ closed: false, current_a: 0, voltage_kv: 0 });
    expect(read('bs-hill-p1')).toMatchObject({ running: false, flow_lps: 0 });
    expect(read(signal)).toMatchObject({ mode: 'dark', phase_ns: 'dark', phase_ew: 'dark' });
    expect(read(light)).toBeNull();
    expect(messages.slice(cut).some((m) => m.assetId === light)).toBe(false);
    expect(read('ss-south-in')!['load_mw']).toBeGreaterThan(0);

    cmd('ss-south-f3', 'breaker.close');
    clock.advance(5000);
    expect(read('bs-hill-p1')).toMatchObject({ running: true });
    expect(telemetry(signal).at(-1)!['mode']).toBe('coordinated');
  });

  it('the hospital rides through on battery, then its generator', async () => {
    const { clock, cmd, events, read } = await start();
    cmd('ss-east-f1', 'breaker.open');
    clock.advance(5000);
    expect(read('hosp-ups')).toMatchObject({ on_battery: true });
    clock.advance(60_000);
    expect(read('hosp-ups')).toMatchObject({ on_battery: false });
    expect(events('hosp-ups').map((e) => (e.type === 'log' ? e.message : e.type))).toEqual([
      'Mains failure: load on battery',
      'Standby generator running: load transferred',
    ]);
    expect(read('cam-klinik-1')).not.toBeNull();
  });

  it('a scheduled UPS shutdown silences the control-centre hosts it powers', async () => {
    const { clock, cmd, read } = await start();
    expect(cmd('cc-ups', 'ups.schedule-shutdown', { delayS: 60 }).result).toBe('ok');
    expect(read('cc-ups')).toMatchObject({ shutdown_scheduled: true });
    clock.advance(59_000);
    expect(read('hmi-cc-1')).not.toBeNull();
    clock.advance(2_000);
    expect(read('hmi-cc-1')).toBeNull();
    expect(read('scada-srv-1')).toBeNull();
  });

  it('a breaker in safe mode refuses remote switching until safe mode is lifted', async () => {
    const { cmd, read } = await start();
    cmd('ss-north-f1', 'device.safe-mode', { on: true });
    expect(cmd('ss-north-f1', 'breaker.open')).toEqual({
      result: 'rejected',
      reason: 'device is in safe mode: remote control refused',
    });
    expect(read('ss-north-f1')).toMatchObject({ closed: true, mode: 'local' });
    cmd('ss-north-f1', 'device.safe-mode', { on: false });
    expect(cmd('ss-north-f1', 'breaker.open').result).toBe('ok');
  });

  it('switching an opened breaker to manual sends a crew that closes it by hand half an hour later', async () => {
    const { clock, cmd, read } = await start();
    cmd('ss-north-f1', 'breaker.open');
    clock.advance(60_000);
    cmd('ss-north-f1', 'device.safe-mode', { on: true });
    clock.advance(29 * 60_000);
    expect(read('ss-north-f1')).toMatchObject({ closed: false, voltage_kv: 0, mode: 'local' });
    clock.advance(2 * 60_000);
    expect(read('ss-north-f1')).toMatchObject({ closed: true, mode: 'local' });
    expect(read('ss-north-f1')!['voltage_kv']).toBeGreaterThan(0);
  });

  it('the station to local control through its RTU sends a crew that closes breakers whose gateway is destroyed', async () => {
    const { clock, cmd, read, twin } = await start();
    expect(cmd('bs-hill-p1', 'pump.start').result).toBe('ok');
    cmd('ss-south-f3', 'breaker.open');
    const gateway = city.assets.get('ss-south-f3')!.params['gateway'] as string;
    twin.command(gateway, { command: 'firmware.upload', args: { version: 'evil', hash: 'deadbeefdeadbeef', signed: false } }, { bricks: true });
    clock.advance(60_000);
    expect(read('ss-south-f3')).toBeNull();
    expect(read('bs-hill-p1')).toMatchObject({ running: false });
    expect(cmd('ss-south-f3', 'device.safe-mode', { on: true })).toEqual({ result: 'error', reason: 'device unreachable' });
    expect(cmd('rtu-ss-south', 'device.safe-mode', { on: true }).result).toBe('ok');
    clock.advance(29 * 60_000);
    expect(read('bs-hill-p1')).toMatchObject({ running: false });
    clock.advance(2 * 60_000);
    expect(read('bs-hill-p1')).toMatchObject({ running: true });
    expect(read('ss-south-f3')).toBeNull();
  });

  it('lifting manual before the crew arrives calls it back: the breaker stays as remote control left it', async () => {
    const { clock, cmd, read } = await start();
    cmd('ss-north-f2', 'breaker.open');
    cmd('ss-north-f2', 'device.safe-mode', { on: true });
    clock.advance(10 * 60_000);
    cmd('ss-north-f2', 'device.safe-mode', { on: false });
    clock.advance(30 * 60_000);
    expect(read('ss-north-f2')).toMatchObject({ closed: false, mode: 'remote' });
  });

  it('an unsigned image is refused by a gateway that checks signatures and bricks one that does not', async () => {
    const { clock, cmd, read, twin } = await start();
    const image = { version: 'evil', hash: 'deadbeefdeadbeef', signed: false };
    expect(cmd('gw-ss-downtown-1', 'firmware.upload', image)).toEqual({
      result: 'rejected',
      reason: 'image signature check failed',
    });
    const pointsBefore = read('rtu-ss-north')!['points'] as number;
    expect(read('ss-north-f1')).not.toBeNull();
    expect(
      twin.command('gw-ss-north-1', { command: 'firmware.upload', args: image }, { bricks: true }).result,
    ).toBe('ok');
    clock.advance(600_000);
    expect(read('gw-ss-north-1')).toBeNull();
    expect(read('ss-north-f1')).toBeNull();
    expect(read('rtu-ss-north')!['points'] as number).toBeLessThan(pointsBefore);
    expect(cmd('ss-north-f1', 'breaker.open')).toEqual({ result: 'error', reason: 'device unreachable' });
  });

  it('a device reboots into a new image and reports its fingerprint', async () => {
    const { clock, cmd, read } = await start();
    expect(
      cmd('gw-ss-north-2', 'firmware.upload', { version: '3.11', hash: '0123456789abcdef', signed: false })
        .result,
    ).toBe('ok');
    expect(read('gw-ss-north-2')).toBeNull();
    clock.advance(31_000);
    expect(read('gw-ss-north-2')).toMatchObject({ link_up: true, firmware_hash: '0123456789abcdef' });
  });
});

describe('traffic, water, emergency', () => {
  it('signals cycle without conflict; forced conflicting greens trip the monitor into red flash', async () => {
    const { clock, cmd, telemetry, events } = await start();
    clock.advance(300_000);
    const normal = telemetry('sig-hauptplatz');
    expect(normal.some((m) => m['phase_ns'] === 'green')).toBe(true);
    expect(normal.some((m) => m['phase_ew'] === 'green')).toBe(true);
    expect(normal.every((m) => !(m['phase_ns'] === 'green' && m['phase_ew'] === 'green'))).toBe(true);
    cmd('sig-hauptplatz', 'signal.set-phase', { ns: 'green', ew: 'green' });
    clock.advance(5000);
    expect(telemetry('sig-hauptplatz').at(-1)).toMatchObject({
      mode: 'flashing',
      phase_ns: 'flashing-red',
      phase_ew: 'flashing-red',
      conflict: true,
    });
    expect(
      events('sig-hauptplatz').some((e) => e.type === 'log' && e.app === 'mmu' && e.severity === 2),
    ).toBe(true);
    cmd('sig-hauptplatz', 'signal.set-mode', { mode: 'flashing' });
    clock.advance(5000);
    expect(telemetry('sig-hauptplatz').at(-1)).toMatchObject({
      mode: 'flashing',
      phase_ns: 'flashing-yellow',
      conflict: false,
    });
  });

  it('a tank level follows pump inflow minus demand, and its PLC keeps it in the band', async () => {
    const { clock, cmd, twin } = await start();
    const tank = () => twin.device('res-north') as unknown as { levelM: number };
    cmd('res-north-v-out', 'valve.set', { openPct: 0 });
    cmd('bs-north-p1', 'pump.start');
    cmd('bs-north-p2', 'pump.start');
    const before = tank().levelM;
    clock.advance(600_000);
    // Two 50 l/s pumps into 500 m² for 600 s with the outlet shut: 60 m³ → 0.12 m.
    expect(tank().levelM - before).toBeCloseTo(0.12, 6);
    cmd('bs-north-p1', 'pump.auto');
    cmd('bs-north-p2', 'pump.auto');
    const level = tank().levelM;
    expect(
      cmd('bs-north-plc', 'plc.set-levels', { startLevelM: level + 0.05, stopLevelM: level + 0.1 }).result,
    ).toBe('ok');
    clock.advance(2_000);
    expect(twin.readings('bs-north-p1')).toMatchObject({ running: true });
    clock.advance(600_000);
    expect(twin.readings('bs-north-p1')).toMatchObject({ running: false });
    expect(tank().levelM).toBeGreaterThan(level + 0.1);
    expect(tank().levelM).toBeLessThan(level + 0.11);
  });

  it('a dosing setpoint raised a hundredfold shows in the dosing rate and the pH', async () => {
    const { clock, cmd, read } = await start();
    for (const p of ['ww-well-p1', 'ww-well-p2', 'ww-well-p3']) cmd(p, 'pump.start');
    clock.advance(10_000);
    const normal = read('ww-dose-naoh')!;
    expect(normal['rate_lph']).toBeGreaterThan(0);
    expect(normal['ph']).toBeGreaterThan(7.2);
    expect(normal['ph']).toBeLessThan(8);
    cmd('ww-dose-naoh', 'dosing.set-setpoint', { ppm: 2500 });
    clock.advance(1_000);
    const dosed = read('ww-dose-naoh')!;
    expect((dosed['rate_lph'] as number) / (normal['rate_lph'] as number)).toBeCloseTo(100, 0);
    expect(dosed['ph']).toBeGreaterThan(10);
  });

  it('a siren sounds for the asked time, never beyond its program, and reports its ticket', async () => {
    const { clock, cmd, read, events } = await start();
    cmd('siren-01', 'siren.on', { durationS: 60, ticket: 'E-2025-4711' });
    expect(read('siren-01')).toMatchObject({ active: true });
    clock.advance(61_000);
    expect(read('siren-01')).toMatchObject({ active: false });
    cmd('siren-02', 'siren.on', { durationS: 3600 });
    clock.advance(181_000);
    expect(read('siren-02')).toMatchObject({ active: false });
    expect(events('siren-01').find((e) => e.type === 'log')).toMatchObject({
      attrs: { ticket: 'E-2025-4711', duration_s: 60 },
    });
  });

  it('a call flood raises calls per minute and builds a queue at the dispatch centre', async () => {
    const { clock, twin, read } = await start();
    clock.advance(300_000);
    expect(read('dispatch-tel')!['calls_per_min']).toBeLessThan(20);
    expect(twin.flood('dispatch-tel', 240, 600)).toBe(true);
    clock.advance(300_000);
    expect(read('dispatch-tel')!['calls_per_min']).toBeGreaterThan(150);
    expect(read('dispatch-tel')!['queue']).toBeGreaterThan(500);
    expect(twin.flood('siren-01', 10, 10)).toBe(false);
  });

  it('street lights are off at noon and on, dimmed, late at night', async () => {
    const noon = await start(1, Date.UTC(2025, 11, 23, 11, 0));
    noon.clock.advance(5000);
    expect(noon.read('light-downtown-01')).toMatchObject({ on: false, power_w: 0 });
    const night = await start(1, Date.UTC(2025, 11, 23, 23, 30));
    night.clock.advance(5000);
    expect(night.read('light-downtown-01')).toMatchObject({ on: true, dim_pct: 50 });
    expect(night.read('light-downtown-01')!['power_w']).toBeGreaterThan(0);
  });
});

describe('options', () => {
  it('refuses an impossible publish interval or tick with CG_TWIN_INVALID_OPTION', () => {
    const base = { city, clock: new ManualClock(MORNING), transport: new DirectDeviceTransport() };
    expect(() => new CityTwin({ ...base, publishIntervalMs: 0 })).toThrow(
      expect.objectContaining({ code: 'CG_TWIN_INVALID_OPTION' }),
    );
    expect(() => new CityTwin({ ...base, publishIntervalMs: 1000, tickMs: 5000 })).toThrow(
      /tickMs is invalid: 5000/,
    );
  });
});

describe('commands', () => {
  it('reports each command with its sender on the events channel and answers on cmd-ack', async () => {
    const { messages, transport } = await start();
    expect(
      transport.sendCommand('ss-north-f2', { id: 'c-1', command: 'breaker.open', actor: operator }),
    ).toBe(true);
    const [event, ack] = messages.slice(-2);
    expect(event).toMatchObject({
      channel: 'events',
      body: { type: 'command', command: 'breaker.open', actor: operator, result: 'ok' },
    });
    expect(ack).toMatchObject({
      channel: 'cmd-ack',
      body: { id: 'c-1', command: 'breaker.open', result: 'ok' },
    });
  });

  it('rejects commands of the wrong kind, answers malformed ones, and counts both', async () => {
    const { transport, messages, twin } = await start();
    transport.sendCommand('ss-north-f2', { command: 'signal.set-mode', args: { mode: 'flashing' } });
    expect(messages.at(-1)!.body).toMatchObject({
      command: 'signal.set-mode',
      result: 'rejected',
      reason: 'a breaker does not accept signal.set-mode',
    });
    transport.sendCommand('ss-north-f2', { command: 'breaker.open', extra: 1 });
    transport.sendCommand('ss-north-f2', 'open please');
    expect(messages.at(-1)!.body).toMatchObject({
      command: '(unreadable)',
      result: 'rejected',
      reason: 'malformed command message',
    });
    expect(twin.command('no-such-device', { command: 'breaker.open' })).toEqual({
      result: 'error',
      reason: 'no simulated device "no-such-device"',
    });
    expect(twin.readings('ss-north-f2')).toMatchObject({ closed: true });
    expect(twin.stats()).toMatchObject({ malformedCommands: 2, commands: { ok: 0, rejected: 1, error: 1 } });
  });
});
