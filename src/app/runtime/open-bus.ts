// Picks the Bus implementation named by the configuration.
import type { RuntimeConfig } from '../../domain/index.js';
import { InProcessBus, type Bus } from '../../platform/bus/index.js';
import type { Logger } from '../../platform/log/index.js';

/** Creates the configured bus. */
export async function openBus(config: RuntimeConfig, log: Logger): Promise<Bus> {
  switch (config.bus.kind) {
    case 'in-process':
      return new InProcessBus({
        onHandlerError: (err, where) => log.error({ err, ...where }, 'bus handler failed; batch counted as failed'),
      });
    case 'nats':
      throw new Error('the NATS JetStream bus is not available in this build yet (issue 9)');
  }
}
