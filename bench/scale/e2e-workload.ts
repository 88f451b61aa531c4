// The benchmark's events: what the city twin's devices send (seed 2015, the sample city, quiet
// operation — mostly telemetry, as a real city's stream is), generated once on a ManualClock and
// then re-sent with fresh ids and the current time, so rules see them as live and latency is
// measured from the moment each is handed to the bus.
import type { Event } from '../../src/domain/index.js';
import { DeviceMessageNormalizer, DeviceRegistry, EventIdGenerator } from '../../src/engines/ingest/index.js';
import { CityTwin, DirectDeviceTransport, type DeviceMessage } from '../../src/operations/twin/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';

/** `count` events of the sample city's twin, in the order its devices sent them. */
export async function twinEvents(count: number): Promise<Event[]> {
  const city = loadCityFile('content/cities/sample-city.yaml');
  const clock = new ManualClock(Date.UTC(2025, 5, 3, 8, 0));
  const store = await SqliteStore.open({ path: ':memory:' });
  await store.migrate();
  const normalizer = new DeviceMessageNormalizer(await DeviceRegistry.open(city, store.state, () => clock.now()), clock, new EventIdGenerator('bench'));
  const events: Event[] = [];
  const twin = new CityTwin({
    city, clock, seed: 2015,
    transport: new DirectDeviceTransport((m: DeviceMessage) => {
      const r = normalizer.normalize(m.topic, JSON.stringify(m.body), 'twin');
      if (r.ok === true) events.push(r.event as Event);
    }),
  });
  await twin.start();
  while (events.length < count) clock.advance(10_000);
  await twin.stop();
  await store.close();
  return events.slice(0, count);
}

/** The event to send now: a fresh id, and the current time as event and receive time. */
export function live(e: Event, id: string): Event {
  const now = Date.now();
  return { ...e, id, ts: now, receivedTs: now };
}

/**
 * Sends every event through `publish`, keeping at most `window` unconfirmed; with `ratePerS`,
 * no faster than that. Resolves when all were confirmed.
 */
export async function offer(events: readonly Event[], runId: string, window: number, publish: (e: Event) => Promise<void>, ratePerS?: number): Promise<void> {
  let inFlight = 0;
  let room: (() => void) | undefined;
  let failure: unknown;
  const settled = () => {
    inFlight--;
    room?.();
    room = undefined;
  };
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) {
    if (failure) throw failure;
    if (ratePerS !== undefined) {
      const dueMs = (i / ratePerS) * 1000 - (performance.now() - t0);
      if (dueMs > 1) await new Promise((resolve) => setTimeout(resolve, dueMs));
    }
    if (inFlight >= window) await new Promise<void>((resolve) => (room = resolve));
    inFlight++;
    publish(live(events[i]!, `${runId}-${i}`)).then(settled, (error: unknown) => {
      failure = error;
      settled();
    });
  }
  while (inFlight > 0) await new Promise<void>((resolve) => (room = resolve));
  if (failure) throw failure;
}
