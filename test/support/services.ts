// Real services for integration tests. When one is missing the test skips with a message naming it,
// unless CITYGUARD_REQUIRE_SERVICES=1 (CI), where a missing service fails the run.
import { connect } from 'node:net';

export const SERVICES = {
  postgres: { host: '127.0.0.1', port: 5432, url: 'postgres://postgres@127.0.0.1:5432/test' },
  mosquitto: { host: '127.0.0.1', port: 1883, url: 'mqtt://127.0.0.1:1883' },
  nats: { host: '127.0.0.1', port: 4222, url: 'nats://127.0.0.1:4222' },
  redis: { host: '127.0.0.1', port: 6379, url: 'redis://127.0.0.1:6379' },
} as const;
export type ServiceName = keyof typeof SERVICES;

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolves to true when every named service answers. Otherwise returns false after printing why
 * (the caller skips), or throws when CITYGUARD_REQUIRE_SERVICES=1.
 */
export async function servicesAvailable(...names: ServiceName[]): Promise<boolean> {
  const missing: string[] = [];
  for (const name of names) {
    const s = SERVICES[name];
    if (!(await reachable(s.host, s.port))) missing.push(`${name} (${s.host}:${s.port})`);
  }
  if (missing.length === 0) return true;
  const message = `skipping: ${missing.join(', ')} not reachable`;
  if (process.env['CITYGUARD_REQUIRE_SERVICES'] === '1') {
    throw new Error(`${message}, and CITYGUARD_REQUIRE_SERVICES=1 requires them`);
  }
  console.warn(message);
  return false;
}
