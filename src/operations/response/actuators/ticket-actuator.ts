// Tickets: a JSON file per ticket in a folder, or open/close events POSTed to a ticket system's
// webhook. Undo closes the ticket with the reason.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Action } from '../../../domain/index.js';
import { responseActuatorFailed } from '../errors.js';
import type { Actuator } from './actuator.js';
import type { Ticket, TicketPort } from './ports.js';
import { postJson } from './webhook.js';

interface TicketFile extends Ticket {
  status: 'open' | 'closed';
  openedTs: number;
  closedTs?: number;
  closeNote?: string;
}

/** Tickets as files `<dir>/<ref>.json`, written atomically. */
export class FileTicketSink implements TicketPort {
  constructor(
    private readonly dir: string,
    private readonly now: () => number,
  ) {}

  async open(t: Ticket): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    await this.write({ ...t, status: 'open', openedTs: this.now() });
    return `ticket ${t.ref} opened in ${this.dir}`;
  }

  async close(ref: string, note: string): Promise<string> {
    let t: TicketFile;
    try {
      t = JSON.parse(await readFile(this.path(ref), 'utf8')) as TicketFile;
    } catch (err) {
      throw responseActuatorFailed('open-ticket', ref, `ticket file unreadable: ${(err as Error).message}`, err);
    }
    await this.write({ ...t, status: 'closed', closedTs: this.now(), closeNote: note });
    return `ticket ${ref} closed`;
  }

  private path(ref: string): string {
    return join(this.dir, `${ref.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  private async write(t: TicketFile): Promise<void> {
    const tmp = `${this.path(t.ref)}.tmp`;
    await writeFile(tmp, `${JSON.stringify(t, null, 2)}\n`, { mode: 0o640 });
    await rename(tmp, this.path(t.ref));
  }
}

/** Tickets as events POSTed to a ticket system. */
export class WebhookTicketSink implements TicketPort {
  constructor(private readonly url: string) {}

  async open(t: Ticket): Promise<string> {
    const answer = (await postJson(this.url, { event: 'ticket.open', ticket: t }, 10_000, 'ticket webhook')) as { id?: unknown } | undefined;
    return `ticket ${t.ref} opened${typeof answer?.id === 'string' ? ` as ${answer.id}` : ''}`;
  }

  async close(ref: string, note: string): Promise<string> {
    await postJson(this.url, { event: 'ticket.close', ref, note }, 10_000, 'ticket webhook');
    return `ticket ${ref} closed`;
  }
}

const refOf = (action: Action) => `CG-${action.id.replace(/^act-/, '').slice(0, 10).toUpperCase()}`;

/** The open-ticket actuator. */
export function ticketActuator(port: TicketPort): Actuator {
  return {
    describe: (action) => `open ticket ${refOf(action)} in ${String(action.params['queue'] ?? action.target.id)}`,
    perform: async (action) => {
      const ref = refOf(action);
      const text = await port.open({
        ref,
        queue: String(action.params['queue'] ?? action.target.id),
        title: String(action.params['title'] ?? action.reason),
        body: `${action.reason}\n\nIncident: ${action.incidentId ?? '-'}\nRequested by: ${action.requestedBy}`,
        ...(action.incidentId ? { incidentId: action.incidentId } : {}),
        actionId: action.id,
      });
      return { text, params: { ticketRef: ref } };
    },
    undo: async (action) => port.close(String(action.params['ticketRef'] ?? refOf(action)), `withdrawn by cityguard: action ${action.id} undone`),
  };
}
