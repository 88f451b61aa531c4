// Builds the HTTP API: OpenAPI at /docs, public health, and every other route behind a token.
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.js';
import { installAuth } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import { activityRoutes } from './routes/activity-routes.js';
import { inventoryRoutes } from './routes/inventory-routes.js';
import { postureRoutes } from './routes/posture-routes.js';
import { loginRoute, sessionRoutes, type LoginAttemptRecord } from './routes/session-routes.js';
import { healthRoute, statusRoutes } from './routes/status-routes.js';
import { streamRoutes } from './routes/stream-routes.js';
import { installDashboard } from './static-dashboard.js';
import { STATUS_PAGE_HTML } from './status-page.js';
import { LoginSessions, UserAccounts } from './user-accounts.js';

export interface ApiOptions {
  /** Log requests through this pino-compatible logger; false for none. */
  logger?: boolean | object;
  /** Extra authenticated routes (response, posture, ledger …) contributed by the runtime. */
  extraRoutes?: Array<(app: FastifyInstance) => void>;
  /** Folder of the built dashboard (default web/dist); false serves the plain status page instead. */
  dashboardDir?: string | false;
  /** Called on every login attempt by user account, e.g. to append it to the ledger. */
  onLogin?: (attempt: LoginAttemptRecord) => void;
}

/** Creates the Fastify app; the caller listens. */
export async function buildApi(deps: ApiDeps, options: ApiOptions = {}): Promise<FastifyInstance> {
  const startedMs = Date.now();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: () => Math.random().toString(36).slice(2, 10),
    // EventSource sends the token in the query string: keep it out of logs.
    ...(options.logger ? { serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.replace(/token=[^&]+/, 'token=[redacted]') }) } } : {}),
  });
  installErrorHandler(app);
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'cityguard API', version: '0.1.0', description: 'Security operations for a city’s connected infrastructure.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  healthRoute(app, deps, startedMs);
  const sessions = new LoginSessions();
  loginRoute(app, { accounts: new UserAccounts(deps.store.state), sessions, ...(options.onLogin ? { onLogin: options.onLogin } : {}) });
  const dashboard = options.dashboardDir !== false && (await installDashboard(app, options.dashboardDir));
  if (!dashboard) app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html').send(STATUS_PAGE_HTML));
  await app.register(async (api) => {
    installAuth(api, { verify: (token) => sessions.verify(token) ?? deps.tokens.verify(token) });
    sessionRoutes(api, sessions);
    inventoryRoutes(api, deps);
    activityRoutes(api, deps);
    statusRoutes(api, deps);
    streamRoutes(api, deps);
    postureRoutes(api, deps);
    for (const add of options.extraRoutes ?? []) add(api);
  });
  return app;
}
