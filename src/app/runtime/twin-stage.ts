// The simulated city inside the demo: every device connects to the broker with its own
// credential (over TLS when the broker has a TLS listener), with end-to-end encryption enrolls and
// seals everything it sends, and the configured attack scenarios start on schedule.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CityModel, RuntimeConfig } from '../../domain/index.js';
import type { IngestService } from '../../engines/ingest/index.js';
import { CityTwin, MqttDeviceTransport, ScenarioRunner, SealedDeviceCodec, loadScenarioFile, scenarioStartMs } from '../../operations/twin/index.js';
import { ScaledClock, type Clock, type TimerHandle } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import { contentPath } from './paths.js';
import type { DeviceSecurityStage } from './device-security-stage.js';
import { provisionTwinDevices } from './device-security-twin.js';

/** A running twin and its scheduled scenarios. */
export interface TwinStage {
  twin: CityTwin;
  runners: ScenarioRunner[];
  /** With end-to-end encryption: the devices' codec (commands they refused, by reason). */
  codec?: SealedDeviceCodec;
  stop(): Promise<void>;
}

/**
 * The twin's clock. When a scenario is scheduled, simulated time starts so that the attack
 * begins at the local time its authors wrote it for (a VPN login "at 23:25" happens at 23:25).
 */
export function createTwinClock(config: RuntimeConfig, city: CityModel): ScaledClock {
  const { speed, scenarios } = config.twin;
  const first = scenarios[0];
  if (!first) return new ScaledClock(speed);
  const scenario = loadScenarioFile(contentPath('scenarios', `${first.id}.yaml`), city);
  const attackAtMs = scenarioStartMs(scenario, city, Date.now() + first.afterS * 1000 * speed);
  return new ScaledClock(speed, attackAtMs - first.afterS * 1000 * speed);
}

/** Issues device credentials, connects the twin's devices over MQTT and schedules the scenarios. */
export async function startTwin(
  config: RuntimeConfig,
  deps: { city: CityModel; clock: Clock; ingest: IngestService; log: Logger; deviceSecurity?: DeviceSecurityStage },
): Promise<TwinStage> {
  const { city, clock, ingest, log } = deps;
  const broker = ingest.broker;
  if (!broker) throw new Error('the twin needs the embedded MQTT broker (mqtt.embedded.enabled: true)');
  const passwords = await ingest.registry.issueAll();
  let codec: SealedDeviceCodec | undefined;
  if (deps.deviceSecurity) {
    const clients = await provisionTwinDevices(deps.deviceSecurity, [...city.assets.keys()], join(config.dataDir, 'twin', 'device-keys.json'), clock);
    codec = new SealedDeviceCodec(clients);
    log.info({ devices: clients.size }, 'twin devices enrolled for end-to-end encryption');
  }
  const tls = config.mqtt.embedded.tls;
  const transport = new MqttDeviceTransport({
    url: broker.tlsPort !== undefined ? `mqtts://${config.mqtt.embedded.host}:${broker.tlsPort}` : `mqtt://${config.mqtt.embedded.host}:${broker.port}`,
    password: (id) => passwords.get(id) ?? '',
    ...(broker.tlsPort !== undefined && tls ? { clientOptions: { ca: readFileSync(tls.caFile ?? join(dirname(tls.certFile), 'ca.pem')), rejectUnauthorized: true } } : {}),
    ...(codec ? { codec } : {}),
  });
  const twin = new CityTwin({ city, clock, transport, seed: config.twin.seed, publishIntervalMs: config.twin.publishIntervalS * 1000 });
  const report = await twin.start();
  log.info({ report }, 'twin connected');
  const runners: ScenarioRunner[] = [];
  const timers: TimerHandle[] = config.twin.scenarios.map(({ id, afterS }) => {
    const scenario = loadScenarioFile(contentPath('scenarios', `${id}.yaml`), city);
    // afterS is wall-clock time; the twin's clock runs `speed` times faster.
    return clock.after(afterS * 1000 * config.twin.speed, () => {
      log.warn({ scenario: id }, 'attack scenario starting');
      const runner = new ScenarioRunner({ twin, scenario, onStep: (s) => log.info({ scenario: id, step: s.stepId }, s.name) });
      runners.push(runner);
      runner.start();
    });
  });
  return {
    twin,
    runners,
    ...(codec ? { codec } : {}),
    stop: async () => {
      timers.forEach((t) => t.cancel());
      runners.forEach((r) => r.stop());
      await twin.stop();
    },
  };
}
