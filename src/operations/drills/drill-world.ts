// A fresh, self-contained city for one drill: the twin on a ManualClock with direct transport, and
// the same engines as the live platform — ingest's normalizer and pipeline onto a bus, the rule
// engine, the correlator, and the response engine with its actuators wired to the twin (commands
// through the DeviceCommander, credentials through the DeviceRegistry, blocks through OpenC2).
// A drill is its own small composition: it opens an in-memory store and an in-process bus, so it
// can run anywhere the CLI or a scheduler calls it, and never touches the live deployment.
import type { Action, Alert, CityModel, Event, Incident, Playbook } from '../../domain/index.js';
import { Correlator, RuleEngine, storeAndPublishAlert, type CompiledRule } from '../../engines/detection/index.js';
import {
  DeviceCommander,
  DeviceMessageNormalizer,
  DeviceRegistry,
  EventIdGenerator,
  IngestCounters,
  IngestPipeline,
  Quarantine,
} from '../../engines/ingest/index.js';
import { InProcessBus, TOPICS } from '../../platform/bus/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import { SqliteStore } from '../../platform/store/index.js';
import { buildActuators, ContinuityModel, IncidentDesk, ResponseEngine } from '../response/index.js';
import { CityTwin, DirectDeviceTransport, OpenC2Firewall } from '../twin/index.js';
import { DrillLog, TwinCommandTransport, TwinHandover, TwinOpenC2 } from './drill-ports.js';

/** How to build a drill world. */
export interface DrillWorldOptions {
  city: CityModel;
  rules: readonly CompiledRule[];
  /** Playbooks the response engine runs; undefined means no response at all. */
  playbooks?: readonly Playbook[];
  seed: number;
  /** Simulation time at which the world starts, epoch ms. */
  startMs: number;
  publishIntervalMs?: number;
}

const BIG = { capacity: 1_000_000, overflow: 'block' as const, maxBatch: 1024 };

/** The twin and every engine, wired. */
export class DrillWorld {
  readonly alerts = new Map<string, Alert>();
  readonly actionListeners: Array<(a: Action) => void> = [];
  private pending: Promise<unknown> = Promise.resolve();
  private errors: unknown[] = [];

  private constructor(
    readonly city: CityModel,
    readonly clock: ManualClock,
    readonly twin: CityTwin,
    readonly store: SqliteStore,
    readonly bus: InProcessBus,
    readonly registry: DeviceRegistry,
    readonly correlator: Correlator,
    readonly rules: RuleEngine,
    readonly log: DrillLog,
    readonly desk: IncidentDesk,
    readonly engine: ResponseEngine | undefined,
    private readonly commander: DeviceCommander,
    private readonly quarantine: Quarantine,
  ) {}

  /** Builds and starts everything; the twin's devices are connected and reporting. */
  static async create(o: DrillWorldOptions): Promise<DrillWorld> {
    const clock = new ManualClock(o.startMs);
    const store = await SqliteStore.open({ path: ':memory:' });
    await store.migrate();
    const bus = new InProcessBus();
    const ids = new EventIdGenerator('drill');
    const counters = new IngestCounters();
    const registry = await DeviceRegistry.open(o.city, store.state, () => clock.now());
    await registry.issueAll();
    const quarantine = new Quarantine({ store: store.quarantine, counters, clock, ids });
    const pipeline = new IngestPipeline({ bus, normalizer: new DeviceMessageNormalizer(registry, clock, ids), quarantine, counters });
    const transport = new DirectDeviceTransport((m) => void pipeline.acceptDeviceMessage(m.topic, Buffer.from(JSON.stringify(m.body)), 'twin', 'twin'));
    const twin = new CityTwin({ city: o.city, clock, transport, seed: o.seed, publishIntervalMs: o.publishIntervalMs ?? 5000 });
    registry.onRevoked((username) => twin.disconnectDevice(username));
    const commander = new DeviceCommander({ registry, transport: new TwinCommandTransport(transport), pipeline, clock, ids });
    const correlator = new Correlator({ city: o.city, clock });
    const log = new DrillLog(() => clock.now());
    const ref: { world?: DrillWorld } = {}; // callbacks below run only after the world exists
    const desk = new IncidentDesk({
      incidents: store.incidents,
      clock,
      live: correlator,
      onChanged: (i) => bus.publish(TOPICS.incidentUpdated, i, { key: i.id }),
    });
    const engine = o.playbooks
      ? new ResponseEngine({
          city: o.city,
          clock,
          actions: store.actions,
          desk,
          continuity: new ContinuityModel(o.city),
          playbooks: o.playbooks,
          actuators: buildActuators({
            city: o.city,
            commands: commander,
            credentials: registry,
            handover: new TwinHandover(twin),
            openc2: new TwinOpenC2(new OpenC2Firewall(twin.network), () => clock.now()),
            notifications: log,
            tickets: log,
          }),
          onActionChanged: (a) => ref.world?.actionListeners.forEach((l) => l(a)),
        })
      : undefined;
    const rules = new RuleEngine({ rules: o.rules, city: o.city, clock, onAlert: (a) => ref.world?.raise(a) });
    const world = new DrillWorld(o.city, clock, twin, store, bus, registry, correlator, rules, log, desk, engine, commander, quarantine);
    ref.world = world;
    world.wire();
    await twin.start();
    rules.start();
    return world;
  }

