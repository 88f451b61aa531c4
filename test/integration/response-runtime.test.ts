// Response inside the running platform, over real HTTP: an admin points response at an OpenC2
// endpoint, an SMTP relay and a webhook (all listeners in this test); beacons to an outside host
// arrive on the bus, the rules raise an alert, the office-ransomware playbook proposes actions with
// their cost; the notice goes out by e-mail and webhook at once; the block waits for an operator,
// then is POSTed as an OpenC2 deny and lifted again with undo; the incident is handled and
// exported as STIX 2.1; action changes arrive on the live action stream.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentPath, startRuntime, type Runtime } from '../../src/app/runtime/index.js';
import { RuntimeConfig, type Action, type Event, type Incident } from '../../src/domain/index.js';
import { OpenC2Firewall, TwinNetwork } from '../../src/operations/twin/index.js';
import { TOPICS } from '../../src/platform/bus/index.js';
import { loadContentText } from '../../src/platform/content/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { city, jsonListener, smtpListener } from './response-harness.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cityguard-response-'));
const firewall = new TwinNetwork(city, Date.now, () => false);
const consumer = new OpenC2Firewall(firewall);
let openc2: Awaited<ReturnType<typeof jsonListener>>;
let webhook: Awaited<ReturnType<typeof jsonListener>>;
let smtp: Awaited<ReturnType<typeof smtpListener>>;
let runtime: Runtime;
const token: Record<string, string> = {};

async function api<T = unknown>(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function until<T>(what: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  openc2 = await jsonListener((body) => consumer.handle(body));
  webhook = await jsonListener(() => ({ ok: true }));
  smtp = await smtpListener();
  const config = loadContentText<RuntimeConfig>(
    `
city: ${JSON.stringify(contentPath('cities', 'sample-city.yaml'))}
dataDir: ${JSON.stringify(dataDir)}
api: { host: 127.0.0.1, port: 0 }
mqtt: { embedded: { enabled: false } }
syslog: { enabled: false }
`,
    'response test configuration',
    RuntimeConfig,
  );
  runtime = await startRuntime(config, { logger: silentLogger() });
  for (const [user, role] of [['root', 'admin'], ['alice', 'operator'], ['bob', 'operator'], ['vera', 'viewer']] as const) token[user] = await runtime.createToken(user, role);
});

