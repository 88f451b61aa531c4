// How the warning sirens count in service availability: a false alarm is the warning service failing
// for the people in earshot — while it sounds and, fading, after it — and it sends them to 112; a
// siren in safe mode is on local activation at its box, at the service's fallback capacity.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import { CityTwin } from './city-twin.js';
import type { DispatchServer } from './devices/emergency-devices.js';
import { DirectDeviceTransport } from './transport/direct-device-transport.js';

const city = loadCityFile('content/cities/sample-city.yaml');
const SIRENS = city.city.assets.filter((a) => a.kind === 'siren').map((a) => a.id);
/** The siren service's capacity on local activation, from the city file. */
const LOCAL = (city.services.get('sirens')!.fallback?.capacityPct ?? 0) / 100;

async function nightTwin() {
  const clock = new ManualClock(Date.UTC(2025, 11, 23, 22, 30)); // 23:30 in Vienna
  const twin = new CityTwin({ city, clock, transport: new DirectDeviceTransport(), seed: 7 });
  await twin.start();
  clock.advance(120_000);
  const share = (id: string) => twin.serviceAvailability().get(id)!;
  const callsFromAlarm = () => (twin.device('dispatch-tel') as DispatchServer).publicAlarmCallsPerMin() + (twin.device('dispatch-cad') as DispatchServer).publicAlarmCallsPerMin();
  return { twin, clock, share, callsFromAlarm };
}

describe('sirens in service availability', () => {
  it('counts a false alarm of every siren as the warning service failing, sends people to 112, and fades after it stops', async () => {
    const { twin, clock, share, callsFromAlarm } = await nightTwin();
    expect(share('sirens')).toBeGreaterThan(0.99);
    expect(callsFromAlarm()).toBe(0);
    for (const id of SIRENS) expect(twin.command(id, { command: 'siren.on', args: { durationS: 120 } }).result).toBe('ok');
    clock.advance(60_000);
    // Only the dispatch server of the siren service still counts: 1 of 13 devices.
    expect(share('sirens')).toBeLessThan(0.1);
    // Everyone in earshot (the 178,000 the service covers) calls at Dallas's rate: about 7 calls a minute.
    expect(callsFromAlarm()).toBeCloseTo((178_000 * 800) / 15 / 1_300_000, 1);
    clock.advance(90_000); // sound over
    const justAfter = share('sirens');
    expect(justAfter).toBeGreaterThan(0.05);
    expect(justAfter).toBeLessThan(0.3);
    clock.advance(600_000);
    expect(share('sirens')).toBeGreaterThan(justAfter);
    expect(share('sirens')).toBeLessThan(0.8); // ten minutes later a third are still alarmed
    expect(callsFromAlarm()).toBeGreaterThan(0);
    clock.advance(3_600_000);
    expect(share('sirens')).toBeGreaterThan(0.99);
    expect(callsFromAlarm()).toBe(0);
    await twin.stop();
  });

  it('does not count a warning dispatch ordered under a ticket', async () => {
    const { twin, clock, share, callsFromAlarm } = await nightTwin();
    twin.command('siren-09', { command: 'siren.on', args: { durationS: 60, ticket: 'E-2025-1208' } });
    clock.advance(30_000);
    expect(twin.readings('siren-09')).toMatchObject({ active: true });
    expect(share('sirens')).toBeGreaterThan(0.99);
    expect(callsFromAlarm()).toBe(0);
    await twin.stop();
  });

  it('counts sirens in safe mode at the service’s local-activation capacity, not as lost', async () => {
    const { twin, clock, share } = await nightTwin();
    for (const id of SIRENS) expect(twin.command(id, { command: 'device.safe-mode', args: { on: true } }).result).toBe('ok');
    clock.advance(60_000);
    expect(LOCAL).toBe(0.7);
    expect(share('sirens')).toBeCloseTo((SIRENS.length * LOCAL + 1) / (SIRENS.length + 1), 2);
    await twin.stop();
  });
});
