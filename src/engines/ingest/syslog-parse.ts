// Syslog lines → records. RFC 5424 is parsed here to its grammar (§6: header, structured data with
// escapes, message); nsyslog-parser 0.10.1 splits some structured data wrongly (`[origin ip="…"][meta …]`
// loses the message), so it serves only RFC 3164 and the many near-3164 dialects devices send.
import parseLegacy from 'nsyslog-parser';

/** One syslog message, whatever its format. */
export interface SyslogRecord {
  format: 'rfc5424' | 'rfc3164';
  facility: number;
  /** 0 emergency … 7 debug (RFC 5424 §6.2.1). */
  severity: number;
  /** Milliseconds since the epoch, when the line carried a usable timestamp. */
  ts?: number;
  host?: string;
  app?: string;
  procId?: string;
  msgId?: string;
  message: string;
  /** Structured data by SD-ID, each a map of parameter values (RFC 5424 §6.3). */
  structuredData: Record<string, Record<string, string>>;
}

const PRI = /^<(\d{1,3})>/;
const HEADER_5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) /;
const nil = (v: string | undefined) => (v === undefined || v === '-' ? undefined : v);

/** Parses one line; null when it has no valid PRI (then it is not syslog). */
export function parseSyslog(line: string): SyslogRecord | null {
  const pri = PRI.exec(line);
  if (!pri || Number(pri[1]) > 191) return null;
  const prival = Number(pri[1]);
  const h = HEADER_5424.exec(line);
  if (h) {
    const rest = parseStructuredData(line.slice(h[0].length));
    if (rest) {
      const ts = h[2] === '-' ? undefined : Date.parse(h[2]!);
      return {
        format: 'rfc5424',
        facility: prival >> 3,
        severity: prival & 7,
        ...(ts !== undefined && Number.isFinite(ts) ? { ts } : {}),
        ...optional({ host: nil(h[3]), app: nil(h[4]), procId: nil(h[5]), msgId: nil(h[6]) }),
        message: rest.message.replace(/^\uFEFF/, ''),
        structuredData: rest.sd,
      };
    }
  }
  const p = parseLegacy(line);
  const ts = p.ts instanceof Date ? p.ts.getTime() : NaN;
  return {
    format: 'rfc3164',
    facility: prival >> 3,
    severity: prival & 7,
    ...(Number.isFinite(ts) ? { ts } : {}),
    ...optional({ host: p.host || undefined, app: p.appName || undefined, procId: p.pid || undefined }),
    message: p.message ?? '',
    structuredData: {},
  };
}

function optional(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** Reads `-` or SD-ELEMENTs, then an optional space and the message; null when the grammar breaks. */
function parseStructuredData(text: string): { sd: Record<string, Record<string, string>>; message: string } | null {
  const sd: Record<string, Record<string, string>> = {};
  let i = 0;
  if (text.startsWith('-')) i = 1;
  else {
    if (text[0] !== '[') return null;
    while (text[i] === '[') {
      const idEnd = text.slice(i + 1).search(/[ \]]/);
      if (idEnd <= 0) return null;
      const id = text.slice(i + 1, i + 1 + idEnd);
      const params: Record<string, string> = {};
      i += 1 + idEnd;
      while (text[i] === ' ') {
        const m = /^ ([^= \]"]{1,32})="/.exec(text.slice(i));
        if (!m) return null;
        i += m[0].length;
        let value = '';
        while (i < text.length && text[i] !== '"') {
          // RFC 5424 §6.3.3: inside a value, '"', '\' and ']' are escaped with '\'.
          if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === ']')) i++;
          value += text[i++];
        }
        if (text[i] !== '"') return null;
        params[m[1]!] = value;
        i++;
      }
      if (text[i] !== ']') return null;
      sd[id] = params;
      i++;
    }
  }
  if (i < text.length && text[i] !== ' ') return null;
  return { sd, message: text.slice(i + 1) };
}
