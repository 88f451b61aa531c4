// Structured logs (pino). Secrets never reach a log line: known secret fields are redacted.
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Human-readable output for a terminal; JSON lines otherwise. */
  pretty?: boolean;
  name?: string;
}

const REDACT = ['password', 'token', 'secret', '*.password', '*.token', '*.secret', 'authorization', '*.authorization', 'req.headers.authorization'];

/** Creates the process logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    name: options.name ?? 'cityguard',
    level: options.level ?? process.env['CITYGUARD_LOG_LEVEL'] ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  });
}

/** A logger that discards everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
