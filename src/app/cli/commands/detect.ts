// `cityguard detect …`: offline detection on recorded data. Each subcommand lives in detect-<name>.ts.
import type { Command } from 'commander';
import { registerDetectPcap } from './detect-pcap.js';
import { registerDetectSeries } from './detect-series.js';

/** Registers the `detect` group and its subcommands. */
export function registerDetectCommand(program: Command): Command {
  const detect = program.command('detect').description('Run detectors offline on recorded time series or captures');
  registerDetectSeries(detect);
  registerDetectPcap(detect);
  return detect;
}
