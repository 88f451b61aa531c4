// A witness (C2SP tlog-witness): checks each checkpoint a log presents against the last one it
// cosigned for that origin — signature, old size, consistency proof — and only then cosigns.
// A fork or a rollback is refused, recorded in alarms.jsonl and reported to `onAlarm`.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Clock } from '../../../platform/clock/index.js';
import { SystemClock } from '../../../platform/clock/index.js';
import { generateRawKeyPair } from '../../../platform/crypto/index.js';
import { witnessStateInvalid } from '../errors.js';
import { verifyConsistency } from '../merkle/proof-verify.js';
import { EMPTY_ROOT } from '../merkle/tree-hash.js';
import { parseCheckpoint, type Checkpoint } from '../note/checkpoint.js';
import { Cosigner } from '../note/cosignature.js';
import {
  formatSignerKey,
  formatVerifierKey,
  notePrivateKey,
  parseSignerKey,
  publicHalf,
  SIG_TYPE_COSIGNATURE,
  type NotePublicKey,
} from '../note/note-keys.js';
import { ed25519NoteVerifier, formatSignedNote, parseSignedNote, signatureLine, verifySignedNote } from '../note/signed-note.js';
import { parseAddCheckpointBody } from './add-checkpoint-body.js';
import { readWitnessState, recordAlarm, witnessPaths, writeWitnessState, type WitnessAlarm, type WitnessedLog } from './witness-state.js';

/** The answer to one add-checkpoint request; `status` maps to the HTTP status tlog-witness defines. */
export type AddCheckpointOutcome =
  | { status: 'cosigned'; httpStatus: 200; signatureLines: string }
  | { status: 'bad-request'; httpStatus: 400; detail: string }
  | { status: 'forbidden'; httpStatus: 403; detail: string }
  | { status: 'unknown-log'; httpStatus: 404; detail: string }
  | { status: 'conflict'; httpStatus: 409; knownSize: number; detail: string }
  | { status: 'inconsistent'; httpStatus: 422; detail: string };

/** How to run a witness. */
export interface WitnessOptions {
  stateDir: string;
  /** Logs this witness cosigns for: their Ed25519 note keys, named by origin. */
  logs: readonly NotePublicKey[];
  clock?: Clock;
  onAlarm?: (alarm: WitnessAlarm) => void;
}

