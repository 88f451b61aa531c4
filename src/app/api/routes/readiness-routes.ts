// Readiness material: the attack scenario library the twin can play, and the city's generated
// incident response protocol and disaster recovery plan.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { PlanList, ScenarioList } from '../../../contracts/index.js';
import { notFound } from '../errors.js';

/** What the readiness routes serve; the runtime loads and generates them at start. */
export interface ReadinessSources {
  scenarios: ScenarioList['items'];
  plans: { dir: string; generatedTs: number; documents: Array<{ id: string; title: string }> };
}

const CONTENT_TYPES = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

/** GET /api/scenarios, /api/plans and /api/plans/:id.(md|html). */
export function readinessRoutes(sources: ReadinessSources): (app: FastifyInstance) => void {
  return (app) => {
    app.get(
      '/api/scenarios',
      { schema: { tags: ['readiness'], summary: 'Attack scenarios the city twin can play, with ATT&CK for ICS technique ids', response: { 200: ScenarioList } } },
      async () => ({ items: sources.scenarios }),
    );
    app.get(
      '/api/plans',
      { schema: { tags: ['readiness'], summary: 'Incident response protocol and disaster recovery plan generated from the city model', response: { 200: PlanList } } },
      async () => ({
        generatedTs: sources.plans.generatedTs,
        items: sources.plans.documents.map((d) => ({ ...d, markdownUrl: `/api/plans/${d.id}.md`, htmlUrl: `/api/plans/${d.id}.html` })),
      }),
    );
    app.get(
      '/api/plans/:file',
      { schema: { tags: ['readiness'], summary: 'One plan document as Markdown or printable HTML', params: Type.Object({ file: Type.String() }) } },
      async (request, reply) => {
        const file = basename((request.params as { file: string }).file);
        const [id, ext] = file.split('.') as [string, string | undefined];
        const known = sources.plans.documents.some((d) => d.id === id);
        if (!known || (ext !== 'md' && ext !== 'html')) throw notFound('plan document', file);
        return reply.type(CONTENT_TYPES[ext]).send(await readFile(join(sources.plans.dir, `${id}.${ext}`), 'utf8'));
      },
    );
  };
}
