// `cityguard witness …`: an independent witness process with its own key, as another department or
// a neighbouring city would run it. Serves C2SP tlog-witness `POST /add-checkpoint` over HTTP and can
// poll ledger directories on the same machine; alarms go to stderr and alarms.jsonl.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidArgumentError, type Command } from 'commander';
import { parseVerifierKey, pollLedgerOnce, readAlarms, Witness, type NotePublicKey, type WitnessAlarm } from '../../../engines/ledger/index.js';
import { intOption, waitForShutdown } from '../command-options.js';

const MAX_BODY_BYTES = 64 * 1024;

function collectKey(value: string, previous: NotePublicKey[] = []): NotePublicKey[] {
  const text = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : existsSync(value) ? readFileSync(value, 'utf8') : value;
  try {
    return [...previous, parseVerifierKey(text)];
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(witness: Witness, stateDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://witness');
  if (req.method === 'POST' && url.pathname === '/add-checkpoint') {
    const body = await readBody(req);
    if (body === undefined) return void res.writeHead(413).end('request too large\n');
    const outcome = await witness.addCheckpoint(body);
    if (outcome.status === 'cosigned') return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(outcome.signatureLines);
    if (outcome.status === 'conflict') return void res.writeHead(409, { 'content-type': 'text/x.tlog.size' }).end(`${outcome.knownSize}\n`);
    return void res.writeHead(outcome.httpStatus, { 'content-type': 'text/plain; charset=utf-8' }).end(`${outcome.detail}\n`);
  }
  if (req.method === 'GET' && url.pathname === '/latest') {
    const latest = witness.latest(url.searchParams.get('origin') ?? '');
    return void (latest ? res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(latest.note) : res.writeHead(404).end('no checkpoint cosigned for that origin\n'));
  }
  if (req.method === 'GET' && url.pathname === '/alarms') {
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await readAlarms(stateDir)));
  }
  if (req.method === 'GET' && url.pathname === '/healthz') return void res.writeHead(200).end('ok\n');
  res.writeHead(404).end('not found\n');
}

function reportAlarm(alarm: WitnessAlarm): void {
  console.error(`ALARM ${alarm.kind} ${alarm.origin}: ${alarm.detail}`);
}

/** Registers `cityguard witness init|serve|status`. */
export function registerWitnessCommand(program: Command): void {
  const witness = program.command('witness').description('Run an independent witness that cosigns consistent ledger checkpoints');
  witness
    .command('init')
    .description('Create a witness state directory with a fresh Ed25519 key and print its verifier key')
    .requiredOption('--state-dir <dir>', 'witness state directory')
    .requiredOption('--name <name>', 'witness name, e.g. neighbour-city.example/witness')
    .action(async (o: { stateDir: string; name: string }) => console.log(await Witness.init(o.stateDir, o.name)));
  witness
    .command('serve')
    .description('Serve POST /add-checkpoint (C2SP tlog-witness) and optionally poll ledger directories')
    .requiredOption('--state-dir <dir>', 'witness state directory')
    .requiredOption('--log-key <vkey>', 'key of a log to witness (string, @file or path; repeatable)', collectKey)
    .option('--listen <host:port>', 'HTTP address', '127.0.0.1:7380')
    .option('--poll-data-dir <dir>', 'a ledger directory on this machine to poll (repeatable)', collect)
    .option('--poll-interval-ms <ms>', 'polling period', intOption, 5_000)
    .action(async (o: { stateDir: string; logKey: NotePublicKey[]; listen: string; pollDataDir?: string[]; pollIntervalMs: number }) => {
      const w = await Witness.open({ stateDir: o.stateDir, logs: o.logKey, onAlarm: reportAlarm });
      const server = await listen(w, o.stateDir, o.listen);
      const address = server.address() as AddressInfo;
      console.log(`witness ${w.key.name} listening on http://${address.address}:${address.port} for ${o.logKey.map((k) => k.name).join(', ')}`);
      const timer = o.pollDataDir ? setInterval(() => void pollAll(w, o.pollDataDir!), o.pollIntervalMs) : undefined;
      if (o.pollDataDir) await pollAll(w, o.pollDataDir);
      await waitForShutdown(async () => {
        if (timer) clearInterval(timer);
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });
    });
  witness
    .command('status')
    .description('Print the latest cosigned size per log and the alarms raised')
    .requiredOption('--state-dir <dir>', 'witness state directory')
    .action(async (o: { stateDir: string }) => {
      const w = await Witness.open({ stateDir: o.stateDir, logs: [] });
      console.log(`witness ${w.verifierKey}`);
      for (const [origin, log] of w.cosignedLogs()) console.log(`${origin}\tsize ${log.size}\tcosigned ${new Date(log.cosignedAt).toISOString()}`);
      const alarms = await readAlarms(o.stateDir);
      console.log(`${alarms.length} alarm(s)`);
      for (const a of alarms) console.log(`  ${new Date(a.ts).toISOString()} ${a.kind} ${a.origin}: ${a.detail}`);
      if (alarms.length > 0) process.exitCode = 2;
    });
}

function listen(w: Witness, stateDir: string, address: string): Promise<Server> {
  const m = /^(.+):(\d+)$/.exec(address);
  if (!m) throw new InvalidArgumentError('--listen must be host:port');
  const server = createServer((req, res) => {
    handle(w, stateDir, req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500).end('internal error\n');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(m[2]), m[1], () => resolve(server));
  });
}

async function pollAll(w: Witness, dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    try {
      const outcome = await pollLedgerOnce(w, dir);
      if (outcome && outcome.status !== 'cosigned') console.error(`poll ${dir}: ${outcome.status} (${'detail' in outcome ? outcome.detail : ''})`);
    } catch (err) {
      console.error(`poll ${dir}: ${(err as Error).message}`);
    }
  }
}