afterAll(async () => {
  await runtime?.stop();
  await Promise.all([openc2?.close(), webhook?.close(), smtp?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('response in the running platform', () => {
  it('lets only an admin change where actions go', async () => {
    const settings = {
      openc2: { url: openc2.url, timeoutMs: 5000 },
      webhook: { url: webhook.url, timeoutMs: 5000 },
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'cityguard@rivenau.example', heloName: 'cityguard', timeoutMs: 5000 },
      tickets: {},
      dryRun: false,
      drillApprovers: [],
    };
    expect((await api('alice', 'PUT', '/api/response/config', settings)).status).toBe(403);
    expect((await api('alice', 'GET', '/api/response/config')).status).toBe(403);
    const put = await api('root', 'PUT', '/api/response/config', settings);
    expect(put.status).toBe(200);
    expect((await api('root', 'GET', '/api/response/config')).body).toMatchObject({ openc2: { url: openc2.url } });
  });

  it('turns beacons into proposed actions, sends the notice at once, and blocks only after approval', async () => {
    const stream = await fetch(`${runtime.url}/api/actions/stream?token=${token['vera']}`);
    const reader = stream.body!.getReader();
    const now = Date.now();
    for (let i = 0; i < 6; i++) {
      const e: Event = {
        id: `beacon-${i}`, ts: now - (5 - i) * 60_000, receivedTs: now, source: 'syslog', type: 'network', assetId: 'ws-fin-01',
        srcIp: '10.10.20.11', dstIp: '203.0.113.77', dstPort: 443, transport: 'tcp', protocol: 'https', action: 'POST', attrs: { http_host: 'cdn-update-msoffice.example.net' },
      };
      await runtime.bus.publish(TOPICS.eventReceived, e, { key: 'ws-fin-01', id: e.id });
    }
    const actions = await until(async () => {
      const page = (await api<{ items: Action[] }>('vera', 'GET', '/api/actions')).body.items;
      const done = (kind: string) => page.some((a) => a.kind === kind && a.status === 'done');
      return done('notify') && done('open-ticket') && page.some((a) => a.kind === 'block-address') ? page : undefined;
    });
    const block = actions.find((a) => a.kind === 'block-address')!;
    const isolate = actions.find((a) => a.kind === 'isolate-device')!;
    expect(block).toMatchObject({ status: 'awaiting-approval', target: { id: '203.0.113.77' }, interruptsService: false, requiredApprovals: { count: 1 } });
    expect(isolate).toMatchObject({ status: 'awaiting-approval', target: { id: 'ws-fin-01' }, interruptsService: true, requiredApprovals: { count: 2 } });
    expect(isolate.cost?.people).toBeGreaterThan(0);
    expect(openc2.bodies).toEqual([]); // nothing blocked before a person says so

    const mail = await until(async () => smtp.mails[0]);
    expect(mail.to.sort()).toEqual(['it-leitung@rivenau.example', 'security@rivenau.example']);
    expect(mail.headers).toMatch(/^Subject: cityguard: ransomware precursor/m);
    expect(mail.text).toMatch(/offline backups/);
    expect(webhook.bodies[0]).toMatchObject({ type: 'cityguard.notice', actionId: expect.stringMatching(/^act-/) });
    const tickets = readdirSync(join(dataDir, 'tickets'));
    expect(JSON.parse(readFileSync(join(dataDir, 'tickets', tickets[0]!), 'utf8'))).toMatchObject({ status: 'open', queue: 'it-security' });

    expect((await api('vera', 'POST', `/api/actions/${block.id}/approve`, {})).status).toBe(403);
    const approved = await api<Action>('alice', 'POST', `/api/actions/${block.id}/approve`, { comment: 'C2 server, block it' });
    expect(approved.body).toMatchObject({ status: 'done', params: { ruleNumber: 1 } });
    expect(String(approved.body.params['nftables'])).toMatch(/nft add element inet cityguard blocked4 '\{ 203\.0\.113\.77 timeout 1440m \}'/);
    expect(openc2.bodies[0]).toMatchObject({ body: { openc2: { request: { action: 'deny', target: { ipv4_net: '203.0.113.77/32' } } } } });
    expect(firewall.addressCut('203.0.113.77')).toBe(true);

    const first = await api('alice', 'POST', `/api/actions/${isolate.id}/approve`, {});
    expect(first.body).toMatchObject({ status: 'awaiting-approval' });
    const again = await api<{ error: string }>('alice', 'POST', `/api/actions/${isolate.id}/approve`, {});
    expect(again).toMatchObject({ status: 409, body: { error: 'CG_RESPONSE_SAME_APPROVER' } });

    const undone = await api<Action>('bob', 'POST', `/api/actions/${block.id}/undo`, { reason: 'host cleaned' });
    expect(undone.body.status).toBe('undone');
    expect(openc2.bodies[1]).toMatchObject({ body: { openc2: { request: { action: 'delete', target: { 'slpf:rule_number': 1 } } } } });
    expect(firewall.addressCut('203.0.113.77')).toBe(false);

    let seen = '';
    while (!seen.includes('"status":"undone"')) seen += new TextDecoder().decode((await reader.read()).value);
    expect(seen).toMatch(/event: action\ndata: \{"id":"act-/);
    await reader.cancel();
  });

  it('handles the incident: workflow, notes, assignment, evidence, continuity and exports', async () => {
    // A playbook started on it, so it is triaged — also after the correlation stage stored its own copy.
    const incident = await until(async () => (await api<{ items: Incident[] }>('vera', 'GET', '/api/incidents')).body.items.find((i) => i.status === 'triaged'));
    const bad = await api<{ error: string }>('alice', 'POST', `/api/incidents/${incident!.id}/status`, { status: 'closed' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'CG_RESPONSE_NOTE_REQUIRED' } });
    expect((await api<{ error: string }>('alice', 'POST', `/api/incidents/${incident!.id}/status`, { status: 'recovered' })).body.error).toBe('CG_RESPONSE_TRANSITION');
    await api('alice', 'POST', `/api/incidents/${incident!.id}/assign`, { assignee: 'bob' });
    await api('alice', 'POST', `/api/incidents/${incident!.id}/notes`, { text: 'Called the finance department; the PC is being reimaged.' });
    await api('bob', 'POST', `/api/incidents/${incident!.id}/evidence`, { text: 'Proxy log excerpt', ref: 'sha256:4f1c…' });
    const contained = await api<Incident>('bob', 'POST', `/api/incidents/${incident!.id}/status`, { status: 'contained', note: 'C2 blocked, PC off the network' });
    expect(contained.body).toMatchObject({ status: 'contained', assignee: 'bob' });
    expect(contained.body.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['alert', 'action', 'approval', 'status', 'note', 'assignment', 'evidence']));

    const continuity = await api<{ blastRadius: { people: number }; options: Array<{ kind: string; assessment: { cost: { people: number } } }> }>('vera', 'GET', `/api/incidents/${incident!.id}/continuity`);
    const costs = continuity.body.options.map((o) => o.assessment.cost.people);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(continuity.body.options[0]).toMatchObject({ kind: 'block-address' });

    const json = await api<{ format: string; actions: Action[]; evidence: unknown[] }>('vera', 'GET', `/api/incidents/${incident!.id}/export?format=json`);
    expect(json.body).toMatchObject({ format: 'cityguard-incident/1', evidence: [{ text: 'Proxy log excerpt', by: 'bob' }] });
    expect(json.body.actions.length).toBeGreaterThanOrEqual(4);
    const stix = await api<{ type: string; objects: Array<Record<string, unknown>> }>('vera', 'GET', `/api/incidents/${incident!.id}/export?format=stix`);
    expect(stix.body.type).toBe('bundle');
    const patterns = stix.body.objects.filter((o) => o['type'] === 'indicator').map((o) => o['pattern']);
    expect(patterns).toEqual(expect.arrayContaining(["[ipv4-addr:value = '203.0.113.77']", "[domain-name:value = 'cdn-update-msoffice.example.net']"]));
  });
});
