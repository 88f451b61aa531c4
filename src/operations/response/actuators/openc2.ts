// OpenC2 commands for a stateless packet filter (OpenC2 SLPF profile v1.0) and their delivery over
// HTTPS (Specification for Transfer of OpenC2 Messages via HTTPS v1.1: POST of the message
// envelope with content type application/openc2+json;version=1.0).
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { responseActuatorFailed } from '../errors.js';
import type { OpenC2Command, OpenC2Port, OpenC2Response } from './ports.js';

/** The OpenC2 media type of the HTTPS transfer spec. */
export const OPENC2_CONTENT_TYPE = 'application/openc2+json;version=1.0';

/** `deny` all traffic from and to one host address (SLPF §2.3.1), answered with a rule number. */
export function denyAddress(address: string): OpenC2Command {
  const v6 = isIP(address) === 6;
  return {
    action: 'deny',
    target: v6 ? { ipv6_net: `${address}/128` } : { ipv4_net: `${address}/32` },
    args: { response_requested: 'complete', slpf: { direction: 'both', drop_process: 'none', persistent: true } },
    actuator: { slpf: {} },
  };
}

/** `delete` a rule by the number the consumer gave it (SLPF §2.3.4). */
export function deleteRule(ruleNumber: number): OpenC2Command {
  return { action: 'delete', target: { 'slpf:rule_number': ruleNumber }, args: { response_requested: 'complete' }, actuator: { slpf: {} } };
}

/** The HTTPS message envelope (§3.3.2) around a command. */
export function openc2Envelope(command: OpenC2Command, from: string, nowMs: number): Record<string, unknown> {
  return { headers: { request_id: randomUUID(), created: nowMs, from }, body: { openc2: { request: command } } };
}

/** The response inside a reply body, whether enveloped or bare. */
export function openc2ResponseOf(body: unknown): OpenC2Response | undefined {
  const b = body as { body?: { openc2?: { response?: unknown } }; status?: unknown } | null;
  const inner = b?.body?.openc2?.response ?? b;
  const status = (inner as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? (inner as OpenC2Response) : undefined;
}

/** Options of the HTTPS client. */
export interface HttpOpenC2ClientOptions {
  url: string;
  token?: string;
  timeoutMs?: number;
  from?: string;
}

/** Sends OpenC2 commands to a consumer over HTTP(S). */
export class HttpOpenC2Client implements OpenC2Port {
  constructor(private readonly o: HttpOpenC2ClientOptions) {}

  async send(command: OpenC2Command): Promise<OpenC2Response> {
    let res: Response;
    try {
      res = await fetch(this.o.url, {
        method: 'POST',
        headers: { 'content-type': OPENC2_CONTENT_TYPE, accept: OPENC2_CONTENT_TYPE, ...(this.o.token ? { authorization: `Bearer ${this.o.token}` } : {}) },
        body: JSON.stringify(openc2Envelope(command, this.o.from ?? 'cityguard', Date.now())),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw responseActuatorFailed('block-address', this.o.url, `OpenC2 endpoint unreachable: ${(err as Error).message}`, err);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw responseActuatorFailed('block-address', this.o.url, `HTTP ${res.status}, not an OpenC2 response`);
    }
    const reply = openc2ResponseOf(parsed);
    if (!reply) throw responseActuatorFailed('block-address', this.o.url, `HTTP ${res.status}, no OpenC2 status in the answer`);
    return reply;
  }
}
