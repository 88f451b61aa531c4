import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../ledger.js';
import { parseVerifierKey } from '../note/note-keys.js';
import { verifyLedger } from '../verify-ledger.js';
import { Witness } from './witness.js';
import { WitnessCosigning } from './witness-client.js';

const root = mkdtempSync(join(tmpdir(), 'cg-cosign-'));
const servers: Server[] = [];
afterAll(() => {
  servers.forEach((s) => s.close());
  rmSync(root, { recursive: true, force: true });
});

/** A witness behind a real HTTP server speaking tlog-witness add-checkpoint. */
async function serveWitness(name: string, logKey: string): Promise<{ url: string; vkey: string }> {
  const stateDir = join(root, name.replace(/\W/g, '-'));
  const vkey = await Witness.init(stateDir, name);
  const witness = await Witness.open({ stateDir, logs: [parseVerifierKey(logKey)] });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void witness.addCheckpoint(Buffer.concat(chunks).toString()).then((o) => {
        if (o.status === 'cosigned') res.writeHead(200).end(o.signatureLines);
        else if (o.status === 'conflict') res.writeHead(409, { 'content-type': 'text/x.tlog.size' }).end(`${o.knownSize}\n`);
        else res.writeHead(o.httpStatus).end(o.detail);
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, vkey };
}

describe('WitnessCosigning', () => {
  it('collects cosignatures from two witnesses over HTTP, records them, and verify then requires them', async () => {
    const dataDir = join(root, 'ledger');
    const logKey = await Ledger.init(dataDir, 'city.example/ledger');
    const w1 = await serveWitness('dept-water.example/w', logKey);
    const w2 = await serveWitness('next-city.example/w', logKey);
    const ledger = await Ledger.open({ dataDir, checkpointEveryMs: 0 });
    const cosigning = new WitnessCosigning(ledger, [w1, w2].map((w) => ({ url: w.url, key: parseVerifierKey(w.vkey) })));
    await ledger.appendMany([{ kind: 'auth.login', payload: { user: 'ops' } }]);
    expect((await cosigning.cosignLatest()).witnessedBy.sort()).toEqual(['dept-water.example/w', 'next-city.example/w']);
    await ledger.appendMany([{ kind: 'action.approved', payload: { by: 'ops' } }, { kind: 'action.changed', payload: {} }]);
    const second = await cosigning.cosignLatest();
    expect(second.failures).toEqual([]);
    expect(second.note).toContain('\n3\n');
    await ledger.close();

    const report = await verifyLedger({ dataDir, minWitnesses: 2 });
    expect(report.problems).toEqual([]);
    expect(report.witnessedBy.sort()).toEqual(['dept-water.example/w', 'next-city.example/w']);
  });

  it('reports an unreachable witness as a failure and keeps the log-signed checkpoint', async () => {
    const dataDir = join(root, 'lonely');
    await Ledger.init(dataDir, 'lonely.example/ledger');
    const ledger = await Ledger.open({ dataDir, checkpointEveryMs: 0 });
    await ledger.append({ kind: 'auth.login', payload: {} });
    const vkey = await Witness.init(join(root, 'offline'), 'offline.example/w');
    const result = await new WitnessCosigning(ledger, [{ url: 'http://127.0.0.1:9', key: parseVerifierKey(vkey) }], { timeoutMs: 2_000 }).cosignLatest();
    expect(result.witnessedBy).toEqual([]);
    expect(result.failures[0]?.error).toContain('unreachable');
    expect(ledger.latestCheckpoint()).toContain('\n1\n');
    await ledger.close();
  });
});
