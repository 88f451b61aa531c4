// User accounts for logging in to the dashboard (passwords hashed with scrypt in the state store)
// and the short-lived sessions a login opens (held in memory: a restart logs everyone out).
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CityguardError } from '../../domain/index.js';
import type { Role } from '../../contracts/index.js';
import type { StateStore } from '../../platform/store/store.js';
import type { Principal } from './api-tokens.js';

const NAMESPACE = 'user-accounts';
/** Shortest password `create` accepts; length is what makes a password hard to guess. */
export const MIN_PASSWORD_LENGTH = 12;
const USER_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/**
 * scrypt cost (RFC 7914): N = 2^15, r = 8 → 32 MiB and roughly 0.1–0.5 s per check on a small
 * server. Stored with every hash so the cost can be raised later without breaking old accounts.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

interface StoredAccount {
  user: string;
  role: Role;
  saltB64: string;
  hashB64: string;
  scrypt: ScryptParams;
  createdTs: number;
}

function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const { N, r, p, keyLength } = params;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Stable error for a user name that cannot be used. */
export const invalidUserName = (user: string) =>
  new CityguardError('CG_USERS_INVALID_NAME', `"${user}" cannot be a user name: use lower-case letters, digits and . _ @ - (at most 64)`, { user });

/** Creates, checks and removes user accounts; every read goes to the store so accounts made by the CLI count at once. */
export class UserAccounts {
  // Checked against when a user does not exist, so an unknown name costs as long as a wrong password.
  private decoy: Promise<{ salt: Buffer; hash: Buffer }> | undefined;

  constructor(private readonly state: StateStore) {}

  /** Throws when `user` cannot be a user name or `password` is shorter than MIN_PASSWORD_LENGTH; touches no store. */
  static checkNew(user: string, password: string): void {
    if (!USER_PATTERN.test(user)) throw invalidUserName(user);
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      throw new CityguardError('CG_USERS_WEAK_PASSWORD', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`, {
        minLength: MIN_PASSWORD_LENGTH,
      });
    }
  }

  /** Creates an account; refuses an existing user, a bad name or a password shorter than MIN_PASSWORD_LENGTH. */
  async create(user: string, role: Role, password: string, nowMs: number): Promise<void> {
    UserAccounts.checkNew(user, password);
    if (await this.state.get(NAMESPACE, user)) {
      throw new CityguardError('CG_USERS_EXISTS', `user "${user}" already exists; remove it first to recreate it`, { user });
    }
    const salt = randomBytes(16);
    const hash = await deriveKey(password, salt, SCRYPT);
    const stored: StoredAccount = { user, role, saltB64: salt.toString('base64'), hashB64: hash.toString('base64'), scrypt: { ...SCRYPT }, createdTs: nowMs };
    await this.state.put(NAMESPACE, user, stored);
  }

  /** The principal when `password` is right for `user`; undefined otherwise, in about the same time either way. */
  async authenticate(user: string, password: string): Promise<Principal | undefined> {
    const stored = USER_PATTERN.test(user) ? await this.state.get<StoredAccount>(NAMESPACE, user) : undefined;
    if (!stored) {
      const decoy = await this.decoyHash();
      timingSafeEqual(await deriveKey(password, decoy.salt, SCRYPT), decoy.hash);
      return undefined;
    }
    const expected = Buffer.from(stored.hashB64, 'base64');
    const presented = await deriveKey(password, Buffer.from(stored.saltB64, 'base64'), stored.scrypt);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
    return { user: stored.user, role: stored.role };
  }

  /** Accounts without their secrets. */
  async list(): Promise<Array<Principal & { createdTs: number }>> {
    const all = await this.state.list<StoredAccount>(NAMESPACE);
    return all.map(({ value: { user, role, createdTs } }) => ({ user, role, createdTs })).sort((a, b) => a.user.localeCompare(b.user));
  }

  /** Removes an account; returns whether it existed. Sessions it opened end when they expire or at restart. */
  async remove(user: string): Promise<boolean> {
    if (!(await this.state.get(NAMESPACE, user))) return false;
    await this.state.delete(NAMESPACE, user);
    return true;
  }

  private decoyHash(): Promise<{ salt: Buffer; hash: Buffer }> {
    this.decoy ??= (async () => {
      const salt = randomBytes(16);
      return { salt, hash: await deriveKey(randomBytes(16).toString('hex'), salt, SCRYPT) };
    })();
    return this.decoy;
  }
}

interface Session extends Principal {
  expiresTs: number;
}

/** Session tokens handed out by a login: random, kept only as a hash, refused after `ttlMs`. */
export class LoginSessions {
  private readonly byHash = new Map<string, Session>();

  /** `maxSessions` bounds memory; the oldest session is dropped when a new one would exceed it. */
  constructor(
    private readonly ttlMs = 12 * 3_600_000,
    private readonly now: () => number = Date.now,
    private readonly maxSessions = 10_000,
  ) {}

  /** Opens a session for `principal`; the token is returned once. */
  issue(principal: Principal): { token: string; expiresTs: number } {
    const token = `cgs_${randomBytes(24).toString('base64url')}`;
    const expiresTs = this.now() + this.ttlMs;
    if (this.byHash.size >= this.maxSessions) {
      const oldest = this.byHash.keys().next();
      if (!oldest.done) this.byHash.delete(oldest.value);
    }
    this.byHash.set(hashToken(token), { user: principal.user, role: principal.role, expiresTs });
    return { token, expiresTs };
  }

  /** The session of a presented token, or undefined when unknown or expired. */
  session(token: string | undefined): Session | undefined {
    if (!token || !token.startsWith('cgs_')) return undefined;
    const hash = hashToken(token);
    const found = this.byHash.get(hash);
    if (!found) return undefined;
    if (found.expiresTs <= this.now()) {
      this.byHash.delete(hash);
      return undefined;
    }
    return found;
  }

  /** The principal of a presented session token, or undefined. */
  verify(token: string | undefined): Principal | undefined {
    const s = this.session(token);
    return s ? { user: s.user, role: s.role } : undefined;
  }

  /** Ends a session; returns whether it was open. */
  revoke(token: string): boolean {
    return this.byHash.delete(hashToken(token));
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
