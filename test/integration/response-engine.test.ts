// The action lifecycle on a real drill world: proposals show their cost, an interrupting action
// needs two different approvers whatever was asked, roles are checked, rejected and timed-out
// actions never run, expiring blocks lift themselves unless renewed, dry runs change nothing, and
// incident-triggered playbooks start on the incident's stage and severity.
import { describe, expect, it, vi } from 'vitest';
import { DrillWorld } from '../../src/operations/drills/index.js';
import { parsePlaybookText } from '../../src/operations/response/index.js';
import { alice, bob, city, rules } from './response-harness.js';

vi.setConfig({ testTimeout: 120_000 });

async function world(playbookYaml?: string) {
  const playbooks = playbookYaml ? [parsePlaybookText(playbookYaml, 'test.yaml').playbook!] : [];
  const w = await DrillWorld.create({ city, rules, playbooks, seed: 3, startMs: Date.UTC(2025, 2, 12, 9, 0) });
  await w.advance(10_000);
  return w;
}

describe('actions proposed by people', () => {
  it('shows the cost before approval and raises an interrupting action to two approvers', async () => {
    const w = await world();
    const a = await w.engine!.propose(
      { kind: 'fallback-mode', target: { type: 'service', id: 'traffic-downtown' }, params: { mode: 'flashing' }, reason: 'test', approvals: { role: 'operator', count: 1 } },
      alice,
    );
    expect(a).toMatchObject({ status: 'awaiting-approval', interruptsService: true, requiredApprovals: { count: 2 }, requestedBy: 'alice' });
    expect(a.cost!.people).toBe(Math.round(28_000 * (1 - 0.45)));
    expect(a.cost!.services).toContain('traffic-downtown');
    await expect(w.engine!.approve(a.id, { user: 'vera', role: 'viewer' })).rejects.toMatchObject({ code: 'CG_RESPONSE_APPROVER_ROLE' });
    await w.engine!.approve(a.id, alice);
    await expect(w.engine!.approve(a.id, alice)).rejects.toMatchObject({ code: 'CG_RESPONSE_SAME_APPROVER' });
    expect((w.twin.device('sig-hauptplatz') as unknown as { mode: string }).mode).toBe('coordinated');
    const done = await w.await(w.engine!.approve(a.id, bob));
    expect(done.status).toBe('done');
    expect((w.twin.device('sig-hauptplatz') as unknown as { mode: string }).mode).toBe('flashing');
    await w.close();
  });

  it('never runs a rejected action or one nobody approved in time', async () => {
    const w = await world();
    const rejected = await w.engine!.propose({ kind: 'safe-mode', target: { type: 'asset', id: 'siren-01' }, reason: 'test' }, alice);
    await w.engine!.reject(rejected.id, bob, 'not needed');
    await expect(w.engine!.approve(rejected.id, alice)).rejects.toMatchObject({ code: 'CG_RESPONSE_BAD_STATE' });
    const timed = await w.engine!.propose({ kind: 'safe-mode', target: { type: 'asset', id: 'siren-02' }, reason: 'test', timeoutMs: 60_000 }, alice);
    await w.advance(61_000);
    expect((await w.store.actions.get(timed.id))!).toMatchObject({ status: 'expired', result: 'not approved within 0.02 h' });
    expect(w.twin.device('siren-01')!.safeMode || w.twin.device('siren-02')!.safeMode).toBe(false);
    await w.close();
  });

  it('lifts a block when it expires unless it is renewed, and refuses targets that do not fit', async () => {
    const w = await world();
    const block = await w.engine!.propose({ kind: 'block-address', target: { type: 'address', id: '198.51.100.23' }, reason: 'test', expiresAfterMs: 3_600_000 }, alice);
    expect(block).toMatchObject({ interruptsService: false, requiredApprovals: { count: 1 } });
    await w.engine!.approve(block.id, bob);
    expect(w.twin.network.addressCut('198.51.100.23')).toBe(true);
    await w.advance(50 * 60_000, 10_000);
    await w.engine!.renew(block.id, alice);
    await w.advance(50 * 60_000, 10_000);
    expect(w.twin.network.addressCut('198.51.100.23')).toBe(true); // renewed at 50 min: now runs to 110 min
    await w.advance(15 * 60_000, 10_000);
    expect(w.twin.network.addressCut('198.51.100.23')).toBe(false);
    expect((await w.store.actions.get(block.id))!.status).toBe('expired');
    await expect(w.engine!.propose({ kind: 'block-address', target: { type: 'address', id: 'not-an-ip' }, reason: 'x' }, alice)).rejects.toMatchObject({ code: 'CG_RESPONSE_BAD_TARGET' });
    await expect(w.engine!.propose({ kind: 'fallback-mode', target: { type: 'service', id: 'hospital' }, reason: 'x' }, alice)).rejects.toMatchObject({ code: 'CG_RESPONSE_BAD_TARGET' });
    await w.close();
  });

  it('a dry run goes through approvals but changes nothing', async () => {
    const w = await world();
    const a = await w.engine!.propose({ kind: 'isolate-device', target: { type: 'asset', id: 'cam-hauptplatz' }, reason: 'rehearsal', dryRun: true }, alice);
    await w.engine!.approve(a.id, alice);
    const done = await w.engine!.approve(a.id, bob);
    expect(done).toMatchObject({ status: 'done', dryRun: true, result: 'dry run — would revoke the broker credential of cam-hauptplatz and close its session' });
    expect(w.twin.network.isConnected('cam-hauptplatz')).toBe(true);
    await w.close();
  });
});

