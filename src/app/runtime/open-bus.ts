// Picks the Bus implementation named by the configuration.
import type { RuntimeConfig } from '../../domain/index.js';
import { InProcessBus, NatsBus, type Bus, type NatsBusOptions } from '../../platform/bus/index.js';
import type { Logger } from '../../platform/log/index.js';

/** Creates the configured bus. */
export async function openBus(config: RuntimeConfig, log: Logger): Promise<Bus> {
  const onHandlerError = (err: unknown, where: { topic: string; group: string; size: number }) =>
    log.error({ err, ...where }, 'bus handler failed; batch counted as failed');
  switch (config.bus.kind) {
    case 'in-process':
      return new InProcessBus({ onHandlerError });
    case 'nats':
      return NatsBus.open(natsOptions(config.bus, log));
  }
}

/** NATS bus options from the `bus` section (seconds there, milliseconds here). */
function natsOptions(c: Extract<RuntimeConfig['bus'], { kind: 'nats' }>, log: Logger): NatsBusOptions {
  const ms = (s: number | undefined) => (s === undefined ? undefined : s * 1000);
  const options: NatsBusOptions = {
    url: c.url,
    partitions: c.partitions,
    streamPrefix: c.streamPrefix,
    onHandlerError: (err, where) => log.error({ err, ...where }, 'bus handler failed; batch will be redelivered or, after maxDeliver attempts, counted as failed'),
    onError: (err, where) => log.error({ err, ...where }, 'NATS bus problem'),
  };
  const optional: Partial<NatsBusOptions> = {
    retention: c.retention,
    maxAgeMs: ms(c.maxAgeS),
    maxBytes: c.maxBytes,
    maxMsgs: c.maxMsgs,
    duplicateWindowMs: ms(c.duplicateWindowS),
    ackWaitMs: ms(c.ackWaitS),
    maxDeliver: c.maxDeliver,
    replicas: c.replicas,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (options as unknown as Record<string, unknown>)[k] = v;
  return options;
}
