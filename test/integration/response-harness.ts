// Shared by the response tests: a drill world (twin + ingest pipeline + rules + correlator +
// response engine, all real) running a few shipped playbooks against a small attack scenario, and
// helpers to approve what waits and to look at actions by step.
import type { Action, Playbook } from '../../src/domain/index.js';
import { parseRules, loadTechniqueTable, type CompiledRule } from '../../src/engines/detection/index.js';
import { DrillWorld } from '../../src/operations/drills/index.js';
import { loadPlaybooks, type ResponsePrincipal } from '../../src/operations/response/index.js';
import { loadScenarioText, ScenarioRunner, scenarioStartMs } from '../../src/operations/twin/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';

export const city = loadCityFile('content/cities/sample-city.yaml');
/** The shipped rules that load (files another change is still editing are left out, not failed on). */
export const rules: readonly CompiledRule[] = parseRules('content/rules', loadTechniqueTable()).rules;
export const library: readonly Playbook[] = loadPlaybooks('content/playbooks', { detectors: new Set(rules.map((r) => r.id)) }).playbooks;

export const alice: ResponsePrincipal = { user: 'alice', role: 'operator' };
export const bob: ResponsePrincipal = { user: 'bob', role: 'operator' };

/** A world running the named playbooks, warmed up, with the scenario started. */
export async function attack(playbookIds: readonly string[], scenarioYaml: string, runS: number) {
  const scenario = loadScenarioText(scenarioYaml, 'test-scenario.yaml', city);
  const playbooks = library.filter((p) => playbookIds.includes(p.id));
  if (playbooks.length !== playbookIds.length) throw new Error(`unknown playbook in ${playbookIds.join(', ')}`);
  const startMs = scenarioStartMs(scenario, city, Date.UTC(2025, 2, 12, 12, 0));
  const world = await DrillWorld.create({ city, rules, playbooks, seed: 11, startMs: startMs - 60_000 });
  await world.advance(60_000);
  const runner = new ScenarioRunner({ twin: world.twin, scenario });
  runner.start();
  await world.advance(runS * 1000);
  return { world, runner };
}

/** Actions of one playbook step, as stored now. */
export async function stepActions(world: DrillWorld, playbookId: string, stepId: string): Promise<Action[]> {
  return (await world.actions()).filter((a) => a.playbookId === playbookId && a.params['playbookStep'] === stepId);
}

/** Approves every waiting action (two different people where two are needed) and lets them run. */
export async function approveWaiting(world: DrillWorld): Promise<Action[]> {
  const waiting = (await world.actions()).filter((a) => a.status === 'awaiting-approval');
  for (const a of waiting) {
    const given = new Set(a.approvals.map((p) => p.by));
    const fresh = [alice, bob].filter((p) => !given.has(p.user));
    for (const p of fresh.slice(0, a.requiredApprovals.count - given.size)) await world.await(world.engine!.approve(a.id, p));
  }
  await world.settle();
  return waiting;
}

/** Undoes every action of a playbook that was carried out, as an operator would: what fails (a device still off the network) is tried again after the rest. */
export async function undoAll(world: DrillWorld, playbookId: string): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    const done = (await world.actions()).filter((x) => x.playbookId === playbookId && x.status === 'done');
    if (done.length === 0) return;
    for (const a of done) await world.await(world.engine!.undo(a.id, alice, 'test: drill over')).catch(() => undefined);
  }
  const left = (await world.actions()).filter((x) => x.playbookId === playbookId && x.status === 'done');
  if (left.length > 0) throw new Error(`could not undo ${left.map((a) => `${a.kind} ${a.target.id}`).join(', ')}`);
}

/** One message an SMTP listener received. */
export interface ReceivedMail {
  from: string;
  to: string[];
  headers: string;
  text: string;
}

/** A small SMTP server for tests: accepts every message (or refuses recipients matching `refuse`), decodes base64 bodies. */
export async function smtpListener(refuse?: RegExp): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const { createServer } = await import('node:net');
  const mails: ReceivedMail[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let data: string[] | undefined;
    let mail: ReceivedMail = { from: '', to: [], headers: '', text: '' };
    socket.write('220 test-relay ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (data) {
          if (line !== '.') {
            data.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          const raw = data.join('\r\n');
          const split = raw.indexOf('\r\n\r\n');
          mail.headers = raw.slice(0, split);
          mail.text = Buffer.from(raw.slice(split + 4).replace(/\r\n/g, ''), 'base64').toString('utf8');
          mails.push(mail);
          mail = { from: '', to: [], headers: '', text: '' };
          data = undefined;
          socket.write('250 2.0.0 queued\r\n');
        } else if (/^EHLO /i.test(line)) socket.write('250-test-relay\r\n250 8BITMIME\r\n');
        else if (/^MAIL FROM:/i.test(line)) {
          mail.from = line.slice(10).replace(/[<>]/g, '');
          socket.write('250 ok\r\n');
        } else if (/^RCPT TO:/i.test(line)) {
          const to = line.slice(8).replace(/[<>]/g, '');
          if (refuse?.test(to)) socket.write('550 5.1.1 no such user\r\n');
          else {
            mail.to.push(to);
            socket.write('250 ok\r\n');
          }
        } else if (/^DATA$/i.test(line)) {
          data = [];
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT$/i.test(line)) {
          socket.end('221 bye\r\n');
        } else socket.write('502 not implemented\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** An HTTP server that records JSON POSTs and answers with `reply(body)`. */
export async function jsonListener(reply: (body: unknown) => unknown): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(text) as unknown;
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply(body) ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