describe('incident-triggered playbooks', () => {
  it('start when the incident reaches the stage and severity they name, once per incident', async () => {
    const w = await world(`
id: grid-under-attack
title: Grid under attack
description: when an incident reaches the process, switch the affected districts to manual
trigger:
  incident: { minSeverity: high, stageAtLeast: impair-process-control, serviceKinds: [power] }
steps:
  - id: manual
    name: manual switching
    do: fallback-mode
    target: { services: { of: incident, kinds: [power] } }
    params: { mode: manual }
    reason: '{{incident.title}}'
`);
    for (const [i, id] of ['ss-east-f1', 'ss-east-f2'].entries())
      w.twin.command(id, { command: 'breaker.open', actor: { user: 'x', host: 'rv-fin-0' + (i + 1), ip: `10.10.20.1${i + 1}` } });
    await w.advance(5_000);
    const actions = await w.actions();
    expect(actions.map((a) => `${a.kind} ${a.target.id} ${a.status}`)).toEqual(['fallback-mode power-east awaiting-approval']);
    await w.close();
  });
});

describe('playbook files', () => {
  const base = (step: string) => `id: p
title: t
description: d
trigger: { alert: { detectors: [vpn-login-at-odd-hour] } }
steps:
${step}`;

  it('refuse fewer than two approvals for an action that can interrupt a public service, with file and line', () => {
    const r = parsePlaybookText(
      base(`  - id: s
    name: n
    do: isolate-device
    target: { assets: { of: alert } }
    reason: r
    approvals: { role: operator, count: 1 }
`),
      'pb.yaml',
    );
    expect(r.playbook).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ file: 'pb.yaml', line: 11, path: '/steps/0/approvals/count', message: expect.stringMatching(/at least 2 approvals/) })]);
  });

  it('report unknown detectors, wrong targets, steps waiting on later steps and unknown fields', () => {
    const r = parsePlaybookText(
      base(`  - id: a
    name: n
    do: block-address
    target: { people: { roles: [ciso] } }
    after: [b]
    reason: r
  - id: b
    name: n
    do: notify
    target: { people: { roles: [ciso] } }
    reason: r
    colour: blue
`),
      'pb.yaml',
      { detectors: new Set(['something-else']) },
    );
    expect(r.problems.map((p) => `${p.line} ${p.message}`)).toEqual([expect.stringMatching(/^17 .*colour/)]);
    const semantic = parsePlaybookText(
      base(`  - id: a
    name: n
    do: block-address
    target: { people: { roles: [ciso] } }
    after: [b]
    reason: r
`),
      'pb.yaml',
      { detectors: new Set(['something-else']) },
    );
    expect(semantic.problems.map((p) => p.message)).toEqual([
      '"b" is not an earlier step of this playbook',
      'block-address takes a target of address or assets',
      'no rule or detector "vpn-login-at-odd-hour"',
    ]);
  });
});
