// A worker's small HTTP listener for the orchestrator and Prometheus: GET /health (alive and in
// touch with the cluster), /ready (it holds partitions and every one of them is running),
// /metrics (Prometheus text) and /status (its partitions and counters as JSON).
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** What the listener reports. */
export interface WorkerProbes {
  health(): { ok: boolean; detail: string };
  ready(): { ok: boolean; detail: string };
  status(): unknown;
  metrics: Registry;
}

/** A running listener. */
export interface WorkerHttp {
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (0 picks a free port). */
export async function startWorkerHttp(host: string, port: number, probes: WorkerProbes): Promise<WorkerHttp> {
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return send(405, JSON.stringify({ error: 'only GET' }));
    try {
      switch (path) {
        case '/health':
        case '/ready': {
          const r = path === '/health' ? probes.health() : probes.ready();
          return send(r.ok ? 200 : 503, JSON.stringify({ status: r.ok ? 'ok' : 'unavailable', detail: r.detail }));
        }
        case '/status':
          return send(200, JSON.stringify(probes.status()));
        case '/metrics':
          probes.metrics.metrics().then(
            (text) => send(200, text, probes.metrics.contentType),
            (err: unknown) => send(500, JSON.stringify({ error: String(err) })),
          );
          return;
        default:
          return send(404, JSON.stringify({ error: 'not found', paths: ['/health', '/ready', '/metrics', '/status'] }));
      }
    } catch (err) {
      return send(500, JSON.stringify({ error: String(err) }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
