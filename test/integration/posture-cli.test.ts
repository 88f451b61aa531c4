// `cityguard posture report` and `cityguard advisories import|check` end to end through the
// command-line entry point, on the sample city and the written KEV/CSAF fixtures (valid and malformed).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/app/cli/main.js';
import { loadAdvisoryFeed } from '../../src/engines/posture/index.js';

const FIXTURES = 'test/fixtures/advisories';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const before = process.exitCode;
  try {
    const code = await main(['node', 'cityguard', ...args]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.exitCode = before;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('cityguard posture report', () => {
  it('prints the remediation list for a city IT generalist, fix-now first', async () => {
    const r = await run(
      'posture',
      'report',
      '--city',
      'content/cities/sample-city.yaml',
      '--as-of',
      '2026-11-26',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Security posture of Rivenau on 2026-11-26/);
    const now = r.out.indexOf('FIX NOW');
    expect(now).toBeGreaterThan(0);
    expect(r.out.indexOf('FIX NEXT')).toBeGreaterThan(now);
    expect(r.out.slice(now, r.out.indexOf('FIX NEXT'))).toMatch(/Change the default password: bs-hill-plc/);
    expect(r.out).toMatch(/standards: NIST CSF PR\.AA-01, PR\.AA-03 · IEC 62443 SR 1\.5, SR 1\.7/);
  });

  it('prints JSON with an inventory CSV and observations, reporting bad rows on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-posture-'));
    writeFileSync(
      join(dir, 'assets.csv'),
      'id,name,kind,vendor,model,firmware,zone,district,criticality,default_credentials\nnew-plc,New PLC,plc,Unitronics,Vision V570-57-T20B,OS 4.3 (VisiLogic 9.8.65),water,riverside,high,true\nbad,Bad,plc,Acme,X,1,mars,riverside,high,\n',
    );
    writeFileSync(
      join(dir, 'seen.json'),
      JSON.stringify({ devices: [{ ip: '10.60.10.99', protocols: ['rtsp'] }, { nothing: true }] }),
    );
    const r = await run(
      'posture',
      'report',
      '--assets',
      join(dir, 'assets.csv'),
      '--observations',
      join(dir, 'seen.json'),
      '--json',
      '--as-of',
      '2026-11-26',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.inventory).toEqual({ declared: 228, imported: 1, discovered: 1 });
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining([
        'default-credentials:new-plc',
        'known-vulnerability:new-plc:ICSA-23-348-15',
        'uninventoried-device:discovered-10-60-10-99',
      ]),
    );
    expect(r.err).toMatch(/assets\.csv:3: zone: unknown zone "mars"/);
    expect(r.err).toMatch(/1 of 2 rows imported, 1 problem/);
    expect(r.err).toMatch(/seen\.json: devices\[1\]: a device needs an id, ip, mac or hostname/);
  });
});

describe('cityguard advisories import', () => {
  it('imports a KEV catalogue and reports its counts', async () => {
    const r = await run('advisories', 'import', `${FIXTURES}/kev-catalogue.json`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /CISA KEV catalogue 2025\.08\.25 — 3 entries \(count says 3\)\n {2}imported 3, malformed 0/,
    );
  });

  it('lists every malformed KEV entry and still imports the good one', async () => {
    const r = await run('advisories', 'import', `${FIXTURES}/kev-malformed.json`, '--json');
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ format: 'kev', entries: 7, imported: 1, malformed: 6 });
    expect(s.problems).toHaveLength(7); // the six entries and the wrong count
    expect(r.code).toBe(0);
  });

  it('imports a CSAF advisory into a feed folder the posture report can load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-into-'));
    const r = await run('advisories', 'import', `${FIXTURES}/csaf-econolite-eos.json`, '--into', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CSAF ICSA-23-026-02 "Econolite EOS \(Update A\)"/);
    expect(readdirSync(dir)).toEqual(['icsa-23-026-02.yaml']);
    const feed = loadAdvisoryFeed(dir);
    expect(feed.facts.map((f) => f.cve).sort()).toEqual(['CVE-2023-0451', 'CVE-2023-0452']);
    const check = await run('advisories', 'check', dir);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/2 advisory facts, 0 end-of-life entries, 0 KEV entries: valid/);
  });

  it('counts skipped and malformed CSAF entries', async () => {
    const r = await run('advisories', 'import', `${FIXTURES}/csaf-malformed.json`, '--json');
    expect(JSON.parse(r.out)).toMatchObject({ format: 'csaf', facts: 1, skipped: 0, malformed: 9 });
    const messy = await run('advisories', 'import', `${FIXTURES}/csaf-messy-names.json`);
    expect(messy.out).toMatch(
      /3 product\(s\) in the tree, 1 vulnerability → 3 fact\(s\); 3 skipped, 0 malformed/,
    );
  });

  it('fails with a clear code on a file that is not JSON, not an advisory, or has no product tree', async () => {
    for (const [file, code] of [
      ['truncated.json', 'CG_POSTURE_ADVISORY_UNREADABLE'],
      ['not-an-advisory.json', 'CG_POSTURE_ADVISORY_FORMAT_UNKNOWN'],
      ['csaf-without-product-tree.json', 'CG_POSTURE_ADVISORY_INVALID'],
      ['missing.json', 'CG_POSTURE_ADVISORY_UNREADABLE'],
    ]) {
      const r = await run('advisories', 'import', `${FIXTURES}/${file}`);
      expect(r.code, file).toBe(1);
      expect(r.err, file).toMatch(new RegExp(`^error ${code}: `));
    }
  });

  it('checks the shipped feeds', async () => {
    const r = await run('advisories', 'check', 'content/advisories');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/curated-feed\.yaml: feed "cityguard curated feed" — \d+ fact\(s\)/);
  });
});
