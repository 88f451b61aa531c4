// JSON POSTs to a webhook (chat, paging or ticket system); anything but 2xx is a failure.
import { responseActuatorFailed } from '../errors.js';

/** POSTs `body` as JSON; resolves with the parsed answer (or undefined when it is not JSON). */
export async function postJson(url: string, body: unknown, timeoutMs = 10_000, what = 'webhook'): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw responseActuatorFailed(what, url, `unreachable: ${(err as Error).message}`, err);
  }
  const text = await res.text();
  if (res.status < 200 || res.status > 299) throw responseActuatorFailed(what, url, `answered HTTP ${res.status}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
