// The city's security posture: findings, risk per asset and service, and what to fix first.
import type { FastifyInstance } from 'fastify';
import { PostureReport } from '../../../domain/index.js';
import type { ApiDeps } from '../api-deps.js';

/** GET /api/posture. */
export function postureRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const report = deps.posture;
  if (!report) return;
  app.get(
    '/api/posture',
    {
      schema: {
        tags: ['posture'],
        summary: 'Findings (outdated and vulnerable technology, weak configuration), risk, and the remediation list fix now / next / later',
        response: { 200: PostureReport },
      },
    },
    async () => report(),
  );
}
