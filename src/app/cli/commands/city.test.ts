import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

const SAMPLE = 'content/cities/sample-city.yaml';

describe('cityguard city validate', () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    vi.spyOn(process.stdout, 'write').mockImplementation(
      ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write,
    );
  });
  afterEach(() => vi.restoreAllMocks());

  const run = (...args: string[]) => main(['node', 'cityguard', 'city', 'validate', ...args]);

  it('summarises a valid city and exits 0', async () => {
    expect(await run(SAMPLE)).toBe(0);
    expect(out[0]).toMatch(/^Rivenau \(rivenau\), Europe\/Vienna, population 178,000: valid$/);
    expect(out.join('\n')).toMatch(/228 assets: .*breaker 21/);
  });

  it('prints every problem of a broken city as file:line:column and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-city-'));
    const file = join(dir, 'broken.yaml');
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    // Schema faults (a misspelt field, a bad kind) are all reported; the unknown zone only once they are fixed.
    const zoneLine = lines.findIndex((l) => l === '    zone: substations');
    lines[zoneLine] = '    zone: substation';
    const vendorLine = lines.findIndex((l, i) => i > zoneLine + 20 && l.startsWith('    vendor: '));
    lines[vendorLine] = lines[vendorLine]!.replace('vendor:', 'vendour:');
    const kindLine = lines.findIndex((l) => l === '    kind: siren');
    lines[kindLine] = '    kind: foghorn';
    writeFileSync(file, lines.join('\n'));
    expect(await run(file)).toBe(1);
    expect(out).toContain(
      `${file}:${kindLine + 1}:11: must be one of ${'"breaker"'}, "rtu", "serial-gateway", "protection-relay", "ups", "signal-controller", "plc", "tank", "pump", "valve", "pressure-sensor", "dosing-pump", "siren", "dispatch-server", "street-light", "camera", "nvr", "workstation", "hmi", "scada-server", "vpn-gateway", "domain-controller", "firewall", "server", "historian" (at ${pathOf(out, 'kind')})`,
    );
    expect(
      out.some((l) => l.startsWith(`${file}:${vendorLine + 1}:`) && l.includes('unknown field "vendour"')),
    ).toBe(true);
    expect(out.some((l) => l.startsWith(`${file}:`) && l.includes('missing required field "vendor"'))).toBe(
      true,
    );
    expect(out.filter((l) => l.startsWith(`${file}:`))).toHaveLength(3);
    expect(err.at(-1)).toBe(`${file}: 3 problem(s)`);
  });

  it('reports a reference to an unknown zone with its line once the schema passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-city-'));
    const file = join(dir, 'bad-ref.yaml');
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    const zoneLine = lines.findIndex((l) => l === '    zone: water');
    lines[zoneLine] = '    zone: waterworks';
    writeFileSync(file, lines.join('\n'));
    expect(await run(file)).toBe(1);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      new RegExp(
        `^${escape(file)}:${zoneLine + 1}:11: unknown zone "waterworks" \\(at /assets/\\d+/zone\\)$`,
      ),
    );
  });

  it('fails with a message, not a stack trace, when the file is missing', async () => {
    expect(await run('/no/such/city.yaml')).toBe(1);
    expect(err[0]).toMatch(/^\/no\/such\/city\.yaml: cannot read: ENOENT/);
  });

  it('explains itself with --help', async () => {
    expect(await run('--help')).toBe(0);
    expect(out.join('')).toMatch(/Usage: cityguard city validate \[options\] <file>/);
  });
});

function pathOf(lines: string[], field: string): string {
  const hit = lines.find((l) => l.includes(`/${field})`));
  return hit?.match(/\(at ([^)]+)\)$/)?.[1] ?? '?';
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
