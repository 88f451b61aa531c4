// Reads recorded events, one JSON Event per line. A bad line is reported with its number and
// counted; the lines around it are still used.
import { readFileSync } from 'node:fs';
import type { Event } from '../../../domain/index.js';
import { eventsUnreadable } from '../errors.js';
import { validateEvent } from './event-validator.js';

/** An event and the line it came from (1-based). */
export interface LineEvent {
  event: Event;
  line: number;
}

/** What reading a JSONL text found. */
export interface JsonlRead {
  events: LineEvent[];
  bad: Array<{ line: number; message: string }>;
  /** Non-blank lines read. */
  lines: number;
}

/** Parses JSONL text; blank lines are skipped, everything else is an event or a counted bad line. */
export function parseEventsJsonl(text: string): JsonlRead {
  const out: JsonlRead = { events: [], bad: [], lines: 0 };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    out.lines++;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      out.bad.push({ line, message: `not JSON: ${(err as Error).message}` });
      return;
    }
    const result = validateEvent(value);
    if (result.ok) out.events.push({ event: result.event, line });
    else out.bad.push({ line, message: result.problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join('; ') });
  });
  return out;
}

/** Reads and parses a JSONL file; throws CG_DETECTION_EVENTS_UNREADABLE only when it cannot be read at all. */
export function readEventsJsonl(path: string): JsonlRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw eventsUnreadable(path, err);
  }
  return parseEventsJsonl(text);
}
