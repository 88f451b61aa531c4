// What a witness remembers, per log origin: the latest checkpoint it cosigned. Written atomically
// before a cosignature is returned, so a restarted witness can never be walked back.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { witnessStateInvalid } from '../errors.js';
import { writeFileAtomic } from '../storage/data-dir.js';

/** The latest cosigned checkpoint of one log. */
export interface WitnessedLog {
  size: number;
  /** Base64 root hash. */
  rootHash: string;
  /** The cosigned checkpoint note as returned to the log. */
  note: string;
  /** When it was cosigned, ms since the epoch. */
  cosignedAt: number;
}

/** An alarm: evidence that a log forked or rolled back. */
export interface WitnessAlarm {
  ts: number;
  origin: string;
  kind: 'fork' | 'rollback' | 'inconsistent-proof';
  detail: string;
  knownSize: number;
  knownRootHash: string;
  presentedSize: number;
  presentedRootHash: string;
  /** The signed checkpoint the log presented: proof of its misbehaviour. */
  note: string;
}

/** Files of a witness state directory. */
export function witnessPaths(stateDir: string) {
  return {
    key: join(stateDir, 'witness.key'),
    verifierKey: join(stateDir, 'witness.vkey'),
    state: join(stateDir, 'state.json'),
    alarms: join(stateDir, 'alarms.jsonl'),
  };
}

/** Reads the per-origin state; an absent file is an empty state. */
export async function readWitnessState(stateDir: string): Promise<Record<string, WitnessedLog>> {
  let text: string;
  try {
    text = await readFile(witnessPaths(stateDir).state, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as { logs?: Record<string, WitnessedLog> };
    return parsed.logs ?? {};
  } catch {
    throw witnessStateInvalid(stateDir, 'state.json is not JSON');
  }
}

/** Persists the state atomically. */
export async function writeWitnessState(stateDir: string, logs: Record<string, WitnessedLog>): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(witnessPaths(stateDir).state, JSON.stringify({ logs }, null, 2) + '\n');
}

/** Appends an alarm as one JSON line. */
export async function recordAlarm(stateDir: string, alarm: WitnessAlarm): Promise<void> {
  await appendFile(witnessPaths(stateDir).alarms, JSON.stringify(alarm) + '\n');
}

/** Every alarm recorded so far. */
export async function readAlarms(stateDir: string): Promise<WitnessAlarm[]> {
  const text = await readFile(witnessPaths(stateDir).alarms, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as WitnessAlarm);
}
