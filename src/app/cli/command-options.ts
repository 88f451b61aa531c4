// Parsing and lifecycle shared by commands: numeric options that fail clearly, and clean shutdown.
import { InvalidArgumentError } from 'commander';

/** Parses an integer option or fails with a message naming the value. */
export function intOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" is not a whole number`);
  return n;
}

/** Parses a finite number option. */
export function numberOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`"${value}" is not a number`);
  return n;
}

/** Resolves after SIGINT or SIGTERM, once `stop` has finished. */
export function waitForShutdown(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) return;
      stopping = true;
      console.log('\nstopping…');
      stop().then(resolve, (err) => {
        console.error(err);
        resolve();
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
