// Bearer-token authentication with roles. Installed in the scope holding every protected
// route; a route's `role` (default viewer) is the least role that may call it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../contracts/index.js';
import { roleAllows, type ApiTokens, type Principal } from './api-tokens.js';
import { forbidden, unauthenticated } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    role?: Role;
    /** Allows `?token=` for clients that cannot set headers (EventSource). */
    tokenInQuery?: boolean;
  }
}

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  if (request.routeOptions.config.tokenInQuery) {
    const q = (request.query as Record<string, unknown> | undefined)?.['token'];
    if (typeof q === 'string') return q;
  }
  return undefined;
}

/** Adds the authentication hook to every route registered after it; `tokens` may combine API tokens and login sessions. */
export function installAuth(app: FastifyInstance, tokens: Pick<ApiTokens, 'verify'>): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (request.routeOptions.url === undefined) return; // unknown route: let it 404
    const principal = tokens.verify(presentedToken(request));
    if (!principal) throw unauthenticated();
    const needed = config.role ?? 'viewer';
    if (!roleAllows(principal.role, needed)) throw forbidden(needed, principal.role);
    request.principal = principal;
  });
}
