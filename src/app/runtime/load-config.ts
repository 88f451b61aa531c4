// Reads the deployment configuration. Relative paths in it are relative to the file itself,
// so a config folder can be moved as a whole.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { RuntimeConfig } from '../../domain/index.js';
import { loadContentFile, loadContentText } from '../../platform/content/index.js';
import { contentPath } from './paths.js';

/** Loads and validates a config file; throws CG_CONTENT_INVALID with every problem by line. */
export function loadRuntimeConfig(path: string): RuntimeConfig {
  const config = loadContentFile<RuntimeConfig>(path, RuntimeConfig);
  return resolvePaths(config, dirname(resolve(path)));
}

/** Options of `cityguard demo`. */
export interface DemoOptions {
  port: number;
  dataDir: string;
  attackAfterS: number;
  speed: number;
  seed: number;
  mqttPort: number;
  /** MQTT over TLS port of the embedded broker; default 18883, or any free port when `mqttPort` is 0. */
  mqttTlsPort?: number;
  syslogPort: number;
  /** Scenario ids to play at `attackAfterS` (default ukraine-2015); see content/scenarios. */
  scenarios?: readonly string[];
}

/**
 * The demo: the sample city with every part embedded and the Ukraine 2015 scenario scheduled;
 * devices enrolled and end-to-end encrypted over MQTT with TLS (certificates made at first start),
 * and the ledger cosigned by a witness run in-process with its own key (a neighbouring city's).
 */
export function demoConfig(o: DemoOptions): RuntimeConfig {
  const dir = resolve(o.dataDir);
  const certs = (f: string) => JSON.stringify(join(dir, 'certs', f));
  const tlsPort = o.mqttTlsPort ?? (o.mqttPort === 0 ? 0 : 18883);
  const yaml = `
city: ${JSON.stringify(contentPath('cities', 'sample-city.yaml'))}
rules: ${JSON.stringify(contentPath('rules'))}
dataDir: ${JSON.stringify(resolve(o.dataDir))}
api: { host: 127.0.0.1, port: ${o.port} }
mqtt:
  embedded:
    enabled: true
    host: 127.0.0.1
    port: ${o.mqttPort}
    tls: { port: ${tlsPort}, certFile: ${certs('server.pem')}, keyFile: ${certs('server-key.pem')}, caFile: ${certs('ca.pem')}, generate: true }
ledger:
  inProcessWitness: { name: witness.neighbour-city.example, stateDir: ${JSON.stringify(join(dir, 'witness-neighbour-city'))} }
devices: { e2e: true }
syslog: { enabled: true, host: 127.0.0.1, udpPort: ${o.syslogPort}, tcpPort: ${o.syslogPort} }
retention: { eventsHours: 6 }
twin:
  enabled: true
  seed: ${o.seed}
  speed: ${o.speed}
  scenarios: ${JSON.stringify((o.scenarios ?? ['ukraine-2015']).map((id) => ({ id, afterS: o.attackAfterS })))}
`;
  return loadContentText<RuntimeConfig>(yaml, 'demo configuration', RuntimeConfig);
}

function resolvePaths(config: RuntimeConfig, base: string): RuntimeConfig {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    ...config,
    city: abs(config.city),
    dataDir: abs(config.dataDir),
    rules: config.rules ? abs(config.rules) : contentPath('rules'),
    ...(config.advisories ? { advisories: config.advisories.map(abs) } : {}),
    ...(config.captures ? { captures: { ...config.captures, watchDir: abs(config.captures.watchDir) } } : {}),
    store: config.store.kind === 'sqlite' && config.store.path ? { ...config.store, path: abs(config.store.path) } : config.store,
    ledger: {
      ...config.ledger,
      ...(config.ledger.dataDir ? { dataDir: abs(config.ledger.dataDir) } : {}),
      ...(config.ledger.inProcessWitness ? { inProcessWitness: { ...config.ledger.inProcessWitness, stateDir: abs(config.ledger.inProcessWitness.stateDir) } } : {}),
    },
    devices: { ...config.devices, ...(config.devices.platformKeyFile ? { platformKeyFile: abs(config.devices.platformKeyFile) } : {}) },
  };
}

/** The smallest configuration that opens an embedded deployment's store in `dataDir`. */
export function demoStoreConfig(dataDir: string): RuntimeConfig {
  return loadContentText<RuntimeConfig>(
    `city: ${JSON.stringify(contentPath('cities', 'sample-city.yaml'))}\ndataDir: ${JSON.stringify(resolve(dataDir))}\n`,
    'data directory',
    RuntimeConfig,
  );
}
