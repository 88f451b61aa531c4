// `cityguard ledger …`: create, append to, checkpoint, prove and verify the tamper-evident ledger
// offline, straight from its data directory. Over 200 lines because the six subcommands share
// their option parsing here; each action is a few lines calling the ledger engine.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  consistencyBundle,
  inclusionBundle,
  Ledger,
  parseVerifierKey,
  readWitnesses,
  verifyLedger,
  verifyProofBundle,
  WitnessCosigning,
  writeWitnesses,
  type LedgerVerifyReport,
  type NotePublicKey,
  type WitnessConfig,
} from '../../../engines/ledger/index.js';
import { intOption } from '../command-options.js';

const DEFAULT_ORIGIN = 'cityguard.local/ledger';

/** A key argument: the key string itself, `@file`, or a path to a file holding it. */
function keyArg(value: string): NotePublicKey {
  const text = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : existsSync(value) ? readFileSync(value, 'utf8') : value;
  try {
    return parseVerifierKey(text);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function collectKey(value: string, previous: NotePublicKey[] = []): NotePublicKey[] {
  return [...previous, keyArg(value)];
}

/** `<vkey>=<url>`: a witness's cosigning key and its submission URL. */
function collectWitness(value: string, previous: WitnessConfig[] = []): WitnessConfig[] {
  const m = /^(.+?)=(https?:\/\/\S+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected <witness vkey>=<http(s) url>');
  keyArg(m[1]!);
  return [...previous, { vkey: m[1]!, url: m[2]! }];
}

function jsonArg(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new InvalidArgumentError(`not JSON: ${value.slice(0, 60)}`);
  }
}

function readText(path: string): string {
  return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
}

async function withLedger<T>(dataDir: string, readOnly: boolean, fn: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await Ledger.open({ dataDir, readOnly, checkpointEveryMs: 0, checkpointEveryEntries: 0 });
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

function printReport(report: LedgerVerifyReport, asJson: boolean): void {
  if (asJson) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  for (const w of report.warnings) console.error(`warning: ${w}`);
  if (report.ok) {
    const witnessed = report.witnessedBy.length > 0 ? `, cosigned by ${report.witnessedBy.join(', ')}` : '';
    console.log(`ledger intact: ${report.entries} entries, ${report.checkpoints} checkpoints, latest signs ${report.latestCheckpointSize}${witnessed}`);
    return;
  }
  const where = [
    report.firstBadEntry !== undefined ? `first bad entry: ${report.firstBadEntry}` : undefined,
    report.firstBadCheckpoint !== undefined ? `first bad checkpoint record: ${report.firstBadCheckpoint}` : undefined,
  ].filter(Boolean);
  console.log(`ledger NOT intact (${where.join('; ') || report.problems[0]!.detail})`);
  for (const p of report.problems.slice(0, 20)) console.log(`  ${p.code}: ${p.detail}`);
  if (report.problems.length > 20) console.log(`  … and ${report.problems.length - 20} more problems`);
}

/** Registers `cityguard ledger init|append|checkpoint|verify|proof|verify-proof`. */
export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('The tamper-evident ledger: append, checkpoint, prove and verify');
  registerInit(ledger);
  registerAppend(ledger);
  registerCheckpoint(ledger);
  registerVerify(ledger);
  registerProof(ledger);
  registerVerifyProof(ledger);
}

function registerInit(ledger: Command): void {
  ledger
    .command('init')
    .description('Create a ledger with a fresh Ed25519 log key and print its verifier key')
    .requiredOption('--data-dir <dir>', 'ledger directory')
    .option('--origin <name>', 'log name (checkpoint origin line), e.g. city.example/ledger', DEFAULT_ORIGIN)
    .action(async (o: { dataDir: string; origin: string }) => {
      console.log(await Ledger.init(o.dataDir, o.origin));
    });
}

function registerAppend(ledger: Command): void {
  ledger
    .command('append')
    .description('Append one entry durably and sign a checkpoint covering it')
    .requiredOption('--data-dir <dir>', 'ledger directory (created on first use)')
    .requiredOption('--kind <kind>', 'entry kind, e.g. alert.raised, action.approved, auth.login')
    .requiredOption('--json <payload>', 'entry payload as JSON', jsonArg)
    .option('--ts <ms>', 'entry time in ms since the epoch (default now)', intOption)
    .option('--origin <name>', 'log name if the ledger is created by this call', DEFAULT_ORIGIN)
    .option('--no-checkpoint', 'do not sign a checkpoint after appending')
    .action(async (o: { dataDir: string; kind: string; json: unknown; ts?: number; origin: string; checkpoint: boolean }) => {
      if (!existsSync(join(o.dataDir, 'ledger.json'))) console.error(`created ledger ${o.origin}; verifier key: ${await Ledger.init(o.dataDir, o.origin)}`);
      await withLedger(o.dataDir, false, async (l) => {
        const receipt = await l.append({ kind: o.kind, payload: o.json, ...(o.ts !== undefined ? { ts: o.ts } : {}) });
        if (o.checkpoint) await l.checkpoint();
        console.log(JSON.stringify(receipt));
      });
    });
}

function registerCheckpoint(ledger: Command): void {
  ledger
    .command('checkpoint')
    .description('Sign a checkpoint of every entry and, if witnesses are configured, collect their cosignatures')
    .requiredOption('--data-dir <dir>', 'ledger directory')
    .option('--witness <vkey=url>', 'a witness to ask (repeatable; remembered in witnesses.json)', collectWitness)
    .action(async (o: { dataDir: string; witness?: WitnessConfig[] }) => {
      const known = await readWitnesses(o.dataDir);
      const added = (o.witness ?? []).filter((w) => !known.some((k) => k.vkey === w.vkey));
      if (added.length > 0) await writeWitnesses(o.dataDir, [...known, ...added]);
      const endpoints = [...known, ...added].filter((w) => w.url).map((w) => ({ url: w.url!, key: parseVerifierKey(w.vkey) }));
      await withLedger(o.dataDir, false, async (l) => {
        if (endpoints.length === 0) {
          process.stdout.write(await l.checkpoint());
          return;
        }
        const result = await new WitnessCosigning(l, endpoints).cosignLatest();
        for (const f of result.failures) console.error(`witness ${f.witness} did not cosign: ${f.error}`);
        process.stdout.write(result.note);
        if (result.failures.length > 0) process.exitCode = 3;
      });
    });
}

function registerVerify(ledger: Command): void {
  ledger
    .command('verify')
    .description('Check every byte of entries, index and checkpoints; exit 2 naming the first bad entry')
    .requiredOption('--data-dir <dir>', 'ledger directory')
    .option('--log-key <vkey>', 'the log key as you know it (string, @file or path); default: the one in the data dir', keyArg)
    .option('--witness-key <vkey>', 'a trusted witness key (repeatable); default: witnesses.json', collectKey)
    .option('--min-witnesses <k>', 'cosignatures required on the latest checkpoint', intOption, 0)
    .option('--trusted-checkpoint <file>', 'a checkpoint kept elsewhere that the ledger must still contain')
    .option('--json', 'print the full report as JSON')
    .action(async (o: { dataDir: string; logKey?: NotePublicKey; witnessKey?: NotePublicKey[]; minWitnesses: number; trustedCheckpoint?: string; json?: boolean }) => {
      const report = await verifyLedger({
        dataDir: o.dataDir,
        minWitnesses: o.minWitnesses,
        ...(o.logKey ? { logKey: o.logKey } : {}),
        ...(o.witnessKey ? { witnesses: o.witnessKey } : {}),
        ...(o.trustedCheckpoint ? { trustedCheckpoint: readText(o.trustedCheckpoint) } : {}),
      });
      printReport(report, o.json === true);
      if (!report.ok) process.exitCode = 2;
    });
}

function registerProof(ledger: Command): void {
  const proof = ledger
    .command('proof')
    .description('Print a self-contained proof (JSON) for offline verification')
    .requiredOption('--data-dir <dir>', 'ledger directory')
    .option('--out <file>', 'write the proof here instead of stdout');
  const shared = () => proof.opts<{ dataDir: string; out?: string }>();
  proof
    .command('inclusion <index>')
    .description('Prove that entry <index> is in the log (relative to the latest checkpoint by default)')
    .option('--size <n>', 'tree size to prove against', intOption)
    .action(async (index: string, o: { size?: number }) => {
      const bundle = await withLedger(shared().dataDir, true, (l) => inclusionBundle(l, intOption(index), o.size));
      await emit(bundle, shared().out);
    });
  proof
    .command('consistency <old-size> <new-size>')
    .description('Prove that the tree of <new-size> entries extends the tree of <old-size>')
    .action(async (oldSize: string, newSize: string) => {
      const bundle = await withLedger(shared().dataDir, true, (l) => consistencyBundle(l, intOption(oldSize), intOption(newSize)));
      await emit(bundle, shared().out);
    });
}

async function emit(bundle: unknown, out: string | undefined): Promise<void> {
  const text = JSON.stringify(bundle, null, 2) + '\n';
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

function registerVerifyProof(ledger: Command): void {
  ledger
    .command('verify-proof')
    .description('Verify a proof from `ledger proof` offline against the log key (and witness keys)')
    .requiredOption('--proof <file>', 'proof JSON file, or - for stdin')
    .requiredOption('--log-key <vkey>', 'the log key (string, @file or path)', keyArg)
    .option('--witness-key <vkey>', 'a trusted witness key (repeatable)', collectKey)
    .option('--min-witnesses <k>', 'cosignatures required on the checkpoint', intOption, 0)
    .option('--checkpoint <file>', 'verify against this checkpoint instead of the one in the proof')
    .option('--old-checkpoint <file>', 'for a consistency proof: the older checkpoint you kept')
    .action((o: { proof: string; logKey: NotePublicKey; witnessKey?: NotePublicKey[]; minWitnesses: number; checkpoint?: string; oldCheckpoint?: string }) => {
      let bundle: unknown;
      try {
        bundle = JSON.parse(readText(o.proof));
      } catch {
        throw new InvalidArgumentError(`${o.proof} is not JSON`);
      }
      const result = verifyProofBundle(
        bundle,
        { log: o.logKey, witnesses: o.witnessKey ?? [], minWitnesses: o.minWitnesses },
        { ...(o.checkpoint ? { checkpoint: readText(o.checkpoint) } : {}), ...(o.oldCheckpoint ? { oldCheckpoint: readText(o.oldCheckpoint) } : {}) },
      );
      if (result.ok) console.log(`proof valid: ${result.value}`);
      else {
        console.log(`proof INVALID: ${result.error}`);
        process.exitCode = 2;
      }
    });
}
