// Alerts for device messages refused under end-to-end encryption: forged (bad signature, plaintext
// from an enrolled device, sealed by another device or for another channel) as T0856 Spoof
// Reporting Message; replayed, stale, undecryptable or wrongly keyed as T0830 Adversary-in-the-Middle.
// One alert per device and reason per window, so a flood of forgeries is one alert, not thousands.
import type { Alert, IcsTactic, Severity } from '../../domain/index.js';
import type { CityModel } from '../../domain/index.js';
import { alertIdOf, type TechniqueTable } from '../../engines/detection/index.js';
import type { SealedRefusal, SealedRefusalReason } from '../../engines/ingest/index.js';
import type { Clock } from '../../platform/clock/index.js';

interface ReasonProfile {
  technique: 'T0856' | 'T0830';
  tactic: IcsTactic;
  severity: Severity;
  /** What was wrong, completing "cityguard refused a message … because". */
  because: string;
}

const SPOOF = { technique: 'T0856', tactic: 'impair-process-control' } as const;
const MITM = { technique: 'T0830', tactic: 'collection' } as const;

const PROFILES: Readonly<Record<SealedRefusalReason, ReasonProfile>> = {
  'bad-signature': { ...SPOOF, severity: 'high', because: 'its signature does not match the key the device enrolled with' },
  plaintext: { ...SPOOF, severity: 'high', because: 'it was not encrypted, although this device always encrypts — someone else wrote it' },
  'device-mismatch': { ...SPOOF, severity: 'high', because: 'it was sealed by a different device than the one whose topic carried it' },
  'channel-mismatch': { ...SPOOF, severity: 'high', because: 'it was moved from the channel it was sealed for onto another one' },
  'unknown-device': { ...SPOOF, severity: 'medium', because: 'it claims to come from a device that never enrolled' },
  'revoked-device': { ...SPOOF, severity: 'high', because: 'it was sealed with keys that were revoked — they may have been stolen' },
  replayed: { ...MITM, severity: 'high', because: 'it is a copy of a message already received (a replay)' },
  stale: { ...MITM, severity: 'medium', because: 'it is too old (or dated in the future): it was held back or its time was altered' },
  'decrypt-failed': { ...MITM, severity: 'high', because: 'it was altered on the way: the encryption no longer checks out' },
  'wrong-device-key': { ...MITM, severity: 'medium', because: 'it was sealed with an old key of the device, not its current one' },
  'wrong-platform-key': { ...MITM, severity: 'medium', because: 'it was sealed to a platform key this cityguard does not hold' },
  malformed: { ...MITM, severity: 'medium', because: 'it looks encrypted but is damaged or cut short' },
};

/** Builds the alert of one refused message. */
export class DeviceSecurityAlerts {
  constructor(
    private readonly city: CityModel,
    private readonly techniques: TechniqueTable,
    private readonly clock: Clock,
    private readonly windowMs: number,
  ) {}

  /** The alert for `r` in the current window; the same key for every refusal of that device and reason in the window. */
  alertFor(r: SealedRefusal): Alert {
    const now = this.clock.now();
    const window = Math.floor(now / this.windowMs);
    const dedupKey = `device-security:${r.assetId}:${r.reason}:${window}`;
    const p = PROFILES[r.reason];
    const asset = this.city.assets.get(r.assetId);
    const name = asset?.name ?? r.assetId;
    const kindWords = asset ? asset.kind.replace(/-/g, ' ') : 'device';
    return {
      id: alertIdOf(dedupKey),
      ts: now,
      severity: p.severity,
      detector: { kind: 'device-security', id: `envelope/${r.reason}`, name: 'Device end-to-end encryption' },
      technique: { id: p.technique, name: this.techniques.get(p.technique)?.name ?? p.technique },
      tactic: p.tactic,
      title: `${p.technique === 'T0856' ? 'Forged' : 'Intercepted or replayed'} ${r.channel} message for ${name} refused`,
      explanation: {
        what: `cityguard refused a ${r.channel} message on the topic of ${name} (${kindWords}) because ${p.because}. It was quarantined and not used.`,
        why:
          p.technique === 'T0856'
            ? `Someone on the path between the device and cityguard — a gateway, the broker or the network — is trying to make operators see readings or events the ${kindWords} never sent.`
            : `Someone between the device and cityguard is holding, copying or altering its traffic; what operators see of the ${kindWords} may be delayed or false.`,
        whatToDo: [
          `Check ${name} on site or through another channel before acting on its readings.`,
          'Look for unknown equipment or changes on the network path between the device and the broker (gateways, switches, the broker host).',
          'If its keys may be stolen, run rotate-credentials on it: its keys are revoked and a new one-time enrollment token is issued.',
        ],
      },
      assetIds: asset ? [asset.id] : [],
      ...(asset ? { district: asset.district } : {}),
      evidence: {
        eventIds: [],
        facts: {
          reason: r.reason,
          channel: r.channel,
          quarantineReason: r.quarantineReason,
          detail: r.detail.slice(0, 300),
          ...(r.claimedDeviceId !== undefined ? { claimedDevice: r.claimedDeviceId } : {}),
        },
        window: { fromTs: window * this.windowMs, toTs: (window + 1) * this.windowMs },
      },
      dedupKey,
    };
  }
}
