// The channels actions reach the world through, each against a real listener: the SMTP client
// (refused recipients surface as CG_RESPONSE_SMTP), OpenC2 over HTTP to the twin's firewall
// consumer (deny answers a rule number, delete lifts it, an unsupported target is refused), the
// block that has no endpoint (fails and says which nftables commands to type), and ticket files.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Action } from '../../src/domain/index.js';
import { buildActuators, deleteRule, denyAddress, FileTicketSink, HttpOpenC2Client, SmtpClient } from '../../src/operations/response/index.js';
import { OpenC2Firewall, TwinNetwork } from '../../src/operations/twin/index.js';
import { city, jsonListener, smtpListener } from './response-harness.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of closers) await c();
});

const action = (over: Partial<Action>): Action => ({
  id: 'act-0123456789abcdef0123', kind: 'notify', target: { type: 'people', id: 'ciso' }, params: {}, status: 'approved', reason: 'test reason',
  requestedBy: 'alice', requestedTs: 0, interruptsService: false, requiredApprovals: { count: 0, role: 'operator' }, approvals: [], dryRun: false, ...over,
});

describe('SMTP client', () => {
  it('delivers a UTF-8 message with dot-stuffing through a relay', async () => {
    const relay = await smtpListener();
    closers.push(relay.close);
    const client = new SmtpClient({ host: '127.0.0.1', port: relay.port, from: 'cityguard@rivenau.example' });
    const reply = await client.send({ to: ['a@rivenau.example', 'b@rivenau.example'], subject: 'Stromausfall Nordstadt – Lage', text: 'Zeile 1\n.eine Zeile mit Punkt\nÄnderung' });
    expect(reply).toMatch(/^250/);
    expect(relay.mails[0]).toMatchObject({ from: 'cityguard@rivenau.example', to: ['a@rivenau.example', 'b@rivenau.example'] });
    expect(relay.mails[0]!.headers).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(relay.mails[0]!.text).toBe('Zeile 1\r\n.eine Zeile mit Punkt\r\nÄnderung');
  });

  it('reports a refused recipient as CG_RESPONSE_SMTP and a dead relay as well', async () => {
    const relay = await smtpListener(/nobody/);
    closers.push(relay.close);
    const client = new SmtpClient({ host: '127.0.0.1', port: relay.port, from: 'cityguard@rivenau.example' });
    await expect(client.send({ to: ['nobody@rivenau.example'], subject: 's', text: 't' })).rejects.toMatchObject({ code: 'CG_RESPONSE_SMTP', details: { step: 'RCPT TO nobody@rivenau.example' } });
    await expect(new SmtpClient({ host: '127.0.0.1', port: 1, from: 'x@y.z', timeoutMs: 2000 }).send({ to: ['a@b.c'], subject: 's', text: 't' })).rejects.toMatchObject({ code: 'CG_RESPONSE_SMTP' });
  });
});

describe('OpenC2 over HTTP to the twin firewall', () => {
  it('denies an address, answers its rule number, deletes it, and refuses what SLPF here cannot do', async () => {
    const network = new TwinNetwork(city, Date.now, () => false);
    const endpoint = await jsonListener((body) => new OpenC2Firewall(network).handle(body));
    closers.push(endpoint.close);
    const client = new HttpOpenC2Client({ url: endpoint.url });
    const deny = await client.send(denyAddress('2001:db8::66'));
    expect(deny).toMatchObject({ status: 200, results: { slpf: { rule_number: 1 } } });
    expect(network.addressCut('2001:db8::66')).toBe(true);
    expect(await client.send(deleteRule(1))).toMatchObject({ status: 200 });
    expect(network.addressCut('2001:db8::66')).toBe(false);
    expect(await client.send(deleteRule(1))).toMatchObject({ status: 404 });
    expect(await client.send({ action: 'deny', target: { ipv4_net: '10.0.0.0/8' } })).toMatchObject({ status: 501 });
    expect(await client.send({ action: 'query', target: { features: ['profiles'] } })).toMatchObject({ status: 200, results: { profiles: ['slpf'] } });
  });

  it('without an endpoint a block fails and says which nftables commands to apply by hand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-tickets-'));
    const none = { send: async () => 'unused' };
    const actuators = buildActuators({
      city,
      commands: { sendAndWait: async () => ({ result: 'ok' }) },
      credentials: { revoke: async () => undefined, issue: async () => ({ username: 'u', password: 'p' }), rotate: async () => ({ username: 'u', password: 'p' }) },
      handover: { deliver: async () => 'delivered' },
      notifications: none,
      tickets: new FileTicketSink(dir, () => 42),
    });
    const block = action({ kind: 'block-address', target: { type: 'address', id: '203.0.113.5' }, params: { expiresAfterMs: 7_200_000 } });
    await expect(actuators['block-address'].perform(block)).rejects.toMatchObject({
      code: 'CG_RESPONSE_NOT_CONFIGURED',
      message: expect.stringContaining("nft add element inet cityguard blocked4 '{ 203.0.113.5 timeout 120m }'"),
    });
    const ticket = action({ kind: 'open-ticket', target: { type: 'people', id: 'queue:grid-operations' }, params: { queue: 'grid-operations', title: 'Re-flash' }, incidentId: 'inc-1' });
    const opened = await actuators['open-ticket'].perform(ticket);
    const file = join(dir, `${String(opened.params!['ticketRef'])}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ status: 'open', queue: 'grid-operations', title: 'Re-flash', incidentId: 'inc-1', openedTs: 42 });
    await actuators['open-ticket'].undo({ ...ticket, params: { ...ticket.params, ...opened.params } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ status: 'closed', closeNote: expect.stringMatching(/undone/) });
  });
});
