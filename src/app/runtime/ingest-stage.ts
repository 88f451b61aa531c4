// Starts ingest with the sources the configuration turns on.
import type { CityModel, RuntimeConfig } from '../../domain/index.js';
import { startIngest, type IngestConfig, type IngestService } from '../../engines/ingest/index.js';
import type { Bus } from '../../platform/bus/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { ensureBrokerCertificates } from './device-security-certs.js';
import type { DeviceSecurityStage } from './device-security-stage.js';

/** Maps the deployment configuration onto ingest's own options and starts it. */
export function startConfiguredIngest(
  config: RuntimeConfig,
  deps: { city: CityModel; bus: Bus; store: Store; clock: Clock; log: Logger },
  deviceSecurity?: DeviceSecurityStage,
): Promise<IngestService> {
  const { mqtt, syslog } = config;
  const ingest: IngestConfig = { maxPayloadBytes: mqtt.maxPayloadBytes };
  if (mqtt.embedded.enabled) {
    const tls = mqtt.embedded.tls;
    if (tls && ensureBrokerCertificates(tls, [mqtt.embedded.host])) deps.log.warn({ certFile: tls.certFile }, 'demo TLS certificate made for the MQTT broker');
    ingest.mqtt = { host: mqtt.embedded.host, port: mqtt.embedded.port, ...(tls ? { tls } : {}) };
  }
  if (mqtt.external) {
    const password = mqtt.external.passwordEnv ? process.env[mqtt.external.passwordEnv] : undefined;
    ingest.external = {
      url: mqtt.external.url,
      ...(mqtt.external.username ? { username: mqtt.external.username } : {}),
      ...(password ? { password } : {}),
      ...(mqtt.external.sharedGroup ? { sharedGroup: mqtt.external.sharedGroup } : {}),
    };
  }
  if (deviceSecurity) ingest.envelopes = deviceSecurity;
  if (syslog.enabled) ingest.syslog = { host: syslog.host, udpPort: syslog.udpPort, tcpPort: syslog.tcpPort };
  return startIngest(deps, ingest);
}
