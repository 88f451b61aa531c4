// Message schemas compiled once at start-up (never per message), with a short error description
// for the quarantine: the first problems found, each as `path: message`.
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import {
  ASSET_KINDS,
  DeviceCommandAck,
  DeviceEventMessage,
  DeviceStatusMessage,
  TELEMETRY_SCHEMAS,
  TelemetryMessage,
  type AssetKind,
} from '../../domain/index.js';

/** A compiled check for one schema. */
export interface MessageCheck {
  check(value: unknown): boolean;
  /** Up to three problems, `path: message`, joined by `; `. */
  describe(value: unknown): string;
}

/** Compiles a schema into a check. */
export function compileCheck(schema: TSchema): MessageCheck {
  const v: Validator = Compile(schema);
  return {
    check: (value) => v.Check(value),
    describe: (value) =>
      v
        .Errors(value)
        .slice(0, 3)
        .map((e) => `${e.instancePath || '/'}: ${e.message}${e.keyword === 'additionalProperties' ? ` (${JSON.stringify(e.params)})` : ''}`)
        .join('; '),
  };
}

/** The checks ingest uses, compiled once per process. */
export interface DeviceMessageChecks {
  telemetry: MessageCheck;
  metrics: ReadonlyMap<AssetKind, MessageCheck>;
  events: MessageCheck;
  status: MessageCheck;
  ack: MessageCheck;
}

let compiled: DeviceMessageChecks | undefined;

/** The device message checks, compiled on first use. */
export function deviceMessageChecks(): DeviceMessageChecks {
  compiled ??= {
    telemetry: compileCheck(TelemetryMessage),
    metrics: new Map(ASSET_KINDS.map((k) => [k, compileCheck(TELEMETRY_SCHEMAS[k])])),
    events: compileCheck(DeviceEventMessage),
    status: compileCheck(DeviceStatusMessage),
    ack: compileCheck(DeviceCommandAck),
  };
  return compiled;
}