/** One witness with its own key and persisted state. */
export class Witness {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: WitnessOptions,
    private readonly cosigner: Cosigner,
    readonly key: NotePublicKey,
    private state: Record<string, WitnessedLog>,
    private readonly clock: Clock,
  ) {}

  /** Creates a state directory with a fresh witness key; returns the verifier key string. */
  static async init(stateDir: string, name: string): Promise<string> {
    await mkdir(stateDir, { recursive: true });
    const key = notePrivateKey(name, SIG_TYPE_COSIGNATURE, generateRawKeyPair('ed25519'));
    const paths = witnessPaths(stateDir);
    await writeFile(paths.key, formatSignerKey(key) + '\n', { mode: 0o600, flag: 'wx' });
    await writeFile(paths.verifierKey, formatVerifierKey(publicHalf(key)) + '\n', { flag: 'wx' });
    return formatVerifierKey(publicHalf(key));
  }

  /** Opens a witness from its state directory. */
  static async open(options: WitnessOptions): Promise<Witness> {
    const keyText = await readFile(witnessPaths(options.stateDir).key, 'utf8').catch(() => {
      throw witnessStateInvalid(options.stateDir, 'no witness.key (run `cityguard witness init`)');
    });
    const key = parseSignerKey(keyText);
    const state = await readWitnessState(options.stateDir);
    return new Witness(options, new Cosigner(key), publicHalf(key), state, options.clock ?? new SystemClock());
  }

  /** This witness's verifier key string. */
  get verifierKey(): string {
    return formatVerifierKey(this.key);
  }

  /** The latest checkpoint cosigned for `origin`, if any. */
  latest(origin: string): WitnessedLog | undefined {
    return this.state[origin];
  }

  /** Every log this witness has cosigned for, with its latest cosigned checkpoint. */
  cosignedLogs(): Array<[string, WitnessedLog]> {
    return Object.entries(this.state);
  }

  /** Handles one add-checkpoint request body; requests are processed one at a time. */
  addCheckpoint(body: string): Promise<AddCheckpointOutcome> {
    const run = this.queue.then(() => this.process(body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(body: string): Promise<AddCheckpointOutcome> {
    const request = parseAddCheckpointBody(body);
    if (!request.ok) return { status: 'bad-request', httpStatus: 400, detail: request.error };
    const note = parseSignedNote(request.value.note);
    if (!note.ok) return { status: 'bad-request', httpStatus: 400, detail: note.error };
    const origin = note.value.text.slice(0, note.value.text.indexOf('\n'));
    const logKey = this.options.logs.find((k) => k.name === origin);
    if (!logKey) return { status: 'unknown-log', httpStatus: 404, detail: `unknown log origin ${origin}` };
    const verified = verifySignedNote(note.value, [ed25519NoteVerifier(logKey)]);
    if (!verified.ok || !verified.value.verifiedBy.includes(origin)) return { status: 'forbidden', httpStatus: 403, detail: 'no valid log signature' };
    const parsed = parseCheckpoint(note.value.text);
    if (!parsed.ok) return { status: 'bad-request', httpStatus: 400, detail: parsed.error };
    return this.judge(request.value.oldSize, request.value.proof, parsed.value, request.value.note);
  }

  private async judge(oldSize: number, proof: Buffer[], cp: Checkpoint, noteText: string): Promise<AddCheckpointOutcome> {
    const known = this.state[cp.origin];
    const knownSize = known?.size ?? 0;
    const knownRoot = known ? Buffer.from(known.rootHash, 'base64') : EMPTY_ROOT;
    if (cp.size < knownSize) await this.alarm('rollback', `the log presented size ${cp.size} after ${knownSize} was cosigned`, cp, known, noteText);
    if (oldSize > cp.size) return { status: 'bad-request', httpStatus: 400, detail: `old size ${oldSize} is larger than the checkpoint size ${cp.size}` };
    if (oldSize !== knownSize) return { status: 'conflict', httpStatus: 409, knownSize, detail: `the latest cosigned size is ${knownSize}` };
    if (cp.size === knownSize && !cp.rootHash.equals(knownRoot)) {
      await this.alarm('fork', `two different roots for size ${cp.size}`, cp, known, noteText);
      return { status: 'conflict', httpStatus: 409, knownSize, detail: `a different root for size ${cp.size} was already cosigned` };
    }
    if (!verifyConsistency(oldSize, cp.size, proof, knownRoot, cp.rootHash)) {
      await this.alarm('inconsistent-proof', `no valid consistency proof from ${knownSize} to ${cp.size}`, cp, known, noteText);
      return { status: 'inconsistent', httpStatus: 422, detail: 'the consistency proof does not verify against the cosigned checkpoint' };
    }
    return this.cosign(cp, noteText);
  }

  private async cosign(cp: Checkpoint, noteText: string): Promise<AddCheckpointOutcome> {
    const now = this.clock.now();
    const note = parseSignedNote(noteText);
    const text = note.ok ? note.value.text : '';
    const signature = this.cosigner.cosign(text, Math.floor(now / 1000));
    const record: WitnessedLog = {
      size: cp.size,
      rootHash: cp.rootHash.toString('base64'),
      note: formatSignedNote({ text, signatures: [...(note.ok ? note.value.signatures : []), signature] }),
      cosignedAt: now,
    };
    const next = { ...this.state, [cp.origin]: record };
    await writeWitnessState(this.options.stateDir, next);
    this.state = next;
    return { status: 'cosigned', httpStatus: 200, signatureLines: signatureLine(signature) };
  }

  private async alarm(kind: WitnessAlarm['kind'], detail: string, cp: Checkpoint, known: WitnessedLog | undefined, note: string): Promise<void> {
    const alarm: WitnessAlarm = {
      ts: this.clock.now(),
      origin: cp.origin,
      kind,
      detail,
      knownSize: known?.size ?? 0,
      knownRootHash: known?.rootHash ?? EMPTY_ROOT.toString('base64'),
      presentedSize: cp.size,
      presentedRootHash: cp.rootHash.toString('base64'),
      note,
    };
    await recordAlarm(this.options.stateDir, alarm);
    this.options.onAlarm?.(alarm);
  }
}
