// The ATT&CK for ICS techniques network detection reports, with their names and first tactic as
// content/attack-ics/techniques.json (v18.1) has them; a test keeps the two in step.
import type { IcsTactic } from '../../../domain/index.js';

/** Technique ids used by network findings. */
export type NetworkTechniqueId =
  | 'T0804' | 'T0806' | 'T0815' | 'T0816' | 'T0830' | 'T0832' | 'T0836' | 'T0843' | 'T0845' | 'T0846'
  | 'T0848' | 'T0855' | 'T0856' | 'T0859' | 'T0861' | 'T0864' | 'T0866' | 'T0867' | 'T0869' | 'T0881' | 'T0888';

/** Name and tactic of each technique (tactic: the first one ATT&CK lists). */
export const NETWORK_TECHNIQUES: Readonly<Record<NetworkTechniqueId, { name: string; tactic: IcsTactic }>> = {
  T0804: { name: 'Block Reporting Message', tactic: 'inhibit-response-function' },
  T0806: { name: 'Brute Force I/O', tactic: 'impair-process-control' },
  T0815: { name: 'Denial of View', tactic: 'impact' },
  T0816: { name: 'Device Restart/Shutdown', tactic: 'inhibit-response-function' },
  T0830: { name: 'Adversary-in-the-Middle', tactic: 'collection' },
  T0832: { name: 'Manipulation of View', tactic: 'impact' },
  T0836: { name: 'Modify Parameter', tactic: 'impair-process-control' },
  T0843: { name: 'Program Download', tactic: 'lateral-movement' },
  T0845: { name: 'Program Upload', tactic: 'collection' },
  T0846: { name: 'Remote System Discovery', tactic: 'discovery' },
  T0848: { name: 'Rogue Master', tactic: 'initial-access' },
  T0855: { name: 'Unauthorized Command Message', tactic: 'impair-process-control' },
  T0856: { name: 'Spoof Reporting Message', tactic: 'evasion' },
  T0859: { name: 'Valid Accounts', tactic: 'persistence' },
  T0861: { name: 'Point & Tag Identification', tactic: 'collection' },
  T0864: { name: 'Transient Cyber Asset', tactic: 'initial-access' },
  T0866: { name: 'Exploitation of Remote Services', tactic: 'initial-access' },
  T0867: { name: 'Lateral Tool Transfer', tactic: 'lateral-movement' },
  T0869: { name: 'Standard Application Layer Protocol', tactic: 'command-and-control' },
  T0881: { name: 'Service Stop', tactic: 'inhibit-response-function' },
  T0888: { name: 'Remote System Information Discovery', tactic: 'discovery' },
};
