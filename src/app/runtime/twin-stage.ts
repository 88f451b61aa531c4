// The simulated city inside the demo: every device connects to the broker with its own
// credential, and the configured attack scenarios start on schedule.
import type { CityModel, RuntimeConfig } from '../../domain/index.js';
import type { IngestService } from '../../engines/ingest/index.js';
import { CityTwin, MqttDeviceTransport, ScenarioRunner, loadScenarioFile } from '../../operations/twin/index.js';
import type { Clock, TimerHandle } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import { contentPath } from './paths.js';

/** A running twin and its scheduled scenarios. */
export interface TwinStage {
  twin: CityTwin;
  runners: ScenarioRunner[];
  stop(): Promise<void>;
}

/** Issues device credentials, connects the twin's devices over MQTT and schedules the scenarios. */
export async function startTwin(
  config: RuntimeConfig,
  deps: { city: CityModel; clock: Clock; ingest: IngestService; log: Logger },
): Promise<TwinStage> {
  const { city, clock, ingest, log } = deps;
  const broker = ingest.broker;
  if (!broker) throw new Error('the twin needs the embedded MQTT broker (mqtt.embedded.enabled: true)');
  const passwords = await ingest.registry.issueAll();
  const transport = new MqttDeviceTransport({
    url: `mqtt://${config.mqtt.embedded.host}:${broker.port}`,
    password: (id) => passwords.get(id) ?? '',
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
    stop: async () => {
      timers.forEach((t) => t.cancel());
      runners.forEach((r) => r.stop());
      await twin.stop();
    },
  };
}
