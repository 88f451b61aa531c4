// Protocols as posture sees them: which carry passwords and commands in clear text, which are
// industrial protocols without authentication, and the names different sources use for them.

/** A clear-text protocol and what replaces it. */
export interface PlaintextProtocol {
  readonly label: string;
  readonly replacement: string;
  /** HTTP and MQTT are fine when the device enforces TLS (security.tls: true). */
  readonly unlessTls: boolean;
  /** Carries logins or configuration, not only data. */
  readonly management: boolean;
}

/** Clear-text protocols by normalised name. */
export const PLAINTEXT: Readonly<Record<string, PlaintextProtocol>> = {
  telnet: { label: 'Telnet', replacement: 'SSH', unlessTls: false, management: true },
  http: { label: 'HTTP', replacement: 'HTTPS only', unlessTls: true, management: true },
  ftp: { label: 'FTP', replacement: 'SFTP', unlessTls: false, management: true },
  tftp: {
    label: 'TFTP',
    replacement: 'SFTP or signed updates over HTTPS',
    unlessTls: false,
    management: true,
  },
  vnc: {
    label: 'VNC',
    replacement: 'a remote session through the jump host with a second factor',
    unlessTls: false,
    management: true,
  },
  mqtt: {
    label: 'MQTT without TLS',
    replacement: 'MQTT over TLS (port 8883) with a certificate or password per device',
    unlessTls: true,
    management: false,
  },
};

/** Industrial protocols with no authentication of their own: whoever reaches them can command. */
export const UNAUTHENTICATED_INDUSTRIAL: ReadonlySet<string> = new Set([
  'modbus',
  'pcom',
  's7comm',
  'dnp3',
  'iec104',
  'bacnet',
  'enip',
  'fins',
  'melsec',
  'tcp-serial',
  'iec60870-5-103',
]);

const ALIASES: Readonly<Record<string, string>> = {
  'modbus-tcp': 'modbus',
  modbustcp: 'modbus',
  'modbus/tcp': 'modbus',
  'iec-104': 'iec104',
  'iec60870-5-104': 'iec104',
  'iec-60870-5-104': 'iec104',
  mqtts: 'mqtt-tls',
  'secure-mqtt': 'mqtt-tls',
  'ethernet/ip': 'enip',
  ethernetip: 'enip',
  rfb: 'vnc',
};

/** Lower-case protocol name with common spellings folded ("Modbus/TCP" → "modbus"). */
export function normaliseProtocol(name: string): string {
  const p = name.trim().toLowerCase();
  return ALIASES[p] ?? p;
}
