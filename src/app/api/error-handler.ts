// Maps errors to HTTP at the edge: engines know nothing of HTTP. Known codes get their status;
// anything else is a 500 with a request id and no stack.
import type { FastifyError, FastifyInstance } from 'fastify';
import { isCityguardError } from '../../domain/index.js';

const STATUS_BY_CODE: Record<string, number> = {
  CG_CONTENT_INVALID: 400,
  CG_API_UNAUTHENTICATED: 401,
  CG_API_FORBIDDEN: 403,
  CG_API_NOT_FOUND: 404,
  CG_INGEST_UNKNOWN_DEVICE: 404,
  CG_API_DEVICE_SECURITY_OFF: 409,
};

/** Installs the error and not-found handlers. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (isCityguardError(err)) {
      const status = STATUS_BY_CODE[err.code] ?? 400;
      return reply.status(status).send({ error: err.code, message: err.message, requestId: request.id, details: err.details });
    }
    if (err.validation) {
      return reply.status(400).send({ error: 'CG_API_BAD_REQUEST', message: err.message, requestId: request.id });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: err.code ?? 'CG_API_BAD_REQUEST', message: err.message, requestId: request.id });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: 'CG_API_INTERNAL', message: 'internal error', requestId: request.id });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'CG_API_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id }),
  );
}
