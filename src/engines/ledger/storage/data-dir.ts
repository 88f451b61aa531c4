// The files of one ledger data directory, its metadata, its key files and its write lock.
//   ledger.json       format and origin        log.key / log.vkey   the log's signed-note keys
//   segments/*.seg    entries, append-only     index.bin            48-byte record per entry
//   checkpoints.log   signed checkpoints       witnesses.json       witnesses the log asks to cosign
//   lock              pid of the writer
import { constants } from 'node:fs';
import { mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateRawKeyPair } from '../../../platform/crypto/index.js';
import { ledgerCorrupt, ledgerLocked, ledgerNotFound } from '../errors.js';
import { formatSignerKey, formatVerifierKey, notePrivateKey, parseSignerKey, parseVerifierKey, publicHalf, SIG_TYPE_ED25519, type NotePrivateKey, type NotePublicKey } from '../note/note-keys.js';

/** Identifier of this on-disk format. */
export const LEDGER_FORMAT = 'cityguard-ledger/1';

/** Paths inside one data directory. */
export function ledgerPaths(dataDir: string) {
  return {
    meta: join(dataDir, 'ledger.json'),
    signerKey: join(dataDir, 'log.key'),
    verifierKey: join(dataDir, 'log.vkey'),
    segments: join(dataDir, 'segments'),
    index: join(dataDir, 'index.bin'),
    checkpoints: join(dataDir, 'checkpoints.log'),
    witnesses: join(dataDir, 'witnesses.json'),
    lock: join(dataDir, 'lock'),
  };
}

/** The metadata file. */
export interface LedgerMeta {
  format: string;
  origin: string;
  createdAt: number;
}

/** A witness the log asks for cosignatures: its verifier key and, if it serves HTTP, its URL. */
export interface WitnessConfig {
  vkey: string;
  url?: string;
}

/** Writes a file atomically: temp file, fsync, rename. */
export async function writeFileAtomic(path: string, data: string, mode = 0o644): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/** Creates a ledger directory with a fresh log key; fails if one already exists there. */
export async function initDataDir(dataDir: string, origin: string, createdAt: number): Promise<NotePublicKey> {
  const paths = ledgerPaths(dataDir);
  await mkdir(paths.segments, { recursive: true });
  const key = notePrivateKey(origin, SIG_TYPE_ED25519, generateRawKeyPair('ed25519'));
  const meta: LedgerMeta = { format: LEDGER_FORMAT, origin, createdAt };
  await writeFile(paths.meta, JSON.stringify(meta, null, 2) + '\n', { flag: 'wx' });
  await writeFile(paths.signerKey, formatSignerKey(key) + '\n', { mode: 0o600, flag: 'wx' });
  await writeFile(paths.verifierKey, formatVerifierKey(publicHalf(key)) + '\n', { flag: 'wx' });
  return publicHalf(key);
}

/** Reads and checks ledger.json. */
export async function readMeta(dataDir: string): Promise<LedgerMeta> {
  let text: string;
  try {
    text = await readFile(ledgerPaths(dataDir).meta, 'utf8');
  } catch {
    throw ledgerNotFound(dataDir);
  }
  let meta: Partial<LedgerMeta>;
  try {
    meta = JSON.parse(text) as Partial<LedgerMeta>;
  } catch {
    throw ledgerCorrupt(dataDir, 'ledger.json is not JSON');
  }
  if (meta.format !== LEDGER_FORMAT || typeof meta.origin !== 'string') throw ledgerCorrupt(dataDir, `ledger.json is not ${LEDGER_FORMAT}`);
  return { format: meta.format, origin: meta.origin, createdAt: Number(meta.createdAt ?? 0) };
}

/** The log's signer key from log.key. */
export async function readSignerKey(dataDir: string): Promise<NotePrivateKey> {
  return parseSignerKey(await readFile(ledgerPaths(dataDir).signerKey, 'utf8'));
}

/** The log's verifier key from log.vkey. */
export async function readVerifierKey(dataDir: string): Promise<NotePublicKey> {
  return parseVerifierKey(await readFile(ledgerPaths(dataDir).verifierKey, 'utf8'));
}

/** The configured witnesses, or none. */
export async function readWitnesses(dataDir: string): Promise<WitnessConfig[]> {
  try {
    const list = JSON.parse(await readFile(ledgerPaths(dataDir).witnesses, 'utf8')) as unknown;
    if (!Array.isArray(list)) throw new Error('not a list');
    return list.filter((w): w is WitnessConfig => typeof w === 'object' && w !== null && typeof (w as WitnessConfig).vkey === 'string');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw ledgerCorrupt(dataDir, 'witnesses.json is not a list of {vkey, url}');
  }
}

/** Replaces the configured witnesses. */
export async function writeWitnesses(dataDir: string, witnesses: WitnessConfig[]): Promise<void> {
  await writeFileAtomic(ledgerPaths(dataDir).witnesses, JSON.stringify(witnesses, null, 2) + '\n');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the write lock, taking over one left by a dead process; returns its release function. */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const path = ledgerPaths(dataDir).lock;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(path).catch(() => undefined);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw ledgerLocked(dataDir, pid);
      await unlink(path).catch(() => undefined);
    }
  }
  throw ledgerLocked(dataDir, -1);
}
