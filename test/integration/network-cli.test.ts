// `cityguard analyze` and `cityguard detect pcap` end to end: files, standard input, and captures
// that are cut short or damaged (everything before the damage used, a message saying where).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/app/cli/main.js';
import { decodeCapture } from '../fixtures/captures/decode-capture.js';
import { buildScadaTraffic, SCADA_NORMAL_PACKETS } from '../fixtures/captures/scada-traffic.js';

const FIXTURES = new URL('../fixtures/captures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cg-net-cli-'));
const scada = buildScadaTraffic();
const scadaPath = join(dir, 'scada.pcap');
writeFileSync(scadaPath, scada.bytes);

describe('cityguard analyze and detect pcap', () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints one JSON object whose protocols give messages and errors per protocol', async () => {
    expect(await main(['node', 'cityguard', 'analyze', join(FIXTURES, 'dnp3-objects.pcap'), '--json'])).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect(report.protocols).toMatchObject({ modbus: { messages: 0, errors: 0 }, dnp3: { messages: 252, errors: 0 }, iec104: { messages: 0, errors: 0 }, mqtt: { messages: 0, errors: 0 } });
    expect(report.assetCandidates.map((a: { kind: string; ip: string }) => `${a.kind} ${a.ip}`).sort()).toEqual(['rtu 10.2.0.10', 'scada-server 10.2.0.1']);
  });

  it('describes hosts, roles, connections, device identity and commands as text', async () => {
    expect(await main(['node', 'cityguard', 'analyze', join(FIXTURES, 'modbus-all-functions.pcap')])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/10\.1\.1\.10 +sent \d+, received \d+ +— modbus master/);
    expect(text).toContain('plc-10-1-1-20: plc at 10.1.1.20, stations 1,17, Company Product V2.11');
    expect(text).toMatch(/\[info\] 10\.1\.1\.10 sent a restart command|\[info\] 10\.1\.1\.10 sent a write \(modbus write_single_coil\) to 10\.1\.1\.20/);
  });

  it('uses every packet before a cut and says where the capture stopped', async () => {
    const bytes = readFileSync(scadaPath);
    const cut = join(dir, 'cut.pcap');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 30));
    expect(await main(['node', 'cityguard', 'analyze', cut, '--json'])).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect(report.capture.packets).toBe(scada.restart + 3);
    expect(report.capture.stoppedEarly).toMatch(/cut short at byte \d+ in packet \d+/);
    expect(err.join('\n')).toMatch(/^warning: .*cut\.pcap: cut short at byte/);
    expect(report.findings[0]).toMatchObject({ kind: 'capture-damage', severity: 'medium' });
  });

  it('stops at a corrupt record with the packets before it', async () => {
    const bytes = Buffer.from(readFileSync(scadaPath));
    const third = 24 + 2 * (16 + 54);
    bytes.writeUInt32LE(0x7fffffff, third + 8);
    const bad = join(dir, 'bad.pcap');
    writeFileSync(bad, bytes);
    expect(await main(['node', 'cityguard', 'analyze', bad, '--json'])).toBe(0);
    expect(JSON.parse(out.join('\n')).capture).toMatchObject({ packets: 2, stoppedEarly: expect.stringMatching(/damaged at byte 164 \(packet 3\)/) });
  });

  it('refuses a file that is not a capture with a coded error', async () => {
    const notCapture = join(dir, 'notes.txt');
    writeFileSync(notCapture, 'meeting notes, not a capture');
    expect(await main(['node', 'cityguard', 'analyze', notCapture])).toBe(1);
    expect(err.join('\n')).toMatch(/^error CG_CAPTURE_FORMAT_UNKNOWN: .*notes\.txt is not a pcap or pcapng capture/);
  });

  it('writes one CSV row per test packet and names the rogue master in the reason', async () => {
    const csv = join(dir, 'verdicts.csv');
    const fraction = (SCADA_NORMAL_PACKETS / (scada.restart + 4)).toFixed(4);
    expect(await main(['node', 'cityguard', 'detect', 'pcap', '--learn-fraction', fraction, '--test', scadaPath, '--out', csv])).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('packet,time,score,alert,reason');
    expect(rows).toHaveLength(scada.restart + 4 + 1);
    expect(rows[1]).toMatch(/^1,\d+\.\d{6},0\.00000,0,learning$/);
    const rogue = rows[scada.rogueWrite]!;
    expect(rogue.startsWith(`${scada.rogueWrite},`)).toBe(true);
    expect(rogue).toMatch(/,1,.*rogue Modbus master 10\.10\.0\.66 sent write_single_coil to 10\.10\.0\.2/);
    expect(out.join('\n')).toMatch(/learned from \d+ packets at the start of the test capture/);
  });

  it('refuses to learn from nothing', async () => {
    expect(await main(['node', 'cityguard', 'detect', 'pcap', '--test', scadaPath, '--out', join(dir, 'x.csv')])).toBe(1);
    expect(err.join('\n')).toMatch(/CG_NETWORK_LEARNING_INVALID/);
  });
});

describe('cityguard analyze - (standard input)', () => {
  it('reads a capture piped in, as from tcpdump -w -', () => {
    const r = spawnSync(process.execPath, ['bin/cityguard.js', 'analyze', '-', '--json'], { input: readFileSync(join(FIXTURES, 'iec104-all-types.pcap')), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.capture.source).toBe('stdin');
    expect(report.protocols.iec104).toEqual(decodeCapture(join(FIXTURES, 'iec104-all-types.pcap')).counts['iec104']);
  });
});
