// The ledger, witness and certs commands as an operator runs them: real processes, real files, a
// witness in its own process over HTTP, and a forked copy of the ledger the witness must refuse.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin', 'cityguard.js');
const root = mkdtempSync(join(tmpdir(), 'cg-ledger-cli-'));
const children: ChildProcess[] = [];
afterAll(() => {
  children.forEach((c) => c.kill('SIGTERM'));
  rmSync(root, { recursive: true, force: true });
});

function cg(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Starts `cityguard witness serve` and resolves with its URL once it listens. */
function startWitness(stateDir: string, logKeyFile: string): Promise<{ url: string; stderr: () => string }> {
  const child = spawn('node', [BIN, 'witness', 'serve', '--state-dir', stateDir, '--log-key', `@${logKeyFile}`, '--listen', '127.0.0.1:0']);
  children.push(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`witness exited ${code}: ${err}`)));
  });
}

describe('cityguard ledger', () => {
  const dataDir = join(root, 'ledger');

  it('appends, verifies, proves and verifies the proof offline', async () => {
    for (const [kind, json] of [['alert.raised', '{"alertId":"a1"}'], ['action.approved', '{"by":"ops"}'], ['auth.login', '{"user":"ops"}']]) {
      const r = await cg('ledger', 'append', '--data-dir', dataDir, '--kind', kind!, '--json', json!);
      expect(r.code).toBe(0);
    }
    const verify = await cg('ledger', 'verify', '--data-dir', dataDir);
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.stdout).toContain('ledger intact: 3 entries');

    const proof = await cg('ledger', 'proof', '--data-dir', dataDir, 'inclusion', '1');
    writeFileSync(join(root, 'proof.json'), proof.stdout);
    const ok = await cg('ledger', 'verify-proof', '--proof', join(root, 'proof.json'), '--log-key', `@${join(dataDir, 'log.vkey')}`);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('entry 1 (action.approved');
    const bundle = JSON.parse(proof.stdout) as { entry: string };
    bundle.entry = Buffer.from(Buffer.from(bundle.entry, 'base64').toString().replace('ops', 'eve')).toString('base64');
    writeFileSync(join(root, 'forged-proof.json'), JSON.stringify(bundle));
    const bad = await cg('ledger', 'verify-proof', '--proof', join(root, 'forged-proof.json'), '--log-key', `@${join(dataDir, 'log.vkey')}`);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('proof INVALID');
  }, 120_000);

  it('exits non-zero naming the first bad entry after one byte of an entry changes', async () => {
    const copy = join(root, 'tampered');
    cpSync(dataDir, copy, { recursive: true });
    const seg = join(copy, 'segments', '0000000000.seg');
    const buf = readFileSync(seg);
    const at = buf.indexOf('ops');
    buf[at] = 'x'.charCodeAt(0);
    writeFileSync(seg, buf);
    const r = await cg('ledger', 'verify', '--data-dir', copy);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('first bad entry: 1');
  }, 60_000);

  it('gets cosignatures from a witness process, which refuses a forked copy and raises an alarm', async () => {
    const stateDir = join(root, 'witness');
    const init = await cg('witness', 'init', '--state-dir', stateDir, '--name', 'neighbour.example/witness');
    const witnessKey = init.stdout.trim();
    const witness = await startWitness(stateDir, join(dataDir, 'log.vkey'));
    const fork = join(root, 'fork');
    cpSync(dataDir, fork, { recursive: true });

    const first = await cg('ledger', 'checkpoint', '--data-dir', dataDir, '--witness', `${witnessKey}=${witness.url}`);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('— neighbour.example/witness ');
    await cg('ledger', 'append', '--data-dir', dataDir, '--kind', 'action.changed', '--json', '{"honest":true}');
    expect((await cg('ledger', 'checkpoint', '--data-dir', dataDir)).code).toBe(0);
    expect((await cg('ledger', 'verify', '--data-dir', dataDir, '--min-witnesses', '1')).code).toBe(0);

    await cg('ledger', 'append', '--data-dir', fork, '--kind', 'action.changed', '--json', '{"rewritten":true}');
    await cg('ledger', 'append', '--data-dir', fork, '--kind', 'action.changed', '--json', '{"rewritten":true}');
    const refused = await cg('ledger', 'checkpoint', '--data-dir', fork, '--witness', `${witnessKey}=${witness.url}`);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('did not cosign');
    expect((await cg('ledger', 'verify', '--data-dir', fork, '--witness-key', witnessKey, '--min-witnesses', '1')).code).toBe(2);

    const status = await cg('witness', 'status', '--state-dir', stateDir);
    expect(status.code).toBe(2);
    expect(status.stdout).toContain('inconsistent-proof');
    expect(witness.stderr()).toContain('ALARM inconsistent-proof');
  }, 180_000);
});

describe('cityguard certs', () => {
  it('writes a CA and a server certificate the CA signed', async () => {
    const out = join(root, 'certs');
    expect((await cg('certs', '--out-dir', out, '--host', 'broker.city.local', '--host', '127.0.0.1')).code).toBe(0);
    const ca = new X509Certificate(readFileSync(join(out, 'ca.pem')));
    const server = new X509Certificate(readFileSync(join(out, 'server.pem')));
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('broker.city.local')).toBe('broker.city.local');
    expect((await cg('certs', '--out-dir', out)).code).toBe(1);
  }, 60_000);
});
