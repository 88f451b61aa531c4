// `cityguard rules test` end to end through the command-line entry point, on a recorded JSONL file
// with bad lines in it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/app/cli/main.js';

const T0 = Date.parse('2025-03-12T14:00:00Z'); // Wed 15:00 in Vienna
const ev = (id: string, atS: number, body: Record<string, unknown>) => JSON.stringify({ id, ts: T0 + atS * 1000, receivedTs: T0 + atS * 1000, source: 'twin', ...body });
const lines = [
  ev('e1', 0, { type: 'command', assetId: 'ss-north-f1', command: 'breaker.open', args: {}, actor: { host: 'rv-fin01' } }),
  'this is not json',
  ev('e2', 60, { type: 'telemetry', assetId: 'res-north', metrics: { level_m: 3.1 } }),
  JSON.stringify({ id: 'e3', type: 'telemetry', ts: 'soon' }),
  '',
  ev('e4', 30, { type: 'telemetry', assetId: 'gw-ss-north-1', metrics: { link_up: true } }),
  ev('e1', 0, { type: 'command', assetId: 'ss-north-f1', command: 'breaker.open', args: {}, actor: { host: 'rv-fin01' } }),
];

function files(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-rules-cli-'));
  writeFileSync(join(dir, 'events.jsonl'), `${lines.join('\n')}\n`);
  return join(dir, 'events.jsonl');
}

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    const code = await main(['node', 'cityguard', 'rules', 'test', ...args]);
    return { code, out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('cityguard rules test', () => {
  const city = ['--city', 'content/rules/examples/city.yaml'];

  it('shows the rules that fired with their explanation, counts bad lines by number, and says why others did not', async () => {
    const { code, out } = await run('content/rules', files(), ...city);
    expect(code).toBe(0);
    expect(out).toContain('events: 6 line(s)');
    expect(out).toMatch(/4 valid, 2 bad, 1 duplicate\(s\)/);
    expect(out).toMatch(/line 2: not JSON/);
    expect(out).toMatch(/line 4: .*\/ts must be number/);
    expect(out).toMatch(/● breaker-command-from-unexpected-host .* 1 alert\(s\)/);
    expect(out).toContain('events e1 (line 1)');
    expect(out).toContain('What: The command breaker.open reached North feeder 1 breaker (ss-north-f1) from Finance office PC 1');
    expect(out).toMatch(/○ tank-level-out-of-bounds — 1 telemetry events from tank, none met the conditions/);
    expect(out).toMatch(/nearest: e2 \(line 3\) on res-north failed: .*asset\.params\.heightM is 6\.5/);
    expect(out).toMatch(/○ control-device-silent — 1 of 1 telemetry events .* longest quiet spell/);
  });

  it('lets time run on after the last event when asked, so a silent device is noticed', async () => {
    const { out } = await run('content/rules', files(), ...city, '--advance', '10m');
    expect(out).toMatch(/● control-device-silent .* 1 alert\(s\)/);
  });

  it('prints one JSON report with --json', async () => {
    const { code, out } = await run('content/rules/breaker-command-from-unexpected-host.yaml', files(), ...city, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { events: { bad: number; badLines: Array<{ line: number }> }; rules: Array<{ ruleId: string; alerts: unknown[] }> };
    expect(report.events.badLines.map((b) => b.line)).toEqual([2, 4]);
    expect(report.rules).toHaveLength(1);
    expect(report.rules[0]!.alerts).toHaveLength(1);
  });

  it('fails with a coded error when the rules or the events cannot be read', async () => {
    expect(await run('content/no-such-rules', files(), ...city)).toMatchObject({ code: 1, out: expect.stringContaining('CG_DETECTION_RULES_NOT_FOUND') });
    expect(await run('content/rules', '/nonexistent/events.jsonl', ...city)).toMatchObject({ code: 1, out: expect.stringContaining('CG_DETECTION_EVENTS_UNREADABLE') });
  });
});
