// The live path for process anomaly tests, without a broker: the sample city's twin on a ManualClock
// → ingest's pipeline (normalizer, quarantine) → in-process bus → rule detection and the anomaly
// stage side by side → alerts stored and published → correlation into stored incidents. The anomaly
// stage pre-learns on the twin fast-forward first, as the demo does. Time moves a minute at a time
// and the bus is drained after each, so every stage keeps up with simulated time.
import type { Alert, Incident, Scenario } from '../../src/domain/index.js';
import { loadRules, loadTechniqueTable } from '../../src/engines/detection/index.js';
import { DeviceMessageNormalizer, DeviceRegistry, EventIdGenerator, IngestCounters, IngestPipeline, Quarantine } from '../../src/engines/ingest/index.js';
import { CityTwin, DirectDeviceTransport, ScenarioRunner, scenarioStartMs } from '../../src/operations/twin/index.js';
import { AnomalyStage } from '../../src/app/runtime/anomaly-stage.js';
import { CorrelationStage } from '../../src/app/runtime/correlation-stage.js';
import { DetectionStage } from '../../src/app/runtime/detection-stage.js';
import { InProcessBus } from '../../src/platform/bus/index.js';
import { ManualClock } from '../../src/platform/clock/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { SqliteStore } from '../../src/platform/store/index.js';

/** The sample city, as every live anomaly test plays it. */
export const city = loadCityFile('content/cities/sample-city.yaml');
/** Live twin seed; pre-learning uses `2025/prelearn`. */
const SEED = 2025;
/** Scenarios start at their local time on Wednesday 17 December 2025 (the water maintenance window is on Wednesdays). */
const WEDNESDAY_MS = Date.UTC(2025, 11, 17, 0, 0);
const STEP_MS = 60_000;

/** What a played scenario left in the store. */
export interface LivePlay {
  /** Alerts raised before the attack started. */
  quiet: Alert[];
  /** Every alert of the run (before and after the attack). */
  alerts: Alert[];
  incidents: Incident[];
  attackMs: number;
  quarantined: number;
  prelearning: { dropped: number; phases: string[] };
}

/** How to play. */
export interface LiveOptions {
  /** Normal city life before the scenario starts, and time let pass after it started. */
  quietMs: number;
  afterMs: number;
  /** False: the same stretch of city life without the scenario (a control run). Default true. */
  attack?: boolean;
  /** False: rules only, no anomaly stage (and no pre-learning). Default true. */
  anomaly?: boolean;
  /** Called with the anomaly stage once it is live (to look inside while debugging). */
  onStage?: (stage: AnomalyStage) => void;
}

/** Plays `scenario` after `quietMs` of live city on the full pipeline, then lets `afterMs` pass. */
export async function playLive(scenario: Scenario, o: LiveOptions): Promise<LivePlay> {
  const { quietMs, afterMs } = o;
  const attackMs = scenarioStartMs(scenario, city, WEDNESDAY_MS);
  const clock = new ManualClock(attackMs - quietMs);
  const log = silentLogger();
  const store = await SqliteStore.open({ path: ':memory:' });
  await store.migrate();
  const bus = new InProcessBus();
  const techniques = loadTechniqueTable();
  const correlation = new CorrelationStage({ bus, store, city, clock, log });
  await correlation.start();
  const detection = new DetectionStage({ bus, store, city, clock, rules: loadRules('content/rules', techniques).rules, log });
  detection.start();
  const anomaly = o.anomaly === false ? undefined : new AnomalyStage({ bus, store, city, clock, log, techniques, prelearn: { seed: SEED, publishIntervalMs: 5000 } });
  await anomaly?.start();
  await anomaly?.ready;
  if (anomaly) o.onStage?.(anomaly);
  const counters = new IngestCounters();
  const ids = new EventIdGenerator('live');
  const normalizer = new DeviceMessageNormalizer(await DeviceRegistry.open(city, store.state, () => clock.now()), clock, ids);
  const quarantine = new Quarantine({ store: store.quarantine, counters, clock, ids, log });
  const pipeline = new IngestPipeline({ bus, normalizer, quarantine, counters, log });
  const transport = new DirectDeviceTransport((m) => void pipeline.acceptDeviceMessage(m.topic, Buffer.from(JSON.stringify(m.body)), 'twin', 'twin'));
  const twin = new CityTwin({ city, clock, transport, seed: SEED, publishIntervalMs: 5000 });
  await twin.start();
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += STEP_MS) {
      clock.advance(STEP_MS);
      await bus.drain();
    }
  };
  await run(quietMs);
  const quiet = (await store.alerts.list({ limit: 1000 })).items;
  if (o.attack !== false) new ScenarioRunner({ twin, scenario }).start();
  await run(afterMs);
  await twin.stop();
  await bus.drain();
  const alerts = (await store.alerts.list({ limit: 1000 })).items;
  const incidents = (await store.incidents.list({ limit: 1000 })).items;
  const phases = anomaly?.list().map((s) => `${s.id}:${s.phase}:${s.baseline.kind}`) ?? [];
  await anomaly?.stop();
  await detection.stop();
  await correlation.stop();
  await bus.close();
  await store.close();
  return { quiet, alerts, incidents, attackMs, quarantined: Object.values(counters.snapshot().quarantinedBySource).reduce((a, b) => a + b, 0), prelearning: { dropped: anomaly?.droppedWhilePrelearning ?? 0, phases } };
}
