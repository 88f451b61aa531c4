// A witness over HTTP (C2SP tlog-witness): `POST /add-checkpoint` answers with cosignature lines,
// 409 with the size it holds, or the refusal; `GET /latest?origin=` the last cosigned note;
// `GET /alarms` forks and rollbacks it refused. Used by the runtime's in-process demo witness.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAlarms } from './witness-state.js';
import type { Witness } from './witness.js';

const MAX_BODY_BYTES = 64 * 1024;

/** A listening witness server. */
export interface WitnessServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (what a log's witness `url` is set to). */
  readonly url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const text = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => void res.writeHead(status, { 'content-type': type }).end(body);

/** Answers one request to a witness. */
export async function handleWitnessRequest(witness: Witness, stateDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://witness');
  if (req.method === 'POST' && url.pathname === '/add-checkpoint') {
    const body = await readBody(req);
    if (body === undefined) return text(res, 413, 'request too large\n');
    const outcome = await witness.addCheckpoint(body);
    if (outcome.status === 'cosigned') return text(res, 200, outcome.signatureLines);
    if (outcome.status === 'conflict') return text(res, 409, `${outcome.knownSize}\n`, 'text/x.tlog.size');
    return text(res, outcome.httpStatus, `${outcome.detail}\n`);
  }
  if (req.method === 'GET' && url.pathname === '/latest') {
    const latest = witness.latest(url.searchParams.get('origin') ?? '');
    return latest ? text(res, 200, latest.note) : text(res, 404, 'no checkpoint cosigned for that origin\n');
  }
  if (req.method === 'GET' && url.pathname === '/alarms') return text(res, 200, JSON.stringify(await readAlarms(stateDir)), 'application/json');
  if (req.method === 'GET' && url.pathname === '/healthz') return text(res, 200, 'ok\n');
  return text(res, 404, 'not found\n');
}

/** Serves `witness` on host:port (0 = any free port). */
export function serveWitness(witness: Witness, stateDir: string, host: string, port: number): Promise<WitnessServer> {
  const server: Server = createServer((req, res) => {
    handleWitnessRequest(witness, stateDir, req, res).catch((err: unknown) => {
      if (!res.headersSent) text(res, 500, `${(err as Error).message}\n`);
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shown}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections from the log's fetch would otherwise hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}
