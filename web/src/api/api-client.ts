// Talks to the cityguard API with the signed-in token. Errors keep the server's stable code so the
// screen can say what went wrong; a 404 on a whole route means "this part is not on this server".
import type { ErrorResponse } from '../../../src/contracts/index.js';

/** A failed API call: the HTTP status and the server's error code (see docs/errors.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the server has no such route at all (as opposed to no such object). */
  get routeMissing(): boolean {
    return this.status === 404 && this.message.startsWith('no route ');
  }
}

/** Called when the server refuses the token, so the app can ask the person to sign in again. */
export type UnauthorizedHandler = () => void;

/** A small fetch wrapper bound to one bearer token. */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: UnauthorizedHandler = () => undefined,
  ) {}

  /** GET `path` and parse its JSON body. */
  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }

  /** GET `path` as text (a generated document). */
  async getText(path: string): Promise<string> {
    const res = await fetch(path, { headers: { authorization: `Bearer ${this.token}` } });
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) throw await toError(res, path);
    return res.text();
  }

  /** POST `body` as JSON to `path` and parse the JSON answer. */
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** URL of the live stream; EventSource cannot send headers, so the token rides in the query. */
  streamUrl(): string {
    return `/api/stream?token=${encodeURIComponent(this.token)}`;
  }

  private async request<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), signal: signal ?? null });
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) throw await toError(res, path);
    return (await res.json()) as T;
  }
}

async function toError(res: Response, path: string): Promise<ApiError> {
  try {
    const e = (await res.json()) as Partial<ErrorResponse>;
    return new ApiError(res.status, e.error ?? `HTTP_${res.status}`, e.message ?? res.statusText, path);
  } catch {
    return new ApiError(res.status, `HTTP_${res.status}`, res.statusText || 'request failed', path);
  }
}

/** Logs in with a user account; no token needed yet. */
export async function loginWithAccount<T>(user: string, password: string): Promise<T> {
  const res = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  if (!res.ok) throw await toError(res, '/api/login');
  return (await res.json()) as T;
}
