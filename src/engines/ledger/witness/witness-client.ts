// The log's side of tlog-witness: submits the latest checkpoint with a consistency proof from the
// size each witness last cosigned, learns that size from a 409 when it does not know it, checks the
// returned cosignatures and stores the cosigned checkpoint in the ledger.
import { witnessFailed } from '../errors.js';
import type { Ledger } from '../ledger.js';
import { verifierForKey } from '../note/cosignature.js';
import { formatVerifierKey } from '../note/note-keys.js';
import { readWitnesses, writeWitnesses } from '../storage/data-dir.js';
import { parseCheckpoint } from '../note/checkpoint.js';
import type { NotePublicKey } from '../note/note-keys.js';
import { formatSignedNote, parseSignedNote, type NoteSignature } from '../note/signed-note.js';
import { formatAddCheckpointBody } from './add-checkpoint-body.js';

/** A witness reachable over HTTP: its submission URL prefix and its cosigning key. */
export interface WitnessEndpoint {
  url: string;
  key: NotePublicKey;
}

/** What one round of cosigning achieved. */
export interface CosigningResult {
  note: string;
  witnessedBy: string[];
  failures: Array<{ witness: string; error: string }>;
}

/** Asks a set of witnesses to cosign a ledger's latest checkpoint. */
export class WitnessCosigning {
  // The size each witness last cosigned, as learned from its answers; 0 until known.
  private readonly knownSizes = new Map<string, number>();

  constructor(
    private readonly ledger: Ledger,
    private readonly witnesses: readonly WitnessEndpoint[],
    private readonly options: { timeoutMs?: number; fetch?: typeof fetch } = {},
  ) {}

  /** Signs a checkpoint if needed, collects cosignatures, and stores the cosigned note. */
  async cosignLatest(): Promise<CosigningResult> {
    const note = await this.ledger.checkpoint();
    const parsed = parseSignedNote(note);
    if (!parsed.ok) throw witnessFailed('-', `own checkpoint unreadable: ${parsed.error}`);
    const results = await Promise.allSettled(this.witnesses.map((w) => this.submit(w, note)));
    const signatures: NoteSignature[] = [];
    const failures: CosigningResult['failures'] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') signatures.push(...r.value);
      else failures.push({ witness: this.witnesses[i]!.key.name, error: (r.reason as Error).message });
    });
    if (signatures.length === 0) return { note, witnessedBy: [], failures };
    const keep = parsed.value.signatures.filter((s) => !signatures.some((n) => n.name === s.name && n.keyId === s.keyId));
    const cosigned = formatSignedNote({ text: parsed.value.text, signatures: [...keep, ...signatures] });
    await this.recordWitnesses();
    await this.ledger.storeCosignedCheckpoint(cosigned);
    return { note: cosigned, witnessedBy: [...new Set(signatures.map((s) => s.name))], failures };
  }

  /** Lists the witnesses in witnesses.json, so `ledger verify` knows the keys of stored cosignatures. */
  private async recordWitnesses(): Promise<void> {
    const known = await readWitnesses(this.ledger.dataDir);
    const added = this.witnesses
      .map((w) => ({ vkey: formatVerifierKey(w.key), url: w.url }))
      .filter((w) => !known.some((k) => k.vkey === w.vkey));
    if (added.length > 0) await writeWitnesses(this.ledger.dataDir, [...known, ...added]);
  }

  private async submit(witness: WitnessEndpoint, note: string): Promise<NoteSignature[]> {
    const parsed = parseSignedNote(note);
    const cp = parsed.ok ? parseCheckpoint(parsed.value.text) : undefined;
    if (!parsed.ok || !cp?.ok) throw witnessFailed(witness.key.name, 'checkpoint unreadable');
    for (let attempt = 0; attempt < 2; attempt++) {
      const oldSize = Math.min(this.knownSizes.get(witness.key.name) ?? 0, cp.value.size);
      const body = formatAddCheckpointBody({ oldSize, proof: this.ledger.consistencyProof(oldSize, cp.value.size), note });
      const response = await this.post(witness, body);
      const text = await response.text();
      if (response.status === 200) {
        this.knownSizes.set(witness.key.name, cp.value.size);
        return this.checkCosignatures(witness, parsed.value.text, text);
      }
      if (response.status !== 409) throw witnessFailed(witness.key.name, `HTTP ${response.status}: ${text.trim()}`);
      const size = Number(text.trim());
      if (!Number.isSafeInteger(size) || size > cp.value.size || size === oldSize) {
        throw witnessFailed(witness.key.name, `witness holds size ${text.trim()}, which this log cannot extend (possible fork)`);
      }
      this.knownSizes.set(witness.key.name, size);
    }
    throw witnessFailed(witness.key.name, 'witness kept answering 409');
  }

  private async post(witness: WitnessEndpoint, body: string): Promise<Response> {
    const doFetch = this.options.fetch ?? fetch;
    try {
      return await doFetch(`${witness.url.replace(/\/$/, '')}/add-checkpoint`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw witnessFailed(witness.key.name, `unreachable at ${witness.url}: ${(err as Error).message}`, err);
    }
  }

  private checkCosignatures(witness: WitnessEndpoint, text: string, lines: string): NoteSignature[] {
    const parsed = parseSignedNote(`${text}\n${lines.endsWith('\n') ? lines : lines + '\n'}`);
    if (!parsed.ok) throw witnessFailed(witness.key.name, `malformed cosignature: ${parsed.error}`);
    const verifier = verifierForKey(witness.key);
    const mine = parsed.value.signatures.filter((s) => s.name === witness.key.name && s.keyId === witness.key.keyId);
    const valid = mine.filter((s) => verifier.verify(Buffer.from(text), s.signature));
    if (valid.length === 0) throw witnessFailed(witness.key.name, 'returned no valid cosignature');
    return valid;
  }
}
