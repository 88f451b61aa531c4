// Validates a value as a normalized Event, with the schema of its own type so problems read as
// "/metrics must be object" rather than five union branches. Validators compile once.
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { AuthEvent, CommandEvent, EVENT_TYPES, LogEvent, NetworkEvent, TelemetryEvent } from '../../../domain/index.js';
import type { Event, EventType } from '../../../domain/index.js';

const SCHEMAS: Readonly<Record<EventType, TSchema>> = { telemetry: TelemetryEvent, network: NetworkEvent, command: CommandEvent, auth: AuthEvent, log: LogEvent };
const validators = new Map<EventType, Validator>();

function validatorFor(type: EventType): Validator {
  let v = validators.get(type);
  if (!v) {
    v = Compile(SCHEMAS[type]);
    validators.set(type, v);
  }
  return v;
}

/** One thing wrong with an event, by JSON pointer. */
export interface EventProblem {
  path: string;
  message: string;
}

/** Checks `value` against the Event schema of its `type`. */
export function validateEvent(value: unknown): { ok: true; event: Event } | { ok: false; problems: EventProblem[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problems: [{ path: '', message: 'an event must be a JSON object' }] };
  const type = (value as { type?: unknown }).type;
  if (!EVENT_TYPES.includes(type as EventType)) {
    return { ok: false, problems: [{ path: '/type', message: `type must be one of ${EVENT_TYPES.join(', ')}` }] };
  }
  const v = validatorFor(type as EventType);
  if (v.Check(value)) return { ok: true, event: value as Event };
  const problems = [...v.Errors(value)]
    .filter((e) => !(e.keyword === 'boolean' && e.message === 'schema is false'))
    .map((e) => {
      const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperties?: string[] }).additionalProperties : undefined;
      const missing = e.keyword === 'required' ? (e.params as { requiredProperties?: string[] }).requiredProperties : undefined;
      const message = extra ? `unknown field ${extra.join(', ')}` : missing ? `missing field ${missing.join(', ')}` : e.message;
      return { path: e.instancePath, message };
    });
  return { ok: false, problems };
}
