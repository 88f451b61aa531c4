// The composition root: reads the configuration, picks implementations, wires every part, and
// stops them in reverse order. Nothing else in cityguard constructs stores, buses or brokers.
import { hostname } from 'node:os';
import type { CityModel, RuntimeConfig } from '../../domain/index.js';
import type { Role } from '../../contracts/index.js';
import { loadRules, loadTechniqueTable } from '../../engines/detection/index.js';
import type { Bus, NatsBus } from '../../platform/bus/index.js';
import { SystemClock, type Clock } from '../../platform/clock/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import { createLogger, type Logger } from '../../platform/log/index.js';
import { startRetention, type Store } from '../../platform/store/index.js';
import { ApiTokens, buildApi, deviceProvisioningRoutes, processRoutes } from '../api/index.js';
import { registerIngestMetrics, type IngestService } from '../../engines/ingest/index.js';
import { createPostureSource } from './posture-source.js';
import { startCaptureStage } from './capture-stage.js';
import { BusLiveFeed } from './bus-live-feed.js';
import { CorrelationStage } from './correlation-stage.js';
import { DetectionStage } from './detection-stage.js';
import { DeviceActivity } from './device-activity.js';
import { createMetrics } from './metrics.js';
import { openBus } from './open-bus.js';
import { openStore } from './open-store.js';
import { deviceProvisioning } from './device-provisioning.js';
import { startConfiguredIngest } from './ingest-stage.js';
import { createTwinClock, startTwin } from './twin-stage.js';
import { ResponseStage } from './response-stage.js';
import { contentPath } from './paths.js';
import { readinessSources } from './readiness-sources.js';
import { readinessRoutes } from '../api/routes/readiness-routes.js';
import { AnomalyStage } from './anomaly-stage.js';
import { declareDetectionGroups } from './worker.js';
import { clusterSettings } from './worker-settings.js';
import { LedgerStage } from './ledger-stage.js';
import { DrillStage } from './drill-stage.js';
import { registerLedgerMetrics } from './ledger-metrics.js';
import { DeviceSecurityStage } from './device-security-stage.js';
import { registerDeviceSecurityMetrics } from './device-security-metrics.js';

export interface RuntimeOptions {
  /** Human-readable logs (a terminal); JSON lines otherwise. */
  pretty?: boolean;
  logger?: Logger;
}

/** A running cityguard. */
export interface Runtime {
  readonly config: RuntimeConfig;
  readonly city: CityModel;
  readonly store: Store;
  readonly bus: Bus;
  readonly clock: Clock;
  /** Base URL of the API and dashboard. */
  readonly url: string;
  createToken(user: string, role: Role): Promise<string>;
  /** Ingest: device registry and credentials, the embedded broker and its ports. */
  readonly ingest: IngestService;
  /** The ledger and its witnesses, unless `ledger.enabled` is false. */
  readonly ledger?: LedgerStage;
  /** Device end-to-end encryption, when `devices.e2e` is on. */
  readonly deviceSecurity?: DeviceSecurityStage;
  stop(): Promise<void>;
}

