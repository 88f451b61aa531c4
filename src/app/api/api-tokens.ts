// API tokens: a random bearer secret per person or integration, bound to a role. Only a hash
// is stored, so a copy of the database does not hand out access.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../contracts/index.js';
import type { StateStore } from '../../platform/store/store.js';

/** Who a token belongs to. */
export interface Principal {
  user: string;
  role: Role;
}

interface StoredToken extends Principal {
  hash: string;
  createdTs: number;
}

const NAMESPACE = 'api-tokens';
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` grants at least what `needed` grants. */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues, verifies and revokes API tokens kept (hashed) in the state store. */
export class ApiTokens {
  private readonly byHash = new Map<string, StoredToken>();

  private constructor(private readonly state: StateStore) {}

  /** Loads the tokens already issued. */
  static async open(state: StateStore): Promise<ApiTokens> {
    const tokens = new ApiTokens(state);
    for (const { value } of await state.list<StoredToken>(NAMESPACE)) tokens.byHash.set(value.hash, value);
    return tokens;
  }

  /** Creates a token for `user` with `role`; the token itself is returned once and never stored. */
  async create(user: string, role: Role, nowMs: number): Promise<string> {
    const token = `cg_${randomBytes(24).toString('base64url')}`;
    const stored: StoredToken = { user, role, hash: hashToken(token), createdTs: nowMs };
    await this.state.put(NAMESPACE, stored.hash, stored);
    this.byHash.set(stored.hash, stored);
    return token;
  }

  /** The principal of a presented token, or undefined. Compares hashes in constant time. */
  verify(token: string | undefined): Principal | undefined {
    if (!token || !token.startsWith('cg_')) return undefined;
    const hash = hashToken(token);
    const found = this.byHash.get(hash);
    if (!found || !timingSafeEqual(Buffer.from(found.hash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    return { user: found.user, role: found.role };
  }

  /** Revokes every token of `user`; returns how many were revoked. */
  async revokeUser(user: string): Promise<number> {
    let n = 0;
    for (const [hash, t] of this.byHash) {
      if (t.user !== user) continue;
      this.byHash.delete(hash);
      await this.state.delete(NAMESPACE, hash);
      n++;
    }
    return n;
  }

  /** Users and roles with tokens, without the secrets. */
  list(): Array<Principal & { createdTs: number }> {
    return [...this.byHash.values()].map(({ user, role, createdTs }) => ({ user, role, createdTs }));
  }
}
