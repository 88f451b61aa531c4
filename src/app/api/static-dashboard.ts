// Serves the built React dashboard (web/dist) at `/`, with a fallback to index.html for the
// dashboard's own paths (/incidents/…, /assets/…) so a reload or a shared link opens the right page.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:web` writes the dashboard, inside the package. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the server owns; a miss under them is a JSON 404, never the dashboard page. */
const SERVER_PATHS = /^\/(api|docs|metrics)(\/|$|\?)/;

/**
 * The dashboard's content security policy: its own scripts only, no frames, no plugins. Images and
 * connections may also go to https hosts because a map tile server is an optional user setting.
 */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self' https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the dashboard from `dir` when it has been built (its index.html exists) and returns true;
 * returns false and registers nothing otherwise, so the caller can serve the plain status page.
 */
export async function installDashboard(app: FastifyInstance, dir: string = DEFAULT_DASHBOARD_DIR): Promise<boolean> {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = join(dir, 'assets');
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    schemaHide: true,
    setHeaders: (reply, path) => {
      // Vite names built assets by content hash: they never change under the same name.
      reply.header('cache-control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (path.endsWith('.html')) reply.header('content-security-policy', DASHBOARD_CSP);
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (SERVER_PATHS.test(request.url)) return reply.callNotFound();
    // A file built after the server started (a rebuild while it runs) is served too; `send` keeps it inside `dir`.
    const file = (request.params as { '*': string })['*'];
    if (file && isFile(join(dir, file))) return reply.sendFile(file);
    // A missing built file is a 404, not the page: a script tag must not receive HTML.
    if (file.startsWith('assets/') || !acceptsHtml(request.headers.accept)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
  return true;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function acceptsHtml(accept: string | undefined): boolean {
  return accept === undefined || accept.includes('text/html') || accept.includes('*/*');
}
