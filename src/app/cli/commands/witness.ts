// `cityguard witness …`: an independent witness process with its own key, as another department or
// a neighbouring city would run it. Serves C2SP tlog-witness `POST /add-checkpoint` over HTTP and can
// poll ledger directories on the same machine; alarms go to stderr and alarms.jsonl.
import { existsSync, readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { parseVerifierKey, pollLedgerOnce, readAlarms, serveWitness, Witness, type NotePublicKey, type WitnessAlarm } from '../../../engines/ledger/index.js';
import { intOption, waitForShutdown } from '../command-options.js';

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
      const m = /^(.+):(\d+)$/.exec(o.listen);
      if (!m) throw new InvalidArgumentError('--listen must be host:port');
      const server = await serveWitness(w, o.stateDir, m[1]!, Number(m[2]));
      console.log(`witness ${w.key.name} listening on ${server.url} for ${o.logKey.map((k) => k.name).join(', ')}`);
      const timer = o.pollDataDir ? setInterval(() => void pollAll(w, o.pollDataDir!), o.pollIntervalMs) : undefined;
      if (o.pollDataDir) await pollAll(w, o.pollDataDir);
      await waitForShutdown(async () => {
        if (timer) clearInterval(timer);
        await server.close();
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
