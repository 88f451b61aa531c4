// Device end-to-end encryption in the running platform: the platform's device keys (created at
// first start), enrolled devices (in the store), the authority that enrolls, rotates and revokes
// them — each change appended to the ledger — and the ingest side: sealed messages opened,
// plaintext from enrolled devices refused, commands signed and sealed, every refusal counted and
// raised as an alert. A rotate-credentials action also revokes the device's keys and issues a new
// one-time enrollment token for the technician.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CityModel, DeviceCommandMessage, RuntimeConfig } from '../../domain/index.js';
import { storeAndPublishAlert, type TechniqueTable } from '../../engines/detection/index.js';
import {
  CommandSealer,
  DeviceAuthority,
  DeviceRegistry,
  exportIdentity,
  generatePlatformIdentity,
  importPlatformIdentity,
  platformPublicKeys,
  TelemetryOpener,
  type DeviceRecord,
  type EnvelopeRejected,
  type PlatformIdentity,
  type PlatformPublicKeys,
  type TelemetryOpened,
  type TrustEvent,
} from '../../engines/device-security/index.js';
import type { DeviceEnvelopes, SealedRefusal } from '../../engines/ingest/index.js';
import type { Bus } from '../../platform/bus/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { DeviceSecurityAlerts } from './device-security-alerts.js';
import type { LedgerSink } from './ledger-stage.js';

/** What the stage is built from. */
export interface DeviceSecurityStageOptions {
  config: RuntimeConfig;
  city: CityModel;
  store: Store;
  bus: Bus;
  clock: Clock;
  log: Logger;
  techniques: TechniqueTable;
  /** Where enrollment, rotation and revocation are recorded; absent when the ledger is off. */
  ledger?: LedgerSink;
}

/** The platform key file the configuration names. */
export function platformKeyPath(config: RuntimeConfig): string {
  return config.devices.platformKeyFile ?? join(config.dataDir, 'device-security', 'platform.key');
}

/** Reads the platform's device-security identity, creating it (mode 0600) on first start. */
export function loadPlatformIdentity(path: string): PlatformIdentity {
  if (existsSync(path)) return importPlatformIdentity(readFileSync(path, 'utf8'));
  const identity = generatePlatformIdentity();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, exportIdentity(identity) + '\n', { mode: 0o600, flag: 'wx' });
  return identity;
}

