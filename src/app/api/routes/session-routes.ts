// Login by user account: POST /api/login (public, throttled) opens a session; GET /api/session says
// who a token belongs to; POST /api/logout ends a session. API tokens keep working alongside.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorResponse, LoginRequest, LoginResponse, SessionInfo } from '../../../contracts/index.js';
import type { LoginSessions, UserAccounts } from '../user-accounts.js';

/** A login attempt, for the audit trail (the runtime appends it to the ledger). */
export interface LoginAttemptRecord {
  user: string;
  ok: boolean;
  ip: string;
  ts: number;
}

export interface SessionRouteDeps {
  accounts: UserAccounts;
  sessions: LoginSessions;
  now?: () => number;
  onLogin?: (attempt: LoginAttemptRecord) => void;
}

/** Failed logins allowed per user and per address within the window before further tries wait. */
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

/** Counts recent failed logins by key (user name, client address) to slow password guessing. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < MAX_FAILURES) return 0;
    return Math.max(0, (recent[recent.length - MAX_FAILURES] ?? 0) + FAILURE_WINDOW_MS - this.now());
  }

  /** Records a failure for `key`. */
  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** Forgets `key` after a successful login. */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - FAILURE_WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }
}

/** POST /api/login — registered outside the authenticated scope. */
export function loginRoute(app: FastifyInstance, deps: SessionRouteDeps): void {
  const now = deps.now ?? Date.now;
  const throttle = new LoginThrottle(now);
  app.post(
    '/api/login',
    {
      schema: {
        tags: ['session'],
        summary: 'Log in with a user account (see `cityguard users create`); returns a session token for the bearer header',
        security: [],
        body: LoginRequest,
        response: { 200: LoginResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { user, password } = request.body as LoginRequest;
      const keys = [`user:${user}`, `ip:${request.ip}`];
      const waitMs = Math.max(...keys.map((k) => throttle.retryAfterMs(k)));
      if (waitMs > 0) {
        reply.header('retry-after', Math.ceil(waitMs / 1000));
        return reply.status(429).send({
          error: 'CG_API_LOGIN_THROTTLED',
          message: `too many failed logins; try again in ${Math.ceil(waitMs / 60_000)} minute(s)`,
          requestId: request.id,
        });
      }
      const principal = await deps.accounts.authenticate(user, password);
      deps.onLogin?.({ user, ok: principal !== undefined, ip: request.ip, ts: now() });
      if (!principal) {
        keys.forEach((k) => throttle.fail(k));
        return reply.status(401).send({ error: 'CG_API_LOGIN_FAILED', message: 'user name or password is wrong', requestId: request.id });
      }
      throttle.clear(`user:${user}`);
      const { token, expiresTs } = deps.sessions.issue(principal);
      return { token, user: principal.user, role: principal.role, expiresTs };
    },
  );
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** GET /api/session and POST /api/logout — registered inside the authenticated scope. */
export function sessionRoutes(app: FastifyInstance, sessions: LoginSessions): void {
  app.get(
    '/api/session',
    { schema: { tags: ['session'], summary: 'Who the presented token belongs to, and its role', response: { 200: SessionInfo } } },
    async (request) => {
      const principal = request.principal!;
      const session = sessions.session(bearer(request));
      return session
        ? { user: principal.user, role: principal.role, kind: 'session' as const, expiresTs: session.expiresTs }
        : { user: principal.user, role: principal.role, kind: 'api-token' as const };
    },
  );
  app.post(
    '/api/logout',
    { schema: { tags: ['session'], summary: 'End the login session of the presented token (API tokens are revoked with the CLI)' } },
    async (request) => {
      const token = bearer(request);
      return { ended: token !== undefined && sessions.revoke(token) };
    },
  );
}
