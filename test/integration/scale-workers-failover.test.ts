// The promise of scale-out detection, on the real NATS and PostgreSQL: the city twin plays the
// Ukraine 2015 attack (ManualClock, seed 2015) into the NATS event stream; two `cityguard worker`
// processes split its partitions; in the middle of the attack one of them is killed with SIGKILL.
// The survivor takes its partitions over from their last snapshots. In the end every event was
// processed exactly once by the partitions' state (snapshot counters), and the alerts in PostgreSQL
// are exactly those of one rule engine in one process fed the same events — each stored once and
// published once. Time advances in 10-second steps and each step is handled before the next, so
// rules that span partitions see events in the same order as the single engine.
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, Event, RuntimeConfig } from '../../src/domain/index.js';
import { declareDetectionGroups, loadRuntimeConfig } from '../../src/app/runtime/index.js';
import { loadRules, loadTechniqueTable, RuleEngine } from '../../src/engines/detection/index.js';
import { DeviceMessageNormalizer, DeviceRegistry, EventIdGenerator } from '../../src/engines/ingest/index.js';
import { CityTwin, DirectDeviceTransport, loadScenarioFile, ScenarioRunner, scenarioStartMs, type DeviceMessage } from '../../src/operations/twin/index.js';
import { NatsBus, TOPICS } from '../../src/platform/bus/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { PostgresStore } from '../../src/platform/store/index.js';
import { SERVICES, servicesAvailable } from '../support/services.js';
import { removeScaleRun, scaleRun, spawnWorker, waitFor, type WorkerProcess } from './scale-worker-support.js';

const up = await servicesAvailable('nats', 'postgres');
const run = scaleRun('failover');
const STEP_MS = 10_000;
const QUIET_MS = 2 * 60_000;
const ATTACK_MS = 45 * 60_000;
/** Killed 60 s after the breakers start opening (scenario step `breakers-open`, atS 1500). */
const KILL_AT_MS = QUIET_MS + 1560_000;

const workers: WorkerProcess[] = [];
afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  if (up) await removeScaleRun(run);
});

/** Waits until both detection topics owe nothing on any partition: every event handled and checkpointed. */
async function settled(bus: NatsBus, partitions: number): Promise<boolean> {
  for (const topic of [TOPICS.eventReceived, TOPICS.eventRouted]) {
    const lag = await bus.cluster.lag(topic, 'detect');
    if (lag.length < partitions || lag.some((l) => l.pending + l.ackPending > 0)) return false;
  }
  return true;
}

async function owned(w: WorkerProcess): Promise<number[]> {
  const res = await fetch(`${w.url}/status`).catch(() => undefined);
  if (!res?.ok) return [];
  return ((await res.json()) as { partitions: Array<{ partition: number }> }).partitions.map((p) => p.partition);
}

