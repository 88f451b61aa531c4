// The ledger over HTTP: the latest checkpoint with its witness cosignatures, the audit trail (newest
// first, by kind), inclusion and consistency proofs as self-contained bundles anyone can check
// offline (`cityguard ledger verify-proof`), witness status, and a full verification for admins.
// Mounted by the runtime through `extraRoutes`; it also records API calls that change something.
import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { ErrorResponse, LedgerCheckpointInfo, LedgerEntryPage, LedgerVerifyResult } from '../../../contracts/index.js';
import {
  consistencyBundle,
  cosignatureTime,
  inclusionBundle,
  openCheckpoint,
  parseSignedNote,
  type Ledger,
  type NotePublicKey,
} from '../../../engines/ledger/index.js';
import { notFound } from '../errors.js';
import { Cursor, Limit } from './query-schemas.js';

/** What one witness last did, as the runtime reports it. */
export const LedgerWitnessList = Type.Object({
  minWitnesses: Type.Integer({ minimum: 0 }),
  items: Type.Array(
    Type.Object({
      name: Type.String(),
      vkey: Type.String(),
      url: Type.String(),
      inProcess: Type.Boolean(),
      lastCosignedSize: Type.Integer({ minimum: 0 }),
      lastCosignedTs: Type.Optional(Type.Number()),
      lastError: Type.Optional(Type.String()),
      lastErrorTs: Type.Optional(Type.Number()),
    }),
  ),
});

/** An API call that changed something, for the ledger. */
export interface ApiCall {
  user: string;
  role: string;
  method: string;
  route: string;
  url: string;
  status: number;
}

/** What the routes need from the running ledger. */
export interface LedgerRouteDeps {
  ledger: Ledger;
  /** Trusted witness keys: cosignatures by them are shown and counted. */
  witnessKeys(): NotePublicKey[];
  witnesses(): Static<typeof LedgerWitnessList>['items'];
  minWitnesses: number;
  /** Told of every authenticated call that is not GET, HEAD or OPTIONS, once answered. */
  onApiCall?(call: ApiCall): void;
}

/** Entries scanned per request at most when filtering by kind; the cursor continues the scan. */
const MAX_SCAN = 20_000;

const EntriesQuery = Type.Object({ kind: Type.Optional(Type.String({ description: 'only entries of this kind (e.g. action.approved)' })), before: Cursor, limit: Limit });
const IndexParams = Type.Object({ index: Type.Integer({ minimum: 0 }) });
const SizeQuery = Type.Object({ size: Type.Optional(Type.Integer({ minimum: 1, description: 'tree size to prove against; default the latest checkpoint' })) });
const ConsistencyQuery = Type.Object({ old: Type.Integer({ minimum: 0 }), new: Type.Optional(Type.Integer({ minimum: 0, description: 'default: the current size' })) });

function checkpointInfo(deps: LedgerRouteDeps, note: string): LedgerCheckpointInfo {
  const witnesses = deps.witnessKeys();
  const opened = openCheckpoint(note, { log: deps.ledger.logKey, witnesses, strict: false });
  if (!opened.ok) throw new Error(`the ledger's own checkpoint does not verify: ${opened.error}`);
  const parsed = parseSignedNote(note);
  const signatures = parsed.ok ? parsed.value.signatures : [];
  const cosignatures = signatures
    .filter((s) => opened.value.witnessedBy.includes(s.name))
    .map((s) => {
      const sec = cosignatureTime(s.signature);
      return { witness: s.name, keyId: s.keyId.toString(16).padStart(8, '0'), ...(sec !== undefined ? { ts: sec * 1000 } : {}) };
    });
  const { origin, size, rootHash } = opened.value.checkpoint;
  return { origin, size, rootHash: rootHash.toString('base64'), note, cosignatures, witnessesRequired: deps.minWitnesses };
}