/** Starts every configured part; on failure, stops what had started and rethrows. */
export async function startRuntime(config: RuntimeConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.logger ?? createLogger({ pretty: options.pretty ?? false });
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const city = loadCityFile(config.city);
    const clock: Clock = config.twin.enabled ? createTwinClock(config, city) : new SystemClock();
    const store = await openStore(config);
    stops.push(() => store.close());
    await store.assets.upsertMany(city.city.assets);
    const retention = startRetention(store.events, clock, {
      maxAgeMs: config.retention.eventsHours * 3_600_000,
      everyMs: Math.min(3_600_000, config.retention.eventsHours * 600_000),
      onSwept: (r) => ('error' in r ? log.error({ err: r.error }, 'event retention failed') : log.debug(r, 'old events deleted')),
    });
    stops.push(() => retention.cancel());
    const bus = await openBus(config, log);
    stops.push(() => bus.close());
    // The ledger listens before anything can raise an alert, and stops after everything that records.
    const ledgerSources = { rules: config.rules ?? contentPath('rules'), playbooks: config.response?.playbooks ?? contentPath('playbooks'), city: config.city };
    const ledger = config.ledger.enabled ? await LedgerStage.start({ config, city, bus, store, log, sources: ledgerSources }) : undefined;
    if (ledger) stops.push(() => ledger.stop());
    const deviceSecurity = config.devices.e2e ? await DeviceSecurityStage.start({ config, city, store, bus, clock, log, techniques: loadTechniqueTable(), ...(ledger ? { ledger } : {}) }) : undefined;
    if (deviceSecurity) stops.push(() => deviceSecurity.stop());

    // Groups every process must see in full get a per-process name; shared groups split work.
    const own = (name: string) => `${name}-${hostname()}-${process.pid}`;
    const activity = new DeviceActivity(bus, own('device-activity'));
    stops.push(() => activity.close());
    // Consumers start before producers so nothing is published to a topic nobody reads yet.
    const correlation = new CorrelationStage({ bus, store, city, clock, log });
    await correlation.start();
    stops.push(() => correlation.stop());
    const rules = loadRules(config.rules ?? contentPath('rules'), loadTechniqueTable());
    if (config.cluster?.detection === 'workers') {
      // `cityguard worker` processes detect; their groups exist before ingest publishes anything.
      await declareDetectionGroups(bus as NatsBus, clusterSettings(config).capacity);
    } else {
      const detection = new DetectionStage({ bus, store, city, clock, rules: rules.rules, log });
      detection.start();
      stops.push(() => detection.stop());
    }

    // Process detectors; in the twin demo they pre-learn on the twin fast-forward before going live.
    const prelearn = config.twin.enabled ? { prelearn: { seed: config.twin.seed, publishIntervalMs: config.twin.publishIntervalS * 1000 } } : {};
    const anomaly = new AnomalyStage({ bus, store, city, clock, log, techniques: loadTechniqueTable(), ...prelearn });
    await anomaly.start();
    stops.push(() => anomaly.stop());

    const tokens = await ApiTokens.open(store.state);
    const live = new BusLiveFeed(bus, own('api-live'));
    stops.push(() => live.close());
    const ingest = await startConfiguredIngest(config, { city, bus, store, clock, log }, deviceSecurity);
    stops.push(() => ingest.stop());
    deviceSecurity?.followCredentialRotation(ingest.registry);
    const captures = startCaptureStage(config, { bus, store, city, clock, log });
    if (captures) stops.push(() => captures.stop());
    const metrics = createMetrics(bus);
    registerIngestMetrics(metrics, ingest.counters);
    if (ledger) registerLedgerMetrics(metrics, ledger);
    if (deviceSecurity) registerDeviceSecurityMetrics(metrics, deviceSecurity);
    const response = new ResponseStage({ config, bus, store, city, clock, log, ingest, correlator: correlation.correlator, detectors: rules.rules.map((r) => r.id) });
    await response.start();
    const drills = new DrillStage({ config, store, clock, log });
    await drills.start();
    stops.push(() => drills.stop());
    const readiness = await readinessSources(city, response.playbooks, config.dataDir, clock.now(), log);
    stops.push(() => response.stop());
    const api = await buildApi(
      {
        store,
        city,
        tokens,
        live,
        clock,
        metrics,
        devicesHeardSince: (ms) => activity.heardSince(ms),
        ingest: (body, origin) => ingest.httpBatch(body, origin),
        posture: createPostureSource(config, city, clock),
        health: async () => ({
          store: { ok: true },
          bus: { ok: true },
          ...(ingest.broker ? { broker: { ok: true, detail: `mqtt port ${ingest.broker.port}` } } : {}),
        }),
      },
      { logger: false, extraRoutes: [response.routes(), processRoutes(anomaly), deviceProvisioningRoutes(deviceProvisioning(ingest.registry, deviceSecurity)), readinessRoutes(readiness), drills.routes(), ...(ledger ? [ledger.routes()] : [])], ...(ledger ? { onLogin: ledger.onLogin } : {}) },
    );
    await api.listen({ host: config.api.host, port: config.api.port });
    stops.push(() => api.close());
    if (config.twin.enabled) {
      const twin = await startTwin(config, { city, clock, ingest, log, ...(deviceSecurity ? { deviceSecurity } : {}) });
      stops.push(() => twin.stop());
    }
    const address = api.server.address();
    const port = typeof address === 'object' && address ? address.port : config.api.port;
    log.info({ port, city: city.city.city.name, rules: rules.rules.length }, 'cityguard started');
    return {
      config,
      city,
      store,
      bus,
      clock,
      url: `http://${config.api.host}:${port}`,
      createToken: (user, role) => tokens.create(user, role, Date.now()),
      ingest,
      ...(ledger ? { ledger } : {}),
      ...(deviceSecurity ? { deviceSecurity } : {}),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
