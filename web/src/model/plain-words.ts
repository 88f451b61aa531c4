// The words the dashboard uses, written for the person on duty who is not a security specialist:
// what a state means and what follows from it, never a bare code.
import type { ActionKind, ActionStatus, AssetKind, IcsTactic, IncidentStatus, Severity } from '../../../src/domain/index.js';
import type { StatusResponse } from '../../../src/contracts/index.js';

export type Headline = StatusResponse['headline'];

/** The overview headline: a title and one sentence saying what to do. */
export const HEADLINE_WORDS: Record<Headline, { title: string; detail: string }> = {
  'all-is-well': { title: 'All is well', detail: 'Services are running and nothing suspicious is going on. Nothing to do.' },
  attention: {
    title: 'Attention',
    detail: 'Something unusual was seen. No emergency, but someone should look at the alerts today.',
  },
  'act-now': { title: 'Act now', detail: 'An attack is under way. Open the incident below and follow its steps, top to bottom.' },
};

/** How bad something is, in words. */
export const SEVERITY_WORDS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'Serious',
  medium: 'Worth a look',
  low: 'Minor',
  info: 'For information',
};

/** Where an incident stands, and what that means for the person reading. */
export const INCIDENT_STATUS_WORDS: Record<IncidentStatus, { label: string; meaning: string }> = {
  new: { label: 'New', meaning: 'Nobody has taken this on yet.' },
  triaged: { label: 'Being handled', meaning: 'Someone is working on it.' },
  contained: { label: 'Contained', meaning: 'The attacker has been cut off. Services may still run in a reduced, manual mode.' },
  recovered: { label: 'Recovered', meaning: 'Services are back to normal. What is left is the clean-up and the report.' },
  closed: { label: 'Closed', meaning: 'Finished and written up.' },
};

/** How far an attack has got, told as what the attacker is doing (ATT&CK for ICS tactics). */
export const STAGE_WORDS: Record<IcsTactic, string> = {
  'initial-access': 'The attacker has just got in, for example through an e-mail attachment or a stolen password.',
  execution: 'The attacker is running their own programs on a city computer.',
  persistence: 'The attacker is making sure they can come back, for example with a new account.',
  'privilege-escalation': 'The attacker is giving themselves more rights than they should have.',
  evasion: 'The attacker is covering their tracks.',
  discovery: 'The attacker is looking around the network for control systems.',
  'lateral-movement': 'The attacker is moving from office computers towards the systems that control city services.',
  collection: 'The attacker is gathering information about how the city’s equipment works.',
  'command-and-control': 'The attacker is remote-controlling the computers they took over.',
  'inhibit-response-function': 'The attacker is disabling the safety systems that would let staff fix things.',
  'impair-process-control': 'The attacker is tampering with how equipment is controlled.',
  impact: 'The attacker is switching equipment off or breaking it: people are feeling it now.',
};

/** The stages in the order an attack goes through them, with short names for a progress bar. */
export const STAGE_SHORT: Record<IcsTactic, string> = {
  'initial-access': 'Got in',
  execution: 'Ran tools',
  persistence: 'Stayed in',
  'privilege-escalation': 'More rights',
  evasion: 'Hid',
  discovery: 'Looked around',
  'lateral-movement': 'Moved closer',
  collection: 'Gathered data',
  'command-and-control': 'Remote control',
  'inhibit-response-function': 'Disabled safety',
  'impair-process-control': 'Tampered',
  impact: 'Disrupted service',
};

/** Response actions as a person would describe them. */
export const ACTION_WORDS: Record<ActionKind, string> = {
  'isolate-device': 'Cut the device off the network',
  'safe-mode': 'Put the device into its safe mode',
  'fallback-mode': 'Run the service in its manual fallback mode',
  'block-address': 'Block an address at the firewall',
  'disable-account': 'Disable a user or remote-access account',
  'rotate-credentials': 'Replace the device’s passwords and keys',
  notify: 'Tell the people who need to know',
  'open-ticket': 'Open a ticket for the follow-up work',
};

/** Where a response action stands. */
export const ACTION_STATUS_WORDS: Record<ActionStatus, string> = {
  proposed: 'Proposed',
  'awaiting-approval': 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  running: 'Being carried out',
  done: 'Done',
  failed: 'Failed',
  undone: 'Undone',
  expired: 'Expired',
};

/** What a device kind is, for someone who has never seen one. */
export const ASSET_KIND_WORDS: Record<AssetKind, string> = {
  breaker: 'Circuit breaker — switches power to a part of the city',
  rtu: 'Remote terminal unit — passes commands from the control room to a substation',
  'serial-gateway': 'Serial gateway — connects old substation equipment to the network',
  'protection-relay': 'Protection relay — trips the power off when something is dangerous',
  ups: 'Backup battery (UPS) — keeps control equipment running in a power cut',
  'signal-controller': 'Traffic-light controller',
  plc: 'Process controller (PLC) — runs pumps and valves automatically',
  tank: 'Water tank',
  pump: 'Water pump',
  valve: 'Water valve',
  'pressure-sensor': 'Water pressure sensor',
  'dosing-pump': 'Chemical dosing pump — adds treatment chemicals to drinking water',
  siren: 'Public warning siren',
  'dispatch-server': 'Emergency-call (112) dispatch server',
  'street-light': 'Street light',
  camera: 'Camera',
  nvr: 'Video recorder',
  workstation: 'Office computer',
  hmi: 'Control-room screen (HMI) — where staff operate equipment',
  'scada-server': 'Control-system server (SCADA)',
  'vpn-gateway': 'Remote-access (VPN) gateway — how staff and contractors connect from outside',
  'domain-controller': 'Login server for office accounts',
  firewall: 'Firewall',
  server: 'Server',
  historian: 'Historian — stores readings from the equipment',
};

/** Whole numbers with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

/** An estimate to two significant figures: "about 98,000 people" rather than a false "97,608". */
export function formatPeopleEstimate(n: number): string {
  if (n < 100) return formatPeople(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return `about ${formatPeople(Math.round(n / step) * step)}`;
}

/** "1 person" / "12,000 people". */
export function formatPeople(n: number): string {
  return n === 1 ? '1 person' : `${formatCount(n)} people`;
}

let zone: string | undefined;
let TIME = formatters(undefined).time;
let CLOCK = formatters(undefined).clock;

function formatters(timeZone: string | undefined) {
  const z = timeZone ? { timeZone } : {};
  return {
    time: new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', ...z }),
    clock: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', ...z }),
  };
}

/**
 * Shows every time in the city's own time zone (the server's texts use it too), whatever the
 * browser's zone; an unknown zone name leaves the browser's.
 */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  if (timeZone === zone) return;
  try {
    ({ time: TIME, clock: CLOCK } = formatters(timeZone));
    zone = timeZone;
  } catch {
    zone = undefined;
  }
}

/** The zone times are shown in; undefined means the browser's. */
export function displayTimeZone(): string | undefined {
  return zone;
}

/** Date and time, e.g. "Thu 26 Nov, 23:17:05". */
export function formatTime(ts: number): string {
  return TIME.format(ts);
}

/** Time of day, e.g. "23:17:05". */
export function formatClock(ts: number): string {
  return CLOCK.format(ts);
}

/** A duration in the largest sensible unit: "45 s", "12 min", "3 h 5 min". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
