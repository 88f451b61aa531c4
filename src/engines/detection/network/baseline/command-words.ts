// Plain words, severity and ATT&CK technique for each class of industrial command, so a finding
// about a new or unexpected command explains itself.
import type { Severity } from '../../../../domain/index.js';
import type { NetworkTechniqueId } from '../techniques.js';
import type { CommandClass } from './control-message.js';

/** How a class of command is described and rated. */
export interface CommandWords {
  /** Noun phrase: "a write", "a restart command". */
  noun: string;
  severity: Severity;
  technique: NetworkTechniqueId;
  /** Why it matters, one sentence. */
  why: string;
}

const CONTROL_WHY = 'It changes what the equipment does; if not sanctioned, someone may be operating the process remotely.';

/** Words for each command class. */
export const COMMAND_WORDS: Readonly<Record<CommandClass, CommandWords>> = {
  read: { noun: 'a read', severity: 'low', technique: 'T0861', why: 'Reading data the device was never asked for can be reconnaissance before an attack.' },
  write: { noun: 'a write', severity: 'high', technique: 'T0855', why: CONTROL_WHY },
  control: { noun: 'an operate command', severity: 'high', technique: 'T0855', why: CONTROL_WHY },
  restart: { noun: 'a restart command', severity: 'high', technique: 'T0816', why: 'A restart interrupts monitoring and control of the equipment while the device comes back.' },
  stop: { noun: 'a stop command', severity: 'high', technique: 'T0881', why: 'Stopping the device application halts its control logic.' },
  'file-write': { noun: 'a file transfer to the device', severity: 'high', technique: 'T0843', why: 'Files sent to a controller can replace its program or firmware.' },
  'file-read': { noun: 'a file transfer from the device', severity: 'medium', technique: 'T0845', why: 'Copying files off a controller can steal its program and settings.' },
  diagnostic: { noun: 'a diagnostic command', severity: 'medium', technique: 'T0888', why: 'Diagnostic requests reveal device details and can change communication behaviour.' },
  identify: { noun: 'a device identification request', severity: 'medium', technique: 'T0888', why: 'Asking a device for its make and firmware is how attackers choose an exploit.' },
  parameter: { noun: 'a parameter change', severity: 'high', technique: 'T0836', why: 'Changed parameters alter thresholds and limits the process relies on.' },
  config: { noun: 'a configuration command', severity: 'medium', technique: 'T0836', why: 'Configuration changes alter how the device reports and behaves.' },
  'reporting-off': { noun: 'a command that stops event reporting', severity: 'high', technique: 'T0804', why: 'With reporting off the control room stops hearing about changes at the device.' },
  time: { noun: 'a clock change', severity: 'medium', technique: 'T0836', why: 'A wrong device clock corrupts event times and time-based logic.' },
  freeze: { noun: 'a counter freeze', severity: 'low', technique: 'T0855', why: 'Freezing counters changes the values the control room reads.' },
  other: { noun: 'an unusual command', severity: 'medium', technique: 'T0855', why: 'Commands outside normal operation deserve a look.' },
  response: { noun: 'a response', severity: 'low', technique: 'T0856', why: 'Unexpected responses can be spoofed reports.' },
  monitor: { noun: 'a report', severity: 'low', technique: 'T0832', why: 'Unexpected reports can hide the real state of the process.' },
  confirm: { noun: 'a confirmation', severity: 'info', technique: 'T0855', why: 'Confirmations carry no command.' },
};