describe.skipIf(!up)('detection workers surviving SIGKILL in the middle of an attack', () => {
  it('processes every event once and raises exactly the single-process alerts, each once', { timeout: 15 * 60_000 }, async () => {
    const config: RuntimeConfig = loadRuntimeConfig(run.configPath);
    const city = loadCityFile(config.city);
    const scenario = loadScenarioFile('content/scenarios/ukraine-2015.yaml', city);
    const rules = loadRules('content/rules', loadTechniqueTable()).rules;
    const bus = await NatsBus.open({ url: SERVICES.nats.url, partitions: 4, streamPrefix: run.streamPrefix, duplicateWindowMs: 1_200_000 });
    const store = new PostgresStore({ url: SERVICES.postgres.url, schema: run.schema });
    await store.migrate();
    await declareDetectionGroups(bus, 1_000_000);
    const alertIdsOnBus: string[] = [];
    bus.subscribe<Alert>(TOPICS.alertRaised, (batch) => void alertIdsOnBus.push(...batch.map((a) => a.id)), { group: 'alerts-watch' });

    workers.push(await spawnWorker(run, 'wA'));
    await waitFor(async () => (await owned(workers[0]!)).length === 4, 'the first worker to own all four partitions');
    workers.push(await spawnWorker(run, 'wB'));
    await waitFor(async () => (await owned(workers[0]!)).length === 2 && (await owned(workers[1]!)).length === 2, 'two partitions each');

    // The single-process reference runs on the very events the workers get.
    const startMs = scenarioStartMs(scenario, city, Date.UTC(2025, 11, 23, 12, 0));
    const clock = new ManualClock(startMs - QUIET_MS);
    const reference: Alert[] = [];
    const engine = new RuleEngine({ rules, city, clock, onAlert: (a) => reference.push(a) });
    const normalizer = new DeviceMessageNormalizer(await DeviceRegistry.open(city, store.state, () => clock.now()), clock, new EventIdGenerator('tw'));
    let step: Event[] = [];
    const twin = new CityTwin({
      city, clock, seed: 2015,
      transport: new DirectDeviceTransport((m: DeviceMessage) => {
        const r = normalizer.normalize(m.topic, JSON.stringify(m.body), 'twin');
        if (r.ok !== true) return;
        step.push(r.event as Event);
        engine.process([r.event as Event]);
      }),
    });
    await twin.start();
    engine.start();
    let published = 0;
    let killed: WorkerProcess | undefined;
    let scenarioStarted = false;
    for (let at = 0; at < QUIET_MS + ATTACK_MS; at += STEP_MS) {
      if (!scenarioStarted && at >= QUIET_MS) {
        new ScenarioRunner({ twin, scenario }).start();
        scenarioStarted = true;
      }
      clock.advance(STEP_MS);
      const events = step;
      step = [];
      await Promise.all(events.map((e) => bus.publish(TOPICS.eventReceived, e, { key: e.assetId ?? e.source, id: e.id })));
      published += events.length;
      if (!killed && at >= KILL_AT_MS) {
        // Mid-attack, with this step's events in flight: no hand-over, no checkpoint, no goodbye.
        killed = workers[0]!;
        killed.child.kill('SIGKILL');
        expect(await killed.exited).toBe('SIGKILL');
      }
      await waitFor(() => settled(bus, 4), `step at +${at / 1000} s to be handled`, 90_000);
    }
    engine.stop();
    await twin.stop();

    // The survivor took every partition over, the killed worker's ones from their snapshots.
    expect(killed).toBeDefined();
    expect((await owned(workers[1]!)).sort()).toEqual([0, 1, 2, 3]);
    const survivor = (await (await fetch(`${workers[1]!.url}/status`)).json()) as {
      alerts: { stored: number; repeated: number };
      partitions: Array<{ partition: number; stages: Array<{ restoredFrom: string }> }>;
    };
    const restored = survivor.partitions.filter((p) => p.stages.every((st) => st.restoredFrom === 'snapshot')).map((p) => p.partition);
    expect(restored.length).toBeGreaterThanOrEqual(2);
    const origins = survivor.partitions.map((p) => `${p.partition}: ${p.stages.map((st) => st.restoredFrom).join('/')}`).join(', ');
    console.info(`survivor's partitions (events/routed) started from ${origins}; alerts stored ${survivor.alerts.stored}, raised again and recognised ${survivor.alerts.repeated}`);

    // Every event processed, counted once per partition across both owners (snapshot counters).
    const snapshots = await store.state.list<{ counts: { events: number; malformed: number; forwarded: number } }>('cityguard.worker.snapshot');
    const counts = (topic: string) => snapshots.filter((s) => s.key.startsWith(`${topic}/`)).map((s) => s.value.counts);
    expect(counts(TOPICS.eventReceived)).toHaveLength(4);
    expect(counts(TOPICS.eventReceived).reduce((n, c) => n + c.events, 0)).toBe(published);
    expect(counts(TOPICS.eventReceived).reduce((n, c) => n + c.malformed, 0)).toBe(0);
    const forwarded = counts(TOPICS.eventReceived).reduce((n, c) => n + c.forwarded, 0);
    expect(forwarded).toBeGreaterThan(0);
    expect(counts(TOPICS.eventRouted).reduce((n, c) => n + c.events, 0)).toBe(forwarded);

    // Exactly the single-process alerts, each stored once and published once.
    const stored = (await store.alerts.list({ limit: 1000 })).items;
    const describeAlert = (a: Alert) => `${a.detector.id} ${a.assetIds.join(',')} ${new Date(a.ts).toISOString()}`;
    expect(stored.map(describeAlert).sort()).toEqual(reference.map(describeAlert).sort());
    expect(stored.map((a) => a.id).sort()).toEqual(reference.map((a) => a.id).sort());
    expect(reference.some((a) => a.ts > startMs + (KILL_AT_MS - QUIET_MS))).toBe(true);
    await waitFor(() => new Set(alertIdsOnBus).size === reference.length, 'every alert on the bus');
    expect(alertIdsOnBus.length).toBe(reference.length);
    await bus.close();
    await store.close();
  });
});