  /** Advances simulated time by `ms` in steps of `stepMs`, letting every engine finish each step. */
  async advance(ms: number, stepMs = 1000, onStep?: () => void): Promise<void> {
    for (let done = 0; done < ms; done += stepMs) {
      this.clock.advance(Math.min(stepMs, ms - done));
      await this.settle();
      onStep?.();
    }
  }

  /**
   * Waits until the bus and alert storage are idle and response has either finished or stopped
   * making progress — what is still in flight then waits on simulated time (a device that never
   * acknowledges times out only when the clock moves on), so waiting longer would never end.
   */
  async settle(): Promise<void> {
    let quiet = 0;
    let mark = -1;
    for (let round = 0; round < 100_000; round++) {
      await this.bus.drain();
      await this.pending;
      const idle = this.busIdle();
      if (idle && (this.engine?.busy ?? 0) === 0) break;
      const now = this.engine?.changes ?? 0;
      if (idle && now === mark) {
        if (++quiet >= 20) break;
      } else quiet = 0;
      mark = now;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.errors.length > 0) throw this.errors[0];
  }

  /** Resolves with `p`, moving simulated time on in steps while it waits (device timeouts need the clock). */
  async await<T>(p: Promise<T>, stepMs = 1000, maxMs = 120_000): Promise<T> {
    let settled = false;
    const watched = p.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined); // the caller sees the rejection when it awaits; time moves on meanwhile
    await this.settle();
    for (let waited = 0; !settled && waited < maxMs; waited += stepMs) await this.advance(stepMs, stepMs);
    return watched;
  }

  /** Every incident as stored now. */
  async incidents(): Promise<Incident[]> {
    return (await this.store.incidents.list({ limit: 1000 })).items;
  }

  /** Every action as stored now, oldest first. */
  async actions(): Promise<Action[]> {
    return (await this.store.actions.list({ limit: 10_000 })).items.sort((a, b) => a.requestedTs - b.requestedTs);
  }

  /** Stops every part. */
  async close(): Promise<void> {
    this.engine?.stop();
    this.rules.stop();
    this.commander.close();
    await this.twin.stop();
    await this.settle().catch(() => undefined);
    await this.quarantine.flush();
    await this.bus.close();
    await this.store.close();
  }

  private busIdle(): boolean {
    return Object.values(this.bus.stats().topics).every((t) => Object.values(t.groups).every((g) => g.queued === 0));
  }

  /** Rule output: stored once, then on the bus (as the detection stage does). */
  private raise(alert: Alert): void {
    this.pending = this.pending
      .then(async () => {
        await storeAndPublishAlert(this.store.alerts, this.bus, alert);
      })
      .catch((err: unknown) => void this.errors.push(err));
  }

  private wire(): void {
    this.bus.subscribe<Event>(TOPICS.eventReceived, (batch) => void this.rules.process(batch), { group: 'detect', ...BIG });
    this.bus.subscribe<Alert>(TOPICS.alertRaised, (batch) => this.correlate(batch), { group: 'correlate', ...BIG });
    if (this.engine) this.bus.subscribe<Incident>(TOPICS.incidentUpdated, (batch) => this.respond(batch), { group: 'respond', ...BIG });
  }

  private async correlate(batch: readonly Alert[]): Promise<void> {
    const changed = new Set<string>();
    for (const alert of batch) {
      this.alerts.set(alert.id, alert);
      const incident = this.correlator.add(alert);
      changed.add(incident.id);
      await this.store.alerts.setIncident(alert.id, incident.id);
    }
    for (const id of changed) {
      const latest = this.correlator.get(id)!; // written as it stands now, with what response added meanwhile
      await this.store.incidents.upsert(latest);
      await this.bus.publish(TOPICS.incidentUpdated, latest, { key: id });
    }
  }

  private async respond(batch: readonly Incident[]): Promise<void> {
    const latest = new Map(batch.map((i) => [i.id, i]));
    for (const incident of latest.values()) {
      const alerts = incident.alertIds.map((id) => this.alerts.get(id)).filter((a): a is Alert => a !== undefined);
      try {
        await this.engine!.handleIncident(incident, alerts);
      } catch (err) {
        this.errors.push(err);
      }
    }
  }
}
