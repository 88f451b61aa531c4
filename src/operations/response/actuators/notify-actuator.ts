// Notices: the people holding the step's roles (from the city's contact list) are told what
// happened and why, by e-mail through the SMTP relay and/or a webhook. Undo sends a stand-down.
import type { Action, CityModel } from '../../../domain/index.js';
import { responseNotConfigured } from '../errors.js';
import type { Actuator } from './actuator.js';
import type { Notification, NotificationPort, Recipient } from './ports.js';
import type { SmtpClient } from './smtp-client.js';
import { postJson } from './webhook.js';

function recipients(city: CityModel, action: Action): Recipient[] {
  const roles = String(action.params['roles'] ?? action.target.id.replace(/\+/g, ',')).split(',').filter((r) => r !== '');
  return roles.map((role) => {
    const c = city.city.contacts.find((x) => x.role === role);
    return c ? { role, name: c.name, ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone: c.phone } : {}) } : { role, name: `(no contact for ${role})` };
  });
}

function notice(city: CityModel, action: Action, kind: Notification['kind']): Notification {
  const subject = String(action.params['subject'] ?? `[cityguard] ${action.reason}`);
  const lead = kind === 'stand-down' ? 'STAND DOWN — the earlier notice no longer applies.\n\n' : '';
  const text = `${lead}${String(action.params['message'] ?? action.reason)}\n\nIncident: ${action.incidentId ?? '-'}\nAction: ${action.id}\nCity: ${city.city.city.name}`;
  return { kind, subject: kind === 'stand-down' ? `[stand down] ${subject}` : subject, text, recipients: recipients(city, action), action };
}

/** Notices through e-mail and/or webhook as configured. */
export class ChannelNotifier implements NotificationPort {
  constructor(private readonly channels: { smtp?: SmtpClient; webhook?: { url: string; timeoutMs?: number } }) {}

  async send(n: Notification): Promise<string> {
    const { smtp, webhook } = this.channels;
    if (!smtp && !webhook) throw responseNotConfigured('notification', 'set response.smtp and/or response.webhook');
    const done: string[] = [];
    const emails = n.recipients.flatMap((r) => (r.email ? [r.email] : []));
    if (smtp && emails.length > 0) {
      await smtp.send({ to: emails, subject: n.subject, text: n.text });
      done.push(`e-mailed ${emails.join(', ')}`);
    }
    if (webhook) {
      await postJson(webhook.url, { type: `cityguard.${n.kind}`, subject: n.subject, text: n.text, recipients: n.recipients, actionId: n.action.id, incidentId: n.action.incidentId }, webhook.timeoutMs, 'notification webhook');
      done.push('posted to the webhook');
    }
    if (done.length === 0) throw responseNotConfigured('e-mail for these roles', 'the contacts have no e-mail address and no webhook is set');
    return done.join('; ');
  }
}

/** The notify actuator: tells the roles; undo tells them to stand down. */
export function notifyActuator(city: CityModel, port: NotificationPort): Actuator {
  return {
    describe: (action) => `notify ${recipients(city, action).map((r) => r.role).join(', ')}`,
    perform: async (action) => ({ text: await port.send(notice(city, action, 'notice')) }),
    undo: async (action) => `stand-down sent: ${await port.send(notice(city, action, 'stand-down'))}`,
  };
}
