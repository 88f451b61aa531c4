// Every posture check: its category, the standards it answers to and a default fix and effort.
// NIST CSF 2.0 subcategories (NIST CSWP 29, 2024) and IEC 62443-3-3:2013 system requirements;
// patching and end of life have no 62443-3-3 requirement and point to IEC TR 62443-2-3.
import type { CsfRef, Effort, FindingCategory, Iec62443Ref } from '../../../domain/index.js';

const csf = (subcategory: string, name: string): CsfRef => {
  const category = subcategory.slice(0, 5);
  return { function: category.slice(0, 2) as CsfRef['function'], category, subcategory, name };
};
const sr = (id: string, name: string): Iec62443Ref => ({ id, name });

const CSF = {
  inventory: csf('ID.AM-01', 'Inventories of hardware managed by the organization are maintained'),
  lifecycle: csf(
    'ID.AM-08',
    'Systems, hardware, software, services, and data are managed throughout their life cycles',
  ),
  vulnerabilities: csf('ID.RA-01', 'Vulnerabilities in assets are identified, validated, and recorded'),
  credentials: csf(
    'PR.AA-01',
    'Identities and credentials for authorized users, services, and hardware are managed by the organization',
  ),
  authentication: csf('PR.AA-03', 'Users, services, and hardware are authenticated'),
  leastPrivilege: csf(
    'PR.AA-05',
    'Access permissions, entitlements, and authorizations are defined in a policy, managed, enforced, and reviewed',
  ),
  transit: csf(
    'PR.DS-02',
    'The confidentiality, integrity, and availability of data-in-transit are protected',
  ),
  configuration: csf('PR.PS-01', 'Configuration management practices are established and applied'),
  software: csf('PR.PS-02', 'Software is maintained, replaced, and removed commensurate with risk'),
  networks: csf(
    'PR.IR-01',
    'Networks and environments are protected from unauthorized logical access and usage',
  ),
  monitoring: csf(
    'DE.CM-01',
    'Networks and network services are monitored to find potentially adverse events',
  ),
} as const;

const SR = {
  userAuth: sr('SR 1.1', 'Human user identification and authentication'),
  mfaUntrusted: sr('SR 1.1 RE 2', 'Multifactor authentication for untrusted networks'),
  accounts: sr('SR 1.3', 'Account management'),
  authenticators: sr('SR 1.5', 'Authenticator management'),
  passwordStrength: sr('SR 1.7', 'Strength of password-based authentication'),
  untrusted: sr('SR 1.13', 'Access via untrusted networks'),
  integrity: sr('SR 3.1', 'Communication integrity'),
  softwareIntegrity: sr('SR 3.4', 'Software and information integrity'),
  confidentiality: sr('SR 4.1', 'Information confidentiality'),
  segmentation: sr('SR 5.1', 'Network segmentation'),
  boundary: sr('SR 5.2', 'Zone boundary protection'),
  monitoring: sr('SR 6.2', 'Continuous monitoring'),
  leastFunctionality: sr('SR 7.7', 'Least functionality'),
  inventory: sr('SR 7.8', 'Control system component inventory'),
  patching: sr('IEC TR 62443-2-3', 'Patch management in the IACS environment'),
} as const;

/** What a check is and how it maps to the standards. */
export interface CheckDefinition {
  readonly category: FindingCategory;
  readonly effort: Effort;
  readonly fix: string;
  readonly csf: readonly CsfRef[];
  readonly iec62443: readonly Iec62443Ref[];
}

/** The checks of the posture engine by id. */
export const CHECKS = {
  'uninventoried-device': {
    category: 'inventory',
    effort: 'low',
    fix: 'Find out what the device is and who owns it; add it to the city file with its zone, or remove it from the network.',
    csf: [CSF.inventory, CSF.monitoring],
    iec62443: [SR.inventory, SR.monitoring],
  },
  'known-vulnerability': {
    category: 'vulnerability',
    effort: 'medium',
    fix: 'Install the fixed firmware in a maintenance window; until then apply the vendor’s mitigations and keep the device unreachable from less trusted zones.',
    csf: [CSF.vulnerabilities, CSF.software],
    iec62443: [SR.patching],
  },
  'end-of-life': {
    category: 'end-of-life',
    effort: 'high',
    fix: 'Plan the replacement or upgrade; until then isolate the device in its zone and allow only the traffic it needs.',
    csf: [CSF.lifecycle, CSF.software],
    iec62443: [SR.patching, SR.leastFunctionality],
  },
  'default-credentials': {
    category: 'credentials',
    effort: 'low',
    fix: 'Set a unique, strong password (kept in the password vault) and disable unused vendor accounts.',
    csf: [CSF.credentials, CSF.authentication],
    iec62443: [SR.authenticators, SR.passwordStrength],
  },
  'shared-credentials': {
    category: 'credentials',
    effort: 'medium',
    fix: 'Give every operator a personal account (directory login where the product supports it) and retire the shared one.',
    csf: [CSF.credentials, CSF.leastPrivilege],
    iec62443: [SR.userAuth, SR.accounts],
  },
  'plaintext-protocol': {
    category: 'plaintext-protocol',
    effort: 'low',
    fix: 'Turn off the clear-text service and use its encrypted replacement.',
    csf: [CSF.transit, CSF.configuration],
    iec62443: [SR.confidentiality, SR.integrity, SR.leastFunctionality],
  },
  'conduit-plaintext': {
    category: 'plaintext-protocol',
    effort: 'medium',
    fix: 'Carry this traffic through an encrypted, authenticated tunnel (VPN, TLS) between the zones, or remove the protocol from the conduit.',
    csf: [CSF.transit, CSF.networks],
    iec62443: [SR.integrity, SR.confidentiality, SR.boundary],
  },
  'internet-exposed-management': {
    category: 'exposed-management',
    effort: 'low',
    fix: 'Remove the port from the internet (firewall / NAT rule); reach it only through the VPN with a second factor.',
    csf: [CSF.networks, CSF.leastPrivilege],
    iec62443: [SR.untrusted, SR.boundary, SR.leastFunctionality],
  },
  'unsigned-firmware': {
    category: 'unsigned-firmware',
    effort: 'medium',
    fix: 'Turn on firmware signature checking if the model has it; otherwise restrict who can reach its update interface and plan a model that verifies signatures.',
    csf: [CSF.software, CSF.configuration],
    iec62443: [SR.softwareIntegrity],
  },
  'conduit-skips-levels': {
    category: 'zone-crossing',
    effort: 'medium',
    fix: 'Close the conduit, or route the traffic through the DMZ (jump host, broker) and allow only the protocols needed.',
    csf: [CSF.networks],
    iec62443: [SR.segmentation, SR.boundary],
  },
  'undeclared-zone-crossing': {
    category: 'zone-crossing',
    effort: 'medium',
    fix: 'Block the traffic at the zone boundary, or — if it is needed — declare a conduit for it and allow only that protocol.',
    csf: [CSF.networks, CSF.monitoring],
    iec62443: [SR.segmentation, SR.boundary],
  },
  'remote-access-without-mfa': {
    category: 'remote-access',
    effort: 'medium',
    fix: 'Require a second factor (authenticator app or token) for every remote login, starting with the VPN.',
    csf: [CSF.authentication],
    iec62443: [SR.mfaUntrusted, SR.untrusted],
  },
} as const satisfies Record<string, CheckDefinition>;

/** Id of a posture check. */
export type CheckId = keyof typeof CHECKS;