/** GET /api/ledger/{checkpoint,entries,proofs/…,witnesses} and POST /api/ledger/verify (admin). */
export function ledgerRoutes(deps: LedgerRouteDeps): (app: FastifyInstance) => void {
  const { ledger } = deps;
  return (app) => {
    if (deps.onApiCall) {
      const onApiCall = deps.onApiCall;
      app.addHook('onResponse', async (request, reply) => {
        if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || !request.principal) return;
        const url = request.url.split('?')[0]!;
        onApiCall({ user: request.principal.user, role: request.principal.role, method: request.method, route: request.routeOptions.url ?? url, url, status: reply.statusCode });
      });
    }
    app.get(
      '/api/ledger/checkpoint',
      { schema: { tags: ['ledger'], summary: 'The latest signed checkpoint and the witnesses who cosigned it', response: { 200: LedgerCheckpointInfo } } },
      async () => checkpointInfo(deps, ledger.latestCheckpoint() ?? (await ledger.checkpoint())),
    );
    app.get(
      '/api/ledger/entries',
      { schema: { tags: ['ledger'], summary: 'The audit trail, newest first; `before` is the cursor of the previous page', querystring: EntriesQuery, response: { 200: LedgerEntryPage } } },
      async (request) => {
        const q = request.query as { kind?: string; before?: string; limit?: number };
        const limit = q.limit ?? 100;
        const start = Math.min(ledger.size, q.before !== undefined && /^\d+$/.test(q.before) ? Number(q.before) : ledger.size);
        const items: LedgerEntryPage['items'] = [];
        let at = start - 1;
        for (; at >= 0 && items.length < limit && start - at <= MAX_SCAN; at--) {
          const { entry } = await ledger.read(at);
          if (q.kind === undefined || entry.kind === q.kind) items.push(entry);
        }
        return { items, ...(at >= 0 ? { nextCursor: String(at + 1) } : {}) };
      },
    );
    app.get(
      '/api/ledger/proofs/inclusion/:index',
      { schema: { tags: ['ledger'], summary: 'An inclusion proof of one entry with its bytes and the signed checkpoint, to check offline', params: IndexParams, querystring: SizeQuery, response: { 404: ErrorResponse } } },
      async (request) => {
        const { index } = request.params as { index: number };
        const { size } = request.query as { size?: number };
        if (index >= ledger.size) throw notFound('ledger entry', String(index));
        return inclusionBundle(ledger, index, size);
      },
    );
    app.get(
      '/api/ledger/proofs/consistency',
      { schema: { tags: ['ledger'], summary: 'A consistency proof between two tree sizes with the checkpoints stored for them', querystring: ConsistencyQuery } },
      async (request) => {
        const q = request.query as { old: number; new?: number };
        return consistencyBundle(ledger, q.old, q.new ?? ledger.size);
      },
    );
    app.get(
      '/api/ledger/witnesses',
      { schema: { tags: ['ledger'], summary: 'Witnesses of this ledger and what each last cosigned', response: { 200: LedgerWitnessList } } },
      async () => ({ minWitnesses: deps.minWitnesses, items: deps.witnesses() }),
    );
    app.post(
      '/api/ledger/verify',
      { config: { role: 'admin' }, schema: { tags: ['ledger'], summary: 'Verify every entry, the index and every checkpoint on disk (as `cityguard ledger verify`)', response: { 200: LedgerVerifyResult } } },
      async () => {
        // Witness keys come from the ledger's witnesses.json, which lists every witness that ever cosigned it.
        const report = await ledger.verify({ logKey: ledger.logKey, minWitnesses: deps.minWitnesses });
        return {
          ok: report.ok,
          entries: report.entries,
          checkpoints: report.checkpoints,
          witnessedBy: report.witnessedBy,
          ...(report.firstBadEntry !== undefined ? { firstBadEntry: report.firstBadEntry } : {}),
          problems: report.problems.map((p) => ({ code: p.code, ...(p.entry !== undefined ? { entry: p.entry } : {}), detail: p.detail })),
          warnings: report.warnings,
        };
      },
    );
  };
}
