// Process detectors: their lifecycle, baseline and last score for the dashboard, and the re-learn an
// operator asks for after a planned change (new setpoints, a replaced pump). Mounted by the runtime
// through `extraRoutes` when anomaly detection runs.
import type { FastifyInstance } from 'fastify';
import { ErrorResponse, ProcessList, ProcessStatus } from '../../../contracts/index.js';
import { notFound } from '../errors.js';
import { IdParams } from './query-schemas.js';

/** What the routes need from the running detectors. */
export interface ProcessDetectors {
  list(): ProcessStatus[];
  /** True while detectors are pre-learned on the twin and live telemetry waits. */
  readonly prelearning: boolean;
  /** Starts the process's detector learning again; undefined for an unknown process. */
  relearn(id: string, by: string): Promise<ProcessStatus | undefined>;
}

/** GET /api/processes and POST /api/processes/:id/relearn (operator). */
export function processRoutes(detectors: ProcessDetectors): (app: FastifyInstance) => void {
  return (app) => {
    app.get(
      '/api/processes',
      { schema: { tags: ['detection'], summary: 'Processes watched by anomaly detectors: phase, progress, baseline and last score', response: { 200: ProcessList } } },
      async () => ({ items: detectors.list(), prelearning: detectors.prelearning }),
    );
    app.post(
      '/api/processes/:id/relearn',
      {
        config: { role: 'operator' },
        schema: {
          tags: ['detection'],
          summary: 'Forget what the process detector learned and learn again (after a planned change)',
          params: IdParams,
          response: { 200: ProcessStatus, 404: ErrorResponse },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const status = await detectors.relearn(id, request.principal?.user ?? 'unknown');
        if (!status) throw notFound('process', id);
        return status;
      },
    );
  };
}
