// The request body of C2SP tlog-witness `add-checkpoint`: "old <size>\n", up to 63 base64
// consistency-proof lines, an empty line, then the checkpoint note.
import { fail, ok, type Checked } from '../result.js';

/** Most consistency proof lines a request may carry (tlog-witness). */
export const MAX_PROOF_LINES = 63;

/** A parsed add-checkpoint request. */
export interface AddCheckpointBody {
  oldSize: number;
  proof: Buffer[];
  note: string;
}

/** Formats a request body. */
export function formatAddCheckpointBody(body: AddCheckpointBody): string {
  return `old ${body.oldSize}\n${body.proof.map((h) => h.toString('base64') + '\n').join('')}\n${body.note}`;
}

/** Parses a request body, rejecting anything the protocol does not allow. */
export function parseAddCheckpointBody(text: string): Checked<AddCheckpointBody> {
  const blank = text.indexOf('\n\n');
  if (blank < 0) return fail('no empty line between the proof and the checkpoint');
  const [oldLine = '', ...proofLines] = text.slice(0, blank).split('\n');
  const m = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine);
  if (!m || !Number.isSafeInteger(Number(m[1]))) return fail('first line must be "old <size>"');
  if (proofLines.length > MAX_PROOF_LINES) return fail(`more than ${MAX_PROOF_LINES} proof lines`);
  const proof: Buffer[] = [];
  for (const line of proofLines) {
    const hash = Buffer.from(line, 'base64');
    if (hash.length !== 32 || hash.toString('base64') !== line) return fail('a proof line is not base64 of a 32-byte hash');
    proof.push(hash);
  }
  return ok({ oldSize: Number(m[1]), proof, note: text.slice(blank + 2) });
}