/** The platform side of device end-to-end encryption. */
export class DeviceSecurityStage implements DeviceEnvelopes {
  /** Refused device messages by reason, and alerts raised for them. */
  readonly refusals: Partial<Record<SealedRefusal['reason'], number>> = {};
  alertsRaised = 0;
  private readonly opener: TelemetryOpener;
  private readonly sealer: CommandSealer;
  private readonly alerts: DeviceSecurityAlerts;
  private readonly raisedKeys = new Set<string>();
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    readonly registry: DeviceRegistry,
    readonly authority: DeviceAuthority,
    readonly platformKeys: PlatformPublicKeys,
    identity: PlatformIdentity,
    private readonly o: DeviceSecurityStageOptions,
  ) {
    const { devices, twin } = o.config;
    // The twin's clock runs `speed` times faster; the tolerance is for real network delays.
    const speed = twin.enabled ? Math.max(1, twin.speed) : 1;
    this.opener = new TelemetryOpener(registry, identity, { clock: o.clock, maxSkewMs: devices.maxSkewS * 1000 * speed });
    this.sealer = new CommandSealer(registry, identity, o.clock);
    this.alerts = new DeviceSecurityAlerts(o.city, o.techniques, o.clock, devices.alertWindowS * 1000);
  }

  /** Loads the platform keys and the enrolled devices. */
  static async start(o: DeviceSecurityStageOptions): Promise<DeviceSecurityStage> {
    const identity = loadPlatformIdentity(platformKeyPath(o.config));
    const registry = await DeviceRegistry.load(o.store.state);
    const authority = new DeviceAuthority(registry, identity, { clock: o.clock, tokenTtlMs: o.config.devices.tokenTtlS * 1000 });
    return new DeviceSecurityStage(registry, authority, platformPublicKeys(identity), identity, o);
  }

  open(bytes: Uint8Array): TelemetryOpened | EnvelopeRejected {
    return this.opener.open(bytes);
  }

  sealedOnly(assetId: string): boolean {
    return this.o.config.devices.requireSealed && this.registry.get(assetId) !== undefined;
  }

  sealCommand(assetId: string, message: DeviceCommandMessage): Buffer | undefined {
    return this.registry.get(assetId)?.status === 'active' ? this.sealer.seal(assetId, message) : undefined;
  }

  refused(r: SealedRefusal): void {
    this.refusals[r.reason] = (this.refusals[r.reason] ?? 0) + 1;
    const alert = this.alerts.alertFor(r);
    if (this.raisedKeys.has(alert.dedupKey)) return;
    this.raisedKeys.add(alert.dedupKey);
    if (this.raisedKeys.size > 10_000) this.raisedKeys.clear();
    this.pending = this.pending.then(async () => {
      try {
        if (await storeAndPublishAlert(this.o.store.alerts, this.o.bus, alert)) this.alertsRaised += 1;
      } catch (err) {
        this.o.log.error({ err, alertId: alert.id }, 'could not raise a device-security alert');
      }
    });
  }

  /** Opened envelopes and refusals by the opener's reasons. */
  envelopeStats(): ReturnType<TelemetryOpener['stats']> {
    return this.opener.stats();
  }

  /** Issues a one-time enrollment token for a device (recorded). */
  async issueToken(deviceId: string, issuedBy: string): Promise<{ token: string; expiresAt: number }> {
    const { token, expiresAt, event } = await this.authority.issueToken(deviceId, issuedBy);
    await this.recordEvent(event);
    return { token, expiresAt };
  }

  /** Enrolls a device from its sealed request (recorded); throws CG_DEVICE_ENROLLMENT_REJECTED. */
  async enroll(request: Uint8Array): Promise<DeviceRecord> {
    const { device, event } = await this.authority.enroll(request);
    this.opener.forgetDevice(device.deviceId);
    await this.recordEvent(event);
    return device;
  }

  /** Rotates a device to new keys from its sealed request (recorded); throws CG_DEVICE_ROTATION_REJECTED. */
  async rotate(request: Uint8Array): Promise<DeviceRecord> {
    const { device, event } = await this.authority.rotate(request);
    this.opener.forgetDevice(device.deviceId);
    await this.recordEvent(event);
    return device;
  }

  /** Revokes a device's keys (recorded): its envelopes are refused from now on. */
  async revoke(deviceId: string, reason: string, revokedBy: string): Promise<DeviceRecord> {
    const { device, event } = await this.authority.revoke(deviceId, reason, revokedBy);
    this.opener.forgetDevice(deviceId);
    await this.recordEvent(event);
    return device;
  }

  /**
   * After a device's broker credential was rotated (rotate-credentials), distrusts its keys too and
   * writes a new one-time enrollment token next to the credential file, for the technician.
   */
  async afterCredentialRotated(assetId: string): Promise<string | undefined> {
    if (this.registry.get(assetId)?.status !== 'active') return undefined;
    await this.revoke(assetId, 'credentials rotated by response: the device enrolls again with a new token', 'cityguard-response');
    const { token, expiresAt } = await this.issueToken(assetId, 'cityguard-response');
    const dir = join(this.o.config.dataDir, 'credentials');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${assetId.replace(/[^A-Za-z0-9._-]/g, '_')}.enrollment-token`);
    await writeFile(path, `device=${assetId}\ntoken=${token}\nexpires=${new Date(expiresAt).toISOString()}\n`, { mode: 0o600 });
    this.o.log.warn({ assetId, path }, 'device keys revoked after credential rotation; new enrollment token written for the technician');
    return path;
  }

  /** Calls `afterCredentialRotated` whenever ingest rotates a device's broker credential. */
  followCredentialRotation(credentials: { onRotated(listener: (assetId: string) => void): void }): void {
    credentials.onRotated((assetId) => {
      this.pending = this.pending
        .then(() => this.afterCredentialRotated(assetId))
        .then(undefined, (err: unknown) => this.o.log.error({ err, assetId }, 'could not revoke device keys after a credential rotation'));
    });
  }

  /** Waits for alerts being stored and revocations in progress. */
  async stop(): Promise<void> {
    await this.pending;
  }

  private async recordEvent(event: TrustEvent): Promise<void> {
    const p = event.payload;
    const text = `${event.kind.replace('device.', '')} ${String(p['deviceId'])}${p['keyVersion'] !== undefined ? ` (key version ${String(p['keyVersion'])})` : ''}${typeof p['reason'] === 'string' ? `: ${p['reason']}` : ''}`;
    await this.o.ledger?.record({ kind: event.kind, payload: { ...p, by: this.byOf(event), text, deviceTs: event.ts } });
  }

  private byOf(event: TrustEvent): string {
    const p = event.payload;
    for (const k of ['issuedBy', 'revokedBy'] as const) if (typeof p[k] === 'string') return p[k];
    return typeof p['deviceId'] === 'string' ? `device:${p['deviceId']}` : 'cityguard';
  }
}
