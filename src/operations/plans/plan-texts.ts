// The fixed wording of the plans: duties of the usual roles, which role owns each kind of service,
// manual steps per service kind, and what to back up. Kept apart from the builder so a city can
// review the words without reading code.
import type { AssetKind, ServiceKind } from '../../domain/index.js';

/** Duties of the roles a city usually names in its contact list. */
export const DUTIES: Readonly<Record<string, string[]>> = {
  'incident-lead': [
    'Declares the incident and its severity; runs the response bridge.',
    'Decides on actions that interrupt a public service (one of the two approvers).',
    'Keeps the timeline complete: every decision, who made it and why.',
  ],
  ciso: [
    'Leads the technical investigation and containment.',
    'Approves containment actions (the second approver for interrupting ones).',
    'Reports to the national CERT within 24 hours of a significant incident.',
  ],
  'grid-control-duty': ['Runs the distribution grid by phone orders when remote control is off.', 'Sends crews to substations; confirms every switching by call-back.'],
  'water-works-duty': ['Runs treatment and pumping locally; samples treated water every hour.', 'Decides on boil-water notices with the health authority.'],
  'traffic-duty': ['Checks signal cabinets; keeps controllers on fixed time or flashing; asks police for manual control at dark junctions.'],
  'dispatch-lead': ['Keeps 112 answering (regional overflow if needed); triggers sirens locally when ordered.', 'Tells the incident lead about call surges.'],
  'hospital-facilities': ['Confirms generator running and fuel; reports loads shed.'],
  communications: ['Publishes notices from the templates; one voice for the city; updates every hour in SEV-1.'],
  mayor: ['Is informed within an hour of a SEV-1; speaks for the city when the public is affected.'],
  'national-cert': ['Receives the early warning and indicators; may assist.'],
  'scada-vendor': ['Provides known-good images and engineers on call; never connects remotely without a call-back.'],
};

/** The role that owns each kind of service during an incident. */
export const OWNER_ROLE: Readonly<Partial<Record<ServiceKind, string>>> = {
  power: 'grid-control-duty',
  water: 'water-works-duty',
  traffic: 'traffic-duty',
  emergency: 'dispatch-lead',
  'public-safety': 'dispatch-lead',
  health: 'hospital-facilities',
  lighting: 'traffic-duty',
  administration: 'incident-lead',
};

/** Manual steps when a service runs without its control path. */
export const FALLBACK_STEPS: Readonly<Partial<Record<ServiceKind, string[]>>> = {
  power: [
    'Grid control lists the open feeders and the substations to staff; remote switching stays off.',
    'Crews switch locally on phone orders from the shift lead, confirming each operation by call-back.',
    'Restore feeders of the hospital, 112 and water works first (see the recovery order).',
    'Do not trust the serial gateways until their firmware hash matches the known-good image.',
  ],
  traffic: [
    'Controllers run their local fixed-time plans; check cabinets with conflicting or dark signals first.',
    'Ask the police to direct traffic at dark junctions near schools and the hospital.',
  ],
  water: [
    'PLCs in local control keep reservoir levels; staff watch levels on site.',
    'Dose by hand to the plant’s standard setpoints; sample treated water every hour and log it.',
    'If treatment cannot be confirmed safe, prepare a boil-water notice with the health authority.',
  ],
  emergency: ['Overflow calls to the regional 112 centre; dispatch by radio and paper maps.', 'Keep a log of every call taken by hand for later entry.'],
  'public-safety': ['Sirens are triggered from their local boxes by the fire brigade when dispatch orders it.', 'Announce warnings also by radio and loudspeaker vehicles.'],
  health: ['Generators carry intensive care, theatres and emergency; elective care stops.', 'Report fuel level every four hours.'],
  lighting: ['Segment controllers switch by their photocells; report dark streets for a crew visit.'],
  administration: ['Citizen desks work on paper forms; payments by bank transfer.', 'No one switches on office computers until IT says so.'],
};

/** What to back up, for which kinds of device, how often and how to prove it works. */
export const BACKUP_ITEMS: ReadonlyArray<{ item: string; kinds: readonly AssetKind[]; frequency: string; check: string }> = [
  { item: 'PLC programs and setpoints', kinds: ['plc', 'dosing-pump'], frequency: 'after every change, and monthly', check: 'compare the program hash on the device with the backup each month' },
  { item: 'RTU, relay and gateway configurations and known-good firmware images with their hashes', kinds: ['rtu', 'protection-relay', 'serial-gateway'], frequency: 'after every change', check: 're-flash one spare from the backup each quarter' },
  { item: 'Signal timing plans', kinds: ['signal-controller'], frequency: 'after every change', check: 'load a plan into a spare controller each half-year' },
  { item: 'SCADA projects, HMI screens and historian archives', kinds: ['scada-server', 'hmi', 'historian'], frequency: 'daily, plus before every change', check: 'rebuild one HMI from the backup each quarter' },
  { item: 'Directory (domain controller system state)', kinds: ['domain-controller'], frequency: 'daily', check: 'restore into an isolated lab each quarter' },
  { item: 'Firewall, VPN and network device configurations', kinds: ['firewall', 'vpn-gateway'], frequency: 'after every change', check: 'diff against the running configuration monthly' },
  { item: 'Offline copy of all of the above (one copy off-site and offline, immutable)', kinds: [], frequency: 'weekly', check: 'a person confirms the offline copy is readable each month' },
  { item: 'Break-glass credentials and the device credential escrow (sealed, offline)', kinds: [], frequency: 'after every rotation', check: 'two people open and re-seal it each half-year' },
];
