// A small SMTP client (RFC 5321) for notices through the city's mail relay: EHLO, MAIL FROM, one
// RCPT TO per recipient, DATA with dot-stuffing (§4.5.2), QUIT. The body is sent base64-encoded
// UTF-8 (RFC 2045) so it needs no 8BITMIME; non-ASCII subjects use RFC 2047 encoded words. No
// authentication or STARTTLS: it talks to a relay on the city's own network.
import { randomUUID } from 'node:crypto';
import { createConnection, type Socket } from 'node:net';
import { responseSmtp } from '../errors.js';

/** Where the relay is and who mail comes from. */
export interface SmtpClientOptions {
  host: string;
  port: number;
  from: string;
  heloName?: string;
  timeoutMs?: number;
}

/** One message. */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
}

/** Reads SMTP replies (possibly multi-line, `250-…` then `250 …`) from a socket. */
class ReplyReader {
  private buffer = '';
  private waiting: ((reply: { code: number; text: string }) => void) | undefined;
  private lines: string[] = [];

  constructor(socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        this.lines.push(line);
        if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) this.finish();
      }
    });
  }

  next(): Promise<{ code: number; text: string }> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private finish(): void {
    const text = this.lines.join('\n');
    const code = Number(this.lines[this.lines.length - 1]!.slice(0, 3));
    this.lines = [];
    const w = this.waiting;
    this.waiting = undefined;
    w?.({ code, text });
  }
}

const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);

/** RFC 5322 message text: headers, blank line, base64 body in 76-character lines. */
export function formatMail(from: string, m: MailMessage, now: Date, domain: string): string {
  const body = Buffer.from(m.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${from}`,
    `To: ${m.to.join(', ')}`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

/** Sends mail through one relay. */
export class SmtpClient {
  constructor(private readonly o: SmtpClientOptions) {}

  /** Delivers one message to every recipient; resolves with the relay's final answer. */
  async send(m: MailMessage): Promise<string> {
    const socket = createConnection({ host: this.o.host, port: this.o.port });
    socket.setTimeout(this.o.timeoutMs ?? 10_000);
    const failed = new Promise<never>((_, reject) => {
      socket.once('error', (err) => reject(responseSmtp('the connection', err.message, err)));
      socket.once('timeout', () => reject(responseSmtp('the conversation', `no answer within ${this.o.timeoutMs ?? 10_000} ms`)));
      socket.once('close', () => reject(responseSmtp('the conversation', 'connection closed early')));
    });
    failed.catch(() => undefined);
    const reader = new ReplyReader(socket);
    const step = async (what: string, line: string | undefined, ok: readonly number[]) => {
      const reply = reader.next();
      if (line !== undefined) socket.write(`${line}\r\n`);
      const r = await Promise.race([reply, failed]);
      if (!ok.includes(r.code)) throw responseSmtp(what, r.text);
      return r.text;
    };
    try {
      await step('the greeting', undefined, [220]);
      await step('EHLO', `EHLO ${this.o.heloName ?? 'cityguard'}`, [250]);
      await step('MAIL FROM', `MAIL FROM:<${this.o.from}>`, [250]);
      for (const to of m.to) await step(`RCPT TO ${to}`, `RCPT TO:<${to}>`, [250, 251]);
      await step('DATA', 'DATA', [354]);
      const domain = this.o.from.split('@')[1] ?? 'cityguard.local';
      const data = formatMail(this.o.from, m, new Date(), domain).replace(/(^|\r\n)\./g, '$1..');
      const accepted = await step('the message', `${data}\r\n.`, [250]);
      await step('QUIT', 'QUIT', [221]).catch(() => undefined);
      return accepted;
    } finally {
      socket.destroy();
    }
  }
}
