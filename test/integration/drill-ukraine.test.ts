// The Ukraine 2015 drill on the sample city, as `cityguard drill run ukraine-2015` runs it: with
// playbooks and drill approvers (auto) the city loses at least 80% fewer customer-minutes than with
// no response on the same seed, and no action that interrupts a public service runs before two
// different people approved it. The command prints one JSON object with the fields the issue asks.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/app/cli/main.js';
import { runDrill, type DrillReport } from '../../src/operations/drills/index.js';
import { loadScenarioFile } from '../../src/operations/twin/index.js';
import { city, library, rules } from './response-harness.js';

vi.setConfig({ testTimeout: 900_000 }); // two simulated hours of the whole city, twice, on a shared machine

const scenario = loadScenarioFile('content/scenarios/ukraine-2015.yaml', city);
const seed = 23;
let auto: DrillReport;
let none: DrillReport;

afterAll(() => {
  if (auto && none) console.log(`ukraine-2015 seed ${seed}: none ${none.customer_minutes_lost} vs auto ${auto.customer_minutes_lost} customer-minutes`);
});

describe('drill run ukraine-2015', () => {
  it('loses at least 80% fewer customer-minutes with response auto than with none, on the same seed', async () => {
    none = await runDrill({ city, scenario, rules, playbooks: library, response: 'none', seed });
    auto = await runDrill({ city, scenario, rules, playbooks: library, response: 'auto', seed });
    expect(none.detected && auto.detected).toBe(true);
    expect(none.actions).toEqual([]);
    expect(none.time_to_contain_s).toBeNull();
    expect(none.customer_minutes_lost).toBeGreaterThan(1_000_000);
    expect(auto.customer_minutes_lost).toBeLessThanOrEqual(0.2 * none.customer_minutes_lost);
    expect(auto.time_to_contain_s).not.toBeNull();
    // The power outage itself did not happen: the breaker step found its way in cut off.
    expect(auto.steps.find((s) => s.id === 'breakers-open')!.outcomes).toEqual({ blocked: expect.any(Number) });
    expect(none.steps.find((s) => s.id === 'breakers-open')!.outcomes).toMatchObject({ ok: expect.any(Number) });
  });

  it('runs no service-interrupting action before two different people approved it', () => {
    const interrupting = auto.actions.filter((a) => a.interrupts_service && a.executed_s !== null);
    expect(interrupting.length).toBeGreaterThan(0);
    for (const a of interrupting) {
      const before = auto.approvals.filter((p) => p.action === a.id && p.at_s <= a.executed_s!);
      expect.soft(new Set(before.map((p) => p.by)).size, `${a.kind} ${a.target}`).toBeGreaterThanOrEqual(2);
      expect.soft(a.approvals_required, `${a.kind} ${a.target}`).toBeGreaterThanOrEqual(2);
    }
    expect(auto.interrupting_actions_run_without_approvals).toBe(0);
  });

  it('prints one JSON object with detection, containment, customer-minutes, actions and approvals', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    try {
      const code = await main(['node', 'cityguard', 'drill', 'run', 'ukraine-2015', '--response', 'none', '--seed', '5', '--json', '--warmup-s', '60', '--observe-s', '120', '--step-ms', '2000']);
      expect(code).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]!) as Record<string, unknown>;
    for (const key of ['detected', 'time_to_detect_s', 'time_to_contain_s', 'customer_minutes_lost', 'actions', 'approvals']) expect(report).toHaveProperty(key);
    expect(report).toMatchObject({ scenario: 'ukraine-2015', seed: 5, response: 'none', detected: true });
  });
});
